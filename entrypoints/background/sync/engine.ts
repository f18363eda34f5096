/**
 * One sync run (docs/sync.md): local writes (the outbox) become sync documents in the local
 * PouchDB; PouchDB replicates with the server (its protocol, its checkpoints); conflicted documents are merged
 * by `utils/sync/merge.ts`; what changed is applied to Dexie, a batch per transaction with the checkpoint.
 * Every step can be cut by a worker stop and done again: nothing is applied twice, nothing is lost.
 */
import type { Table } from 'dexie';
import type PouchDBBrowser from 'pouchdb-browser';
import { canonicalJson, withoutImages } from '@/utils/export/backup';
import {
  type Article,
  ArticleSchema,
  type Clipping,
  ClippingSchema,
  type Highlight,
  HighlightSchema,
  type SettingRow,
  SettingsSchema,
  type TagRecord,
  TagRecordSchema,
  type TrashEntry,
} from '@/utils/schema';
import {
  CLIPPING_ATTACHMENT,
  docIdOf,
  isSyncDoc,
  MAX_CLIPPING_BYTES,
  openAttachment,
  openDoc,
  type StoredDoc,
  sealAttachment,
  sealDoc,
} from '@/utils/sync/codec';
import {
  createKeyParams,
  type KeyParams,
  type SyncKeys,
  unlockKeys,
  WrongPassphraseError,
} from '@/utils/sync/crypto';
import type {
  ArticleDoc,
  ClippingDoc,
  HighlightDoc,
  LocalHighlight,
  NoteAlternative,
  SettingDoc,
  SyncDoc,
  TagDoc,
} from '@/utils/sync/docs';
import {
  articleOf,
  freshHighlightDoc,
  localHighlightOf,
  settingDoc,
  tagOf,
  withLocalArticleEdits,
  withLocalHighlightEdits,
  withLocalTagEdits,
} from '@/utils/sync/local';
import { compareJson, mergeDocs } from '@/utils/sync/merge';
import { tagKey } from '@/utils/tag-names';
import { siteOf } from '@/utils/url';
import type { ClipmarkDB } from '../database';
import { type OutboxRow, outboxId, SYNCED_TABLES } from './outbox';

/** The PouchDB constructor (pouchdb-browser in the extension and the tests). */
export type PouchStatic = typeof PouchDBBrowser;

export interface SyncConfig {
  /** The server's address, e.g. `https://couch.example.org`. */
  server: string;
  /** The database on it (default `clipmark`). */
  database: string;
  username?: string;
  password?: string;
  /** Set: the server gets only ciphertext. */
  passphrase?: string;
}

export interface SyncRunResult {
  /** Documents written to the local sync database from local writes. */
  pushed: number;
  /** Documents the replication brought from the server. */
  pulled: number;
  /** Records written to the library from sync documents. */
  applied: number;
  /** Conflicted documents merged. */
  merged: number;
  /** Documents that could not be read or failed validation; left on the server, not applied. */
  rejected: number;
}

/** How a run may be bounded: stopped from outside (a deadline, the worker going away), in batches of a size. */
export interface SyncRunOptions {
  signal?: AbortSignal;
  /** Documents per replication batch, outbox batch and apply transaction (default 100). */
  batchSize?: number;
  /**
   * Called as work gets done: documents replicated so far, batches applied so far, and once replication is
   * done (`replicated`, awaited before anything is applied).
   */
  onProgress?: (progress: {
    phase: 'replicate' | 'replicated' | 'apply';
    count: number;
  }) => void | Promise<void>;
}

