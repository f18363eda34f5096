/**
 * The Clipmark database. Opened only in the extension's origin (background, extension pages): in a content
 * script `indexedDB` is the web page's, visible to the site and wiped with its data.
 *
 * Schema changes add a `this.version(n + 1)` with an `.upgrade()`; old versions are never deleted.
 */
import Dexie, { type DBCore, type EntityTable, type Middleware, type Transaction } from 'dexie';
import type { Article, Clipping, Highlight, SettingRow, TagRecord, TrashEntry } from '@/utils/schema';
import type { SerializedIndex } from '@/utils/search';
import { canonicalTags } from '@/utils/tag-names';
import { siteOf } from '@/utils/url';
import { type OutboxRow, outboxMiddleware, type SyncStateRow } from './sync/outbox';

export class ClipmarkDB extends Dexie {
  articles!: EntityTable<Article, 'url'>;
  highlights!: EntityTable<Highlight, 'id'>;
  tags!: EntityTable<TagRecord, 'key'>;
  trash!: EntityTable<TrashEntry, 'id'>;
  /** The search index, saved whole for a fast start after the service worker was stopped. */
  searchIndex!: EntityTable<SavedSearchIndex, 'key'>;
  /** Saved copies of articles (text, HTML, metadata), one per article URL. */
  clippings!: EntityTable<Clipping, 'url'>;
  /** The user's settings, one row per setting. */
  settings!: EntityTable<SettingRow, 'key'>;
  /** Bookkeeping: the library's generation (see `generationMiddleware`). */
  meta!: EntityTable<MetaRow, 'key'>;
  /** The answers to recent writes, by request id, for retries whose first answer was lost (`answer-log.ts`). */
  answers!: EntityTable<AnswerRow, 'id'>;
  /** The user's versions of records an import replaced or moved to the trash, to put back (`library/replaced.ts`). */
  replaced!: EntityTable<ReplacedRow, 'seq'>;
  /** Sync (issue 23): the local writes not yet in a sync document, one row per record (`sync/outbox.ts`). */
  syncOutbox!: EntityTable<OutboxRow, 'id'>;
  /** Sync's own state: settings, the applied checkpoint, the last run (`sync/`). Never synced, never exported. */
  syncState!: EntityTable<SyncStateRow, 'key'>;
  /** Transactions of the sync itself, whose writes are not recorded in the outbox (they came from it). */
  readonly syncApplying = new WeakSet<object>();
  /**
   * Whether writes to synced tables are recorded in the outbox: only while a sync replica is set up (its
   * `backfilled` state; read when the database opens, before any other query). Switched on by the engine's
   * backfill, off by the sync service when sync is turned off or pointed elsewhere.
   */
  syncRecording = false;
  /** Called for each of this connection's committed writes (see `generationMiddleware`). */
  private readonly generationListeners = new Set<GenerationListener>();

  /**
   * Calls `listener` whenever a write through this connection commits, with the library's generation it left and
   * the one it started from: the generations in `(from, generation]` are this connection's writes. Compared with
   * the generation stored, it tells whether every write went through this connection. Returns an unsubscribe.
   */
  onGenerationCommitted(listener: GenerationListener): () => void {
    this.generationListeners.add(listener);
    return () => this.generationListeners.delete(listener);
  }

  constructor(name = 'clipmark') {
    super(name);
    // v1 (0.1.0): articles by URL; highlights with a multi-entry tag index.
    this.version(1).stores({
      articles: 'url, updatedAt',
      highlights: 'id, url, *tags, createdAt, updatedAt',
    });
    // v2: articles get `site` and `meta`; a tags table unique by folded name; a trash for undoable deletes.
    this.version(2)
      .stores({
        articles: 'url, site, updatedAt',
        highlights: 'id, url, *tags, color, createdAt, updatedAt',
        tags: 'key, name',
        trash: 'id, deletedAt',
      })
      .upgrade(upgradeToV2);
    // v3: a saved search index (derived data: safe to drop, rebuilt from the highlights when missing or stale).
    this.version(3).stores({ searchIndex: 'key' });
    // v4: clippings (saved article copies) and settings. New tables only: nothing to upgrade.
    this.version(4).stores({ clippings: 'url, savedAt', settings: 'key' });
    // v5: bookkeeping rows; the first is the library's generation. New table only: nothing to upgrade.
    this.version(5).stores({ meta: 'key' });
    // v6: the answers to recent writes, kept with each write so a retry after a lost answer gets the same one
    // (entrypoints/background/answer-log.ts). New table only: nothing to upgrade.
    this.version(6).stores({ answers: 'id, at' });
    // v7: the user's versions of records an imported file replaced or trashed, newest last (issue 15, finding
    // 5; export/merge.ts, library/replaced.ts). New table only: nothing to upgrade.
    this.version(7).stores({ replaced: '++seq, at' });
    // ── Sync (issue 23) ─────────────────────────────────────────────────────────────────────────────────────
    // v8: the sync outbox (one row per record written since its last sync document) and sync's own state.
    // New tables only: nothing to upgrade; enabling sync records every existing record once.
    this.version(8).stores({ syncOutbox: 'id', syncState: 'key' });
    this.use(outboxMiddleware(this.syncApplying, () => this.syncRecording));
    // Dexie waits for this before any other query: no write can come before the flag is known. Rows left from
    // before (v8 recorded every write, sync set up or not) are dropped when no replica needs them.
    this.on('ready', async (vip) => {
      this.syncRecording = (await vip.table('syncState').get('backfilled'))?.value === true;
      if (!this.syncRecording && (await vip.table('syncOutbox').count()) > 0)
        await vip.table('syncOutbox').clear();
    });
    // ── end of sync ─────────────────────────────────────────────────────────────────────────────────────────
    this.use(
      generationMiddleware((generation, from) => {
        for (const listener of this.generationListeners) listener(generation, from);
      }),
    );
  }
}