export class SyncError extends Error {
  constructor(
    readonly code: 'wrong-passphrase' | 'passphrase-needed' | 'not-encrypted' | 'server' | 'stopped',
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

const KEYS_DOC = 'clipmark-keys';

/** A passphrase change under way: the key record it puts on the server (kept by the caller between runs). */
export interface PendingRekey {
  record: KeysDoc;
}
export type KeepRekey = (pending: PendingRekey) => Promise<void>;

function sameKeyRecord(a: KeysDoc, b: KeysDoc): boolean {
  return (
    a.encryption === b.encryption && JSON.stringify(a.params ?? null) === JSON.stringify(b.params ?? null)
  );
}
const DEFAULT_BATCH = 100;

export interface KeysDoc {
  _id: string;
  _rev?: string;
  encryption: 'none' | 'pbkdf2-aes-gcm';
  params?: KeyParams;
}

export interface SyncEngineOptions {
  db: ClipmarkDB;
  PouchDB: PouchStatic;
  config: SyncConfig;
  /** The local sync database's name (one per library). */
  localName?: string;
  now?: () => number;
  /** For tests: the PBKDF2 cost of a new key. */
  iterations?: number;
  /** The fetch the server is reached with (tests: one that bypasses the test DOM's response cache). */
  fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
}

export function remoteUrl(config: SyncConfig): string {
  return `${config.server.replace(/\/+$/, '')}/${encodeURIComponent(config.database)}`;
}

export function createSyncEngine({
  db,
  PouchDB,
  config,
  localName = 'clipmark-sync',
  now = Date.now,
  iterations,
  fetch,
}: SyncEngineOptions) {
  const local = new PouchDB<StoredDoc>(localName);
  const remote = new PouchDB<StoredDoc>(remoteUrl(config), {
    skip_setup: false,
    ...(fetch ? { fetch } : {}),
    ...(config.username ? { auth: { username: config.username, password: config.password ?? '' } } : {}),
  });
  let keys: SyncKeys | null | undefined;
  /** The key record `keys` were made from. */
  let keysFrom: string | undefined;
  /** The current run's batch size and stop signal. */
  let batch = DEFAULT_BATCH;
  let signal: AbortSignal | undefined;
  let progress: SyncRunOptions['onProgress'];
  const checkStopped = () => {
    if (signal?.aborted)
      throw new SyncError('stopped', 'The sync run was stopped; the next run goes on from here.');
  };

  /** The keys this database uses, creating its key record on first use; nothing is written on a mismatch. */
  async function connect(): Promise<SyncKeys | null> {
    // Read every run: another device may have changed the passphrase (re-encrypted the database) meanwhile.
    let stored: KeysDoc | null = null;
    try {
      stored = (await remote.get(KEYS_DOC)) as unknown as KeysDoc;
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
    if (!stored) {
      const created: KeysDoc = config.passphrase
        ? {
            _id: KEYS_DOC,
            encryption: 'pbkdf2-aes-gcm',
            params: (await createKeyParams(config.passphrase, iterations)).params,
          }
        : { _id: KEYS_DOC, encryption: 'none' };
      try {
        await remote.put(created as never);
      } catch (error) {
        if ((error as { status?: number }).status !== 409) throw error;
      }
      // Read back: another device may have set it up first.
      stored = (await remote.get(KEYS_DOC)) as unknown as KeysDoc;
    }
    const fingerprint = JSON.stringify([stored.encryption, stored.params ?? null]);
    if (keys !== undefined && fingerprint === keysFrom) return keys;
    keys = undefined;
    keysFrom = fingerprint;
    if (stored.encryption === 'none') {
      if (config.passphrase) {
        throw new SyncError(
          'not-encrypted',
          'This sync database is not encrypted; remove the passphrase or use another database.',
        );
      }
      keys = null;
    } else {
      if (!config.passphrase || !stored.params) {
        throw new SyncError('passphrase-needed', 'This sync database is encrypted: enter its passphrase.');
      }
      try {
        keys = await unlockKeys(stored.params, config.passphrase);
      } catch (error) {
        if (error instanceof WrongPassphraseError) throw new SyncError('wrong-passphrase', error.message);
        throw error;
      }
    }
    return keys;
  }

  const state = db.syncState;
  async function getState<T>(key: string, fallback: T): Promise<T> {
    return ((await state.get(key))?.value as T | undefined) ?? fallback;
  }

  async function readDoc(id: string): Promise<{ stored: StoredDoc; doc: SyncDoc } | null> {
    try {
      const stored = await local.get(id);
      return { stored, doc: await openDoc(stored, keys ?? null) };
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }

  async function writeDoc(
    id: string,
    doc: SyncDoc,
    previous: StoredDoc | null,
    attachments?: StoredDoc['_attachments'],
  ): Promise<void> {
    const sealed = await sealDoc(id, doc, keys ?? null);
    await local.put({
      ...sealed,
      ...(previous?._rev ? { _rev: previous._rev } : {}),
      ...(attachments ? { _attachments: attachments } : {}),
    });
  }

  /** Records every record of the library in the outbox once, as "fresh" (merged with the server's, not over it). */
  async function backfill(): Promise<void> {
    if (await getState('backfilled', false)) return;
    await db.transaction(
      'rw',
      [db.syncOutbox, db.syncState, ...SYNCED_TABLES.map((t) => db.table(t))],
      async () => {
        // From now on every write is recorded (the tables are locked by this transaction: none slips between).
        db.syncRecording = true;
        const at = now();
        const rows: OutboxRow[] = [];
        for (const table of SYNCED_TABLES) {
          for (const key of await db.table(table).toCollection().primaryKeys()) {
            rows.push({ id: outboxId(table, String(key)), table, key: String(key), before: FRESH, at });
          }
        }
        await db.syncOutbox.bulkPut(rows);
        await state.put({ key: 'backfilled', value: true });
      },
    );
  }

  // ── Local writes → documents ──────────────────────────────────────────────────────────────────────────────

  async function localHighlight(id: string): Promise<LocalHighlight> {
    const [live, trashed] = await Promise.all([db.highlights.get(id), db.trash.get(id)]);
    if (live) return { state: 'live', highlight: live };
    if (trashed) return { state: 'trashed', highlight: trashed.highlight, deletedAt: trashed.deletedAt };
    return { state: 'gone' };
  }

  function beforeHighlight(
    live: OutboxRow | undefined,
    trash: OutboxRow | undefined,
    now: LocalHighlight,
  ): LocalHighlight | typeof FRESH {
    if (live?.before === FRESH || trash?.before === FRESH) return FRESH;
    const h = live ? (live.before as Highlight | null) : now.state === 'live' ? now.highlight : null;
    if (h) return { state: 'live', highlight: h };
    const t = trash
      ? (trash.before as TrashEntry | null)
      : now.state === 'trashed'
        ? { highlight: now.highlight, deletedAt: now.deletedAt }
        : null;
    if (t) return { state: 'trashed', highlight: t.highlight, deletedAt: t.deletedAt };
    return { state: 'gone' };
  }

  /** Turns outbox rows into documents; returns how many documents changed. */
  async function pushOutbox(): Promise<number> {
    let pushed = 0;
    for (;;) {
      checkStopped();
      const rows = await db.syncOutbox.limit(batch).toArray();
      if (rows.length === 0) return pushed;
      const byId = new Map(rows.map((r) => [r.id, r]));
      const done = new Set<string>();
      for (const row of rows) {
        if (done.has(row.id)) continue;
        if (row.table === 'highlights' || row.table === 'trash') {
          const live =
            byId.get(outboxId('highlights', row.key)) ??
            (await db.syncOutbox.get(outboxId('highlights', row.key)));
          const trash =
            byId.get(outboxId('trash', row.key)) ?? (await db.syncOutbox.get(outboxId('trash', row.key)));
          const current = await localHighlight(row.key);
          const before = beforeHighlight(live, trash, current);
          const id = await docIdOf('highlight', row.key, keys ?? null);
          const existing = await readDoc(id);
          const at = Math.max(live?.at ?? 0, trash?.at ?? 0);
          const doc =
            before === FRESH
              ? freshMerge(existing?.doc as HighlightDoc | undefined, freshHighlightDoc(row.key, current, at))
              : withLocalHighlightEdits(
                  (existing?.doc as HighlightDoc) ?? null,
                  before,
                  current,
                  at,
                  row.key,
                  live?.tagAdds,
                );
          if (await putIfChanged(id, doc, existing)) pushed++;
          for (const r of [live, trash]) if (r) done.add(r.id);
          await settle([live, trash], (r) =>
            r.table === 'highlights'
              ? current.state === 'live'
                ? current.highlight
                : null
              : current.state === 'trashed'
                ? { id: row.key, deletedAt: current.deletedAt, highlight: current.highlight }
                : null,
          );
          continue;
        }
        done.add(row.id);
        const { changed, sent } = await pushOther(row);
        if (changed) pushed++;
        await settle([row], () => sent);
      }
    }
  }

  async function pushOther(row: OutboxRow): Promise<{ changed: boolean; sent: unknown }> {
    const fresh = row.before === FRESH;
    if (row.table === 'clippings') return pushClipping(row);
    if (row.table === 'articles') {
      const current = (await db.articles.get(row.key)) ?? null;
      const id = await docIdOf('article', row.key, keys ?? null);
      const existing = await readDoc(id);
      const previous = (existing?.doc as ArticleDoc | undefined) ?? null;
      const doc = fresh
        ? freshMerge(previous ?? undefined, withLocalArticleEdits(null, null, current, row.at, row.key))
        : withLocalArticleEdits(previous, row.before as Article | null, current, row.at, row.key);
      return { changed: await putIfChanged(id, doc, existing), sent: current };
    }
    if (row.table === 'tags') {
      const current = (await db.tags.get(row.key)) ?? null;
      const id = await docIdOf('tag', row.key, keys ?? null);
      const existing = await readDoc(id);
      const previous = (existing?.doc as TagDoc | undefined) ?? null;
      const doc = fresh
        ? freshMerge(previous ?? undefined, withLocalTagEdits(null, null, current, row.at, row.key))
        : withLocalTagEdits(previous, row.before as TagRecord | null, current, row.at, row.key);
      return { changed: await putIfChanged(id, doc, existing), sent: current };
    }
    const current = (await db.settings.get(row.key as SettingRow['key'])) ?? null;
    if (!current) return { changed: false, sent: null };
    const id = await docIdOf('setting', row.key, keys ?? null);
    const existing = await readDoc(id);
    // Set before sync was enabled: time 0, so any choice made on a device since wins.
    const mine = settingDoc(current.key, current.value, fresh ? 0 : row.at);
    return {
      changed: await putIfChanged(id, freshMerge(existing?.doc as SettingDoc | undefined, mine), existing),
      sent: current,
    };
  }

  /** A saved copy: the document says which copy, the attachment holds it (16 MiB at most, else not synced). */
  async function pushClipping(row: OutboxRow): Promise<{ changed: boolean; sent: unknown }> {
    const current = (await db.clippings.get(row.key)) ?? null;
    const id = await docIdOf('clipping', row.key, keys ?? null);
    const existing = await readDoc(id);
    const previous = (existing?.doc as ClippingDoc | undefined) ?? null;
    if (!current) {
      // Nothing sent yet, or gone there already: nothing to tell.
      if (!previous || row.before === FRESH) return { changed: false, sent: null };
      if (previous.state.value !== 'live') return { changed: false, sent: null };
      const gone: ClippingDoc = { ...previous, digest: null, size: 0, state: { value: 'gone', at: row.at } };
      await writeDoc(id, gone, existing?.stored ?? null);
      return { changed: true, sent: null };
    }
    const attachment = await sealAttachment(id, current.article, keys ?? null);
    if (attachment.size > MAX_CLIPPING_BYTES) {
      console.warn('[clipmark] sync: a saved copy over 16 MiB is kept on this computer only', row.key);
      return { changed: false, sent: current };
    }
    const mine: ClippingDoc = {
      kind: 'clipping',
      url: current.url,
      savedAt: current.savedAt,
      digest: attachment.digest,
      size: attachment.size,
      state: { value: 'live', at: previous && previous.state.value !== 'live' ? row.at : current.savedAt },
    };
    // Enabling sync with a copy the server has a newer one of: the newer stays.
    const doc = row.before === FRESH && previous ? (mergeDocs([previous, mine]) as ClippingDoc) : mine;
    if (doc !== mine && doc.digest !== mine.digest) return { changed: false, sent: current };
    if (previous && compareJson(previous, doc) === 0) return { changed: false, sent: current };
    await writeDoc(id, doc, existing?.stored ?? null, {
      [CLIPPING_ATTACHMENT]: { content_type: attachment.contentType, data: attachment.data },
    });
    return { changed: true, sent: current };
  }

  function freshMerge<T extends SyncDoc>(existing: T | undefined, mine: T): T {
    return existing ? (mergeDocs([existing, mine]) as T) : mine;
  }

  async function putIfChanged(
    id: string,
    doc: SyncDoc,
    existing: { stored: StoredDoc; doc: SyncDoc } | null,
  ) {
    if (existing && compareJson(existing.doc, doc) === 0) return false;
    await writeDoc(id, doc, existing?.stored ?? null);
    return true;
  }

  /**
   * Drops rows that were turned into documents — unless written again meanwhile: then the row stays, with the
   * state just sent as its `before`, so only the newer edits go next time.
   */
  async function settle(rows: (OutboxRow | undefined)[], sent: (row: OutboxRow) => unknown) {
    await db.transaction('rw', db.syncOutbox, async () => {
      for (const row of rows) {
        if (!row) continue;
        const stored = await db.syncOutbox.get(row.id);
        if (!stored) continue;
        if (stored.at === row.at) await db.syncOutbox.delete(row.id);
        else await db.syncOutbox.put({ ...stored, before: sent(row) });
      }
    });
  }

  // ── Conflicts ─────────────────────────────────────────────────────────────────────────────────────────────

  /** Merges every leaf of a conflicted document into the winner and deletes the others. */
  async function resolve(id: string): Promise<void> {
    const leaves = (await local.get(id, { open_revs: 'all' })) as unknown as { ok?: StoredDoc }[];
    const live = leaves.flatMap((l) => (l.ok && !l.ok._deleted ? [l.ok] : []));
    const winner = await local.get(id);
    const docs = await Promise.all(live.map((s) => openDoc(s, keys ?? null)));
    const merged = mergeDocs(docs);
    const winnerDoc = await openDoc(winner, keys ?? null);
    const writes: object[] = live
      .filter((s) => s._rev !== winner._rev)
      .map((s) => ({ _id: id, _rev: s._rev, _deleted: true }));
    if (compareJson(merged, winnerDoc) !== 0) {
      let attachments: StoredDoc['_attachments'];
      if (merged.kind === 'clipping' && merged.digest !== null && merged.state.value === 'live') {
        // The chosen copy's attachment goes with it onto the winning revision.
        const source = live[docs.findIndex((d) => d.kind === 'clipping' && d.digest === merged.digest)];
        if (source?._rev)
          attachments = (await local.get(id, { rev: source._rev, attachments: true }))._attachments;
      }
      writes.push({
        ...(await sealDoc(id, merged, keys ?? null)),
        _rev: winner._rev,
        ...(attachments ? { _attachments: attachments } : {}),
      });
    }
    await local.bulkDocs(writes as never[]);
  }

  // ── Documents → the library ───────────────────────────────────────────────────────────────────────────────

  async function applyChanges(): Promise<{ applied: number; merged: number; rejected: number }> {
    let applied = 0;
    let merged = 0;
    let rejected = 0;
    let batches = 0;
    for (;;) {
      checkStopped();
      const since = await getState<number | string>('applied', 0);
      const changes = await local.changes({ since, limit: batch, include_docs: true, conflicts: true });
      if (changes.results.length === 0) break;
      const ready: SyncDoc[] = [];
      /** The saved copies the clipping documents hold, read before the transaction (it awaits only Dexie). */
      const copies = new Map<string, Clipping>();
      for (const change of changes.results) {
        const stored = change.doc as StoredDoc | undefined;
        if (!stored || stored._deleted || !isSyncDoc(stored)) continue;
        if (stored._conflicts?.length) {
          await resolve(stored._id);
          merged++;
          continue; // the merged version comes later in the feed
        }
        try {
          const doc = await openDoc(stored, keys ?? null);
          // A document says which record it is twice, in its id and its content: they must agree.
          if ((await docIdOf(doc.kind, keyOf(doc), keys ?? null)) !== stored._id) {
            throw new Error('its id is not the one of the record it holds');
          }
          if (doc.kind === 'clipping' && doc.state.value === 'live' && doc.digest !== null) {
            const full = await local.get(stored._id, { attachments: true });
            const data = full._attachments?.[CLIPPING_ATTACHMENT]?.data;
            if (!data) throw new Error('the saved copy is missing');
            const clipping = ClippingSchema.safeParse({
              url: doc.url,
              savedAt: doc.savedAt,
              article: await openAttachment(stored._id, data, keys ?? null),
            });
            if (!clipping.success) throw new Error('the saved copy is not one Clipmark can read');
            copies.set(doc.url, clipping.data);
          }
          ready.push(doc);
        } catch (error) {
          rejected++;
          console.warn('[clipmark] sync: unreadable document', stored._id, error);
        }
      }
      const tables: Table[] = [
        db.clippings,
        db.highlights,
        db.trash,
        db.articles,
        db.tags,
        db.settings,
        db.syncOutbox,
        db.syncState,
      ];
      await db.transaction('rw', tables, async (tx) => {
        db.syncApplying.add(tx.idbtrans);
        // The highlights whose note has alternatives waiting for the user (`sync.status`, the editor).
        const conflicts = new Set(await getState<string[]>('conflicts', []));
        for (const doc of ready) {
          const result = await applyDoc(doc, copies);
          if (result === 'rejected') rejected++;
          else if (result === 'written') applied++;
          if (doc.kind === 'highlight') {
            if (result !== 'rejected' && doc.state.value !== 'gone' && (doc.body?.note.alt.length ?? 0) > 0) {
              conflicts.add(doc.id);
            } else conflicts.delete(doc.id);
          }
        }
        await state.put({ key: 'conflicts', value: [...conflicts].sort() });
        await state.put({ key: 'applied', value: changes.last_seq });
      });
      await progress?.({ phase: 'apply', count: ++batches });
    }
    return { applied, merged, rejected };
  }

  /** Writes one document's record into the library (inside the apply transaction). */
  async function applyDoc(
    doc: SyncDoc,
    copies: Map<string, Clipping>,
  ): Promise<'written' | 'same' | 'rejected'> {
    switch (doc.kind) {
      case 'clipping': {
        // A copy saved here and not yet sent: the next run decides between the two by the merge rules.
        if (await db.syncOutbox.get(outboxId('clippings', doc.url))) return 'same';
        const current = await db.clippings.get(doc.url);
        if (doc.state.value !== 'live' || doc.digest === null) {
          if (!current) return 'same';
          await db.clippings.delete(doc.url);
          return 'written';
        }
        const copy = copies.get(doc.url);
        if (!copy) return 'rejected';
        // Images are not synced (docs/sync.md): the same copy (saved at the same time, the same article) coming
        // back keeps the images saved with it here. (Key order differs: a parsed copy has the schema's.)
        if (current && canonicalJson(withoutImages(current)) === canonicalJson(copy)) return 'same';
        await db.clippings.put(copy);
        return 'written';
      }
      case 'highlight':
        return applyHighlight(doc);
      case 'article': {
        const pending = await db.syncOutbox.get(outboxId('articles', doc.url));
        let incoming = articleOf(doc);
        const current = (await db.articles.get(doc.url)) ?? null;
        // Not yet offered to the server since sync was turned on: the next push merges the two.
        if (pending?.before === FRESH) return 'same';
        if (pending) {
          incoming = articleOf(
            withLocalArticleEdits(doc, pending.before as Article | null, current, pending.at, doc.url),
          );
          await db.syncOutbox.put({ ...pending, before: articleOf(doc) });
        }
        if (incoming && !ArticleSchema.safeParse(incoming).success) return 'rejected';
        if (compareJson(incoming, current) === 0) return 'same';
        if (incoming) await db.articles.put(incoming);
        else if (!(await db.highlights.where('url').equals(doc.url).count()))
          await db.articles.delete(doc.url);
        else return 'same';
        return 'written';
      }
      case 'tag': {
        const pending = await db.syncOutbox.get(outboxId('tags', doc.key));
        let incoming = tagOf(doc);
        const current = (await db.tags.get(doc.key)) ?? null;
        // Not yet offered to the server since sync was turned on: the next push merges the two.
        if (pending?.before === FRESH) return 'same';
        if (pending) {
          incoming = tagOf(
            withLocalTagEdits(doc, pending.before as TagRecord | null, current, pending.at, doc.key),
          );
          await db.syncOutbox.put({ ...pending, before: tagOf(doc) });
        }
        if (incoming && !TagRecordSchema.safeParse(incoming).success) return 'rejected';
        if (compareJson(incoming, current) === 0) return 'same';
        if (incoming) await db.tags.put(incoming);
        // A tag deleted there stays here while a highlight here still carries it.
        else if (current && !(await db.highlights.where('tags').equals(current.name).count()))
          await db.tags.delete(doc.key);
        else return 'same';
        return 'written';
      }
      case 'setting': {
        const pending = await db.syncOutbox.get(outboxId('settings', doc.key));
        if (pending && pending.at > doc.value.at) return 'same';
        const value = SettingsSchema.partial().safeParse({ [doc.key]: doc.value.value });
        if (!value.success || !(doc.key in SettingsSchema.shape)) return 'rejected';
        const current = await db.settings.get(doc.key);
        if (current && compareJson(current.value, doc.value.value) === 0) return 'same';
        await db.settings.put({ key: doc.key, value: doc.value.value } as SettingRow);
        return 'written';
      }
    }
  }

  async function applyHighlight(doc: HighlightDoc): Promise<'written' | 'same' | 'rejected'> {
    const live = await db.syncOutbox.get(outboxId('highlights', doc.id));
    const trash = await db.syncOutbox.get(outboxId('trash', doc.id));
    const current = await localHighlight(doc.id);
    let incoming = localHighlightOf(doc);
    if (live || trash) {
      // Local writes not yet sent: keep them, laid over what came in; the rows now start from what came in.
      const before = beforeHighlight(live, trash, current);
      // Not yet offered to the server since sync was turned on: the next push merges the two.
      if (before === FRESH) return 'same';
      const at = Math.max(live?.at ?? 0, trash?.at ?? 0);
      incoming = localHighlightOf(withLocalHighlightEdits(doc, before, current, at, doc.id, live?.tagAdds));
      if (incoming.state !== 'gone' && !HighlightSchema.safeParse(incoming.highlight).success)
        return 'rejected';
      // Both rows, so that the next push reads the edits against what came in, whichever table changed.
      const base = localHighlightOf(doc);
      await db.syncOutbox.bulkPut([
        {
          ...(live ?? { id: outboxId('highlights', doc.id), table: 'highlights', key: doc.id, at }),
          before: base.state === 'live' ? base.highlight : null,
        },
        {
          ...(trash ?? { id: outboxId('trash', doc.id), table: 'trash', key: doc.id, at }),
          before:
            base.state === 'trashed'
              ? { id: doc.id, deletedAt: base.deletedAt, highlight: base.highlight }
              : null,
        },
      ]);
    }
    if (incoming.state !== 'gone' && !HighlightSchema.safeParse(incoming.highlight).success)
      return 'rejected';
    if (compareJson(incoming, current) === 0) return 'same';
    if (incoming.state === 'live') {
      await db.highlights.put(incoming.highlight);
      await db.trash.delete(doc.id);
      await ensureTags(incoming.highlight);
      if (!(await db.articles.get(incoming.highlight.url))) {
        await db.articles.put(placeholderArticle(incoming.highlight));
      }
    } else if (incoming.state === 'trashed') {
      await db.trash.put({ id: doc.id, deletedAt: incoming.deletedAt, highlight: incoming.highlight });
      await db.highlights.delete(doc.id);
    } else {
      await db.highlights.delete(doc.id);
      await db.trash.delete(doc.id);
    }
    return 'written';
  }

  /** Every tag a highlight carries has its record (its document may come later, or was deleted elsewhere). */
  async function ensureTags(h: Highlight): Promise<void> {
    const time = now();
    for (const name of h.tags) {
      const key = tagKey(name);
      if (!(await db.tags.get(key))) await db.tags.put({ key, name, color: null, createdAt: time });
    }
  }

  /** Replicates both ways with the server (PouchDB's protocol and checkpoints); cancelled when stopped. */
  async function replicate(): Promise<number> {
    // One way, then the other: a pull that runs while this replica's own push is being written can be told
    // of a document's new revision without the one it conflicts with (seen with pouchdb-server), and would
    // then step over it. Sent first, then received, every leaf is there to be seen.
    let sent = 0;
    await replicateOne('to', (count) => {
      sent = count;
    });
    return replicateOne('from', (count) => progress?.({ phase: 'replicate', count: sent + count }));
  }

  /** One direction of replication (PouchDB's replicator); cancelled when the run is stopped. */
  async function replicateOne(direction: 'to' | 'from', onCount: (count: number) => void): Promise<number> {
    checkStopped();
    const options = { batch_size: batch };
    const replication =
      direction === 'to' ? local.replicate.to(remote, options) : local.replicate.from(remote, options);
    const cancel = () => replication.cancel();
    signal?.addEventListener('abort', cancel);
    replication.on('change', (info) => onCount((info as { docs_written?: number }).docs_written ?? 0));
    try {
      const info = await replication;
      checkStopped();
      return info.docs_written ?? 0;
    } catch (error) {
      // An answer from the server (401, 403, 404, 413…) is passed on as it is, for the advice it calls for.
      if (error instanceof SyncError || typeof (error as { status?: unknown })?.status === 'number')
        throw error;
      throw new SyncError('server', `The sync server did not answer as expected: ${describe(error)}`);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  /**
   * One run: local writes to documents, replication, merges, documents to the library. Stopped midway (the
   * signal, or the worker), the next run goes on from the checkpoints: nothing is applied or sent twice.
   */
  async function run(options: SyncRunOptions = {}): Promise<SyncRunResult> {
    batch = options.batchSize ?? DEFAULT_BATCH;
    signal = options.signal;
    progress = options.onProgress;
    await connect();
    await backfill();
    const pushed = await pushOutbox();
    const pulled = await replicate();
    await progress?.({ phase: 'replicated', count: pulled });
    const { applied, merged, rejected } = await applyChanges();
    // Merging wrote new versions: send them now rather than at the next run.
    if (merged > 0) await replicate();
    return { pushed, pulled, applied, merged, rejected };
  }

  /**
   * Changes the passphrase (or sets or removes one): every document this replica holds — after a full run, the
   * whole database — is sealed again under the new key (ids made from addresses and tags change with it: the
   * old documents are deleted), then the key record is replaced and everything sent. Another device's next run
   * finds a key record its passphrase does not open (`wrong-passphrase`) and writes nothing until given the
   * new one.
   */
  async function rekey(
    passphrase: string | undefined,
    pending: PendingRekey | null,
    keep: KeepRekey,
  ): Promise<void> {
    const current = (await remote.get(KEYS_DOC)) as unknown as KeysDoc;
    // Resumed after the key record was replaced: only the sending is left.
    const replaced = pending !== null && sameKeyRecord(current, pending.record);
    const oldKeys = replaced ? null : await connect();
    let record: KeysDoc;
    let newKeys: SyncKeys | null;
    if (pending) {
      record = pending.record;
      newKeys = record.params && passphrase ? await unlockKeys(record.params, passphrase) : null;
    } else {
      const created = passphrase ? await createKeyParams(passphrase, iterations) : null;
      record = created
        ? { _id: KEYS_DOC, encryption: 'pbkdf2-aes-gcm', params: created.params }
        : { _id: KEYS_DOC, encryption: 'none' };
      newKeys = created?.keys ?? null;
      // Kept before anything changes, so a run cut short goes on with the same key.
      await keep({ record });
    }
    if (!replaced) {
      const all = await local.allDocs({ include_docs: true, attachments: true });
      const writes: object[] = [];
      for (const row of all.rows) {
        const stored = row.doc;
        if (!stored || stored._deleted || !isSyncDoc(stored)) continue;
        let doc: SyncDoc;
        try {
          doc = await openDoc(stored, oldKeys);
        } catch (error) {
          // Sealed under the new key already (a rekey cut short): nothing to do.
          if (
            await openDoc(stored, newKeys).then(
              () => true,
              () => false,
            )
          )
            continue;
          throw error;
        }
        const id = await docIdOf(doc.kind, keyOf(doc), newKeys);
        let attachments: StoredDoc['_attachments'];
        const data = stored._attachments?.[CLIPPING_ATTACHMENT]?.data;
        if (data) {
          const sealed = await sealAttachment(id, await openAttachment(stored._id, data, oldKeys), newKeys);
          attachments = { [CLIPPING_ATTACHMENT]: { content_type: sealed.contentType, data: sealed.data } };
        }
        const next = {
          ...(await sealDoc(id, doc, newKeys)),
          ...(attachments ? { _attachments: attachments } : {}),
        };
        if (id === stored._id) writes.push({ ...next, _rev: stored._rev });
        else writes.push(next, { _id: stored._id, _rev: stored._rev, _deleted: true });
      }
      await local.bulkDocs(writes as never[]);
      await remote.put({ ...record, _rev: current._rev } as never);
    }
    keys = newKeys;
    keysFrom = JSON.stringify([record.encryption, record.params ?? null]);
    await replicate();
  }

  /** The notes kept beside a highlight's note after a conflict, newest first (empty: none). */
  async function conflictsOf(highlightId: string): Promise<NoteAlternative[]> {
    await connect();
    const found = await readDoc(await docIdOf('highlight', highlightId, keys ?? null));
    return found?.doc.kind === 'highlight' ? (found.doc.body?.note.alt ?? []) : [];
  }

  /**
   * The user kept `text`, the note this device already shows, over the alternatives beside it: written as a note
   * newer than every one of them (the next run sends it; every device then drops the alternatives). A note
   * chosen that differs from the one shown is an ordinary edit of the library instead (`service.resolveNote`).
   */
  async function keepNote(highlightId: string, text: string): Promise<boolean> {
    await connect();
    const id = await docIdOf('highlight', highlightId, keys ?? null);
    const found = await readDoc(id);
    if (found?.doc.kind !== 'highlight' || !found.doc.body) return false;
    const note = found.doc.body.note;
    if (note.text !== text) return false;
    const written = Math.max(now(), note.at + 1, ...note.alt.map((a) => a.at + 1));
    const from = Math.max(note.at, ...note.alt.map((a) => a.at));
    const doc: SyncDoc = {
      ...found.doc,
      body: { ...found.doc.body, note: { text, at: written, from, alt: [] } },
    };
    await writeDoc(id, doc, found.stored, found.stored._attachments);
    return true;
  }

  return {
    run,
    connect,
    rekey,
    conflictsOf,
    keepNote,
    /** The local sync database (tests read it). */
    local,
    remote,
    async close() {
      await local.close();
      await remote.close();
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/** Marks an outbox row made by enabling sync: the record is merged with the server's version, not laid over it. */
const FRESH = '__fresh__' as const;

/** The library key a document is about (a highlight's id, an address, a folded tag name, a setting). */
function keyOf(doc: SyncDoc): string {
  switch (doc.kind) {
    case 'highlight':
      return doc.id;
    case 'article':
    case 'clipping':
      return doc.url;
    case 'tag':
    case 'setting':
      return doc.key;
  }
}

function placeholderArticle(h: Highlight): Article {
  return {
    url: h.url,
    site: siteOf(h.url),
    title: '',
    meta: {},
    createdAt: h.createdAt,
    updatedAt: h.createdAt,
  };
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}