/** A committed transaction's generations: the one it left, and the one before its first write. */
export type GenerationListener = (generation: number, from: number) => void;

/** Bookkeeping rows. `generation` counts writes to highlights and articles (see `generationMiddleware`). */
export interface MetaRow {
  key: 'generation';
  value: number;
}

/**
 * The answer to one write, kept a few minutes (`entrypoints/background/answer-log.ts`). Derived bookkeeping: not in backups,
 * not counted by the generation.
 */
export interface AnswerRow {
  /** The request id the sender gave the write, the same on its retries. */
  id: string;
  /** The message type and who sent it (`answer-log.ts` `senderKey`): a retry must match both. */
  type: string;
  sender: string;
  /** When it was kept (the answer log's clock). */
  at: number;
  /** The handler's answer, as it was sent. */
  value: unknown;
}

/**
 * A record of the library as it was before an import replaced it or moved it to the trash (or before the user put
 * back another version): kept so nothing an import did is beyond recall. Not in backups: it is this computer's
 * history of its imports.
 */
export interface ReplacedRow {
  /** Auto-incremented: the order they were kept in. */
  seq?: number;
  /** When it was replaced. */
  at: number;
  /** What replaced it: an imported file, or the user putting back another version (`replaced.restore`). */
  cause: 'import' | 'put-back';
  /** `trashed`: a file's deletion moved the highlight to the trash (the trash holds this same version). */
  change: 'replaced' | 'trashed';
  /** The highlight's id, or the article's key. */
  key: string;
  /** The record as it was stored: a live highlight, a trash entry, an article record or a saved copy. */
  previous: ReplacedState;
}

export type ReplacedState =
  | { kind: 'highlight'; highlight: Highlight }
  | { kind: 'trash'; entry: TrashEntry }
  | { kind: 'article'; article: Article }
  | { kind: 'clipping'; clipping: Clipping };

/** Tables whose every write moves the library's generation on: what the saved search index is built from. */
const COUNTED_TABLES: ReadonlySet<string> = new Set(['highlights', 'articles']);

/**
 * Every write to highlights or articles also adds one to the `generation` row, in the same transaction, so the
 * saved search index can tell in one read whether the library changed since it was saved — instead of counting
 * every highlight on each cold start. Works below Dexie's tables: each read-write transaction that touches a
 * counted table gets `meta` added to its scope, whoever opened it (a `db.transaction`, a bulk import, a hook).
 * Upgrade transactions are skipped until `meta` exists; a saved index older than the counter is rebuilt anyway.
 * `committed` gets the generation a transaction left once it has committed, and the one it started from.
 * Read-write transactions that share `meta` run one at a time, so those spans never overlap.
 */
export const generationMiddleware = (committed: GenerationListener): Middleware<DBCore> => ({
  stack: 'dbcore',
  name: 'clipmark-generation',
  create(down) {
    /** Per transaction, the generation before its first write and the one its last write set; reported on commit. */
    const pending = new WeakMap<object, { from: number; to: number }>();
    return {
      ...down,
      transaction(stores, mode, options) {
        const widen =
          mode === 'readwrite' && stores.some((s) => COUNTED_TABLES.has(s)) && !stores.includes('meta');
        return down.transaction(widen ? [...stores, 'meta'] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!COUNTED_TABLES.has(name)) return table;
        return {
          ...table,
          async mutate(req) {
            const result = await table.mutate(req);
            const scope = (req.trans as unknown as IDBTransaction).objectStoreNames;
            if (scope?.contains('meta')) {
              const meta = down.table('meta');
              const row: MetaRow | undefined = await meta.get({ trans: req.trans, key: 'generation' });
              const before = row?.value ?? 0;
              const next: MetaRow = { key: 'generation', value: before + 1 };
              await meta.mutate({ type: 'put', trans: req.trans, values: [next] });
              const span = pending.get(req.trans);
              if (span) span.to = next.value;
              else {
                const started = { from: before, to: next.value };
                pending.set(req.trans, started);
                (req.trans as unknown as IDBTransaction).addEventListener('complete', () => {
                  committed(started.to, started.from);
                });
              }
            }
            return result;
          },
        };
      },
    };
  },
});

/** The library's generation: changes with every committed write to highlights or articles. */
export async function libraryGeneration(db: ClipmarkDB): Promise<number> {
  return (await db.meta.get('generation'))?.value ?? 0;
}

/** The search index as saved, with the fingerprint of the library it was built from. */
export interface SavedSearchIndex {
  key: 'main';
  fingerprint: string;
  data: SerializedIndex;
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('articles')
    .toCollection()
    .modify((article: Partial<Article> & { url: string }) => {
      article.site ??= siteOf(article.url);
      article.meta ??= {};
    });
  // Build the tag table from the tags already on highlights: first spelling wins, others are renamed to it.
  const known = new Map<string, string>();
  const now = Date.now();
  await tx
    .table('highlights')
    .toCollection()
    .modify((highlight: Highlight) => {
      highlight.tags = canonicalTags(highlight.tags, known);
    });
  await tx
    .table('tags')
    .bulkPut([...known].map(([key, name]): TagRecord => ({ key, name, color: null, createdAt: now })));
}
