/**
 * The sync outbox (docs/sync.md): a Dexie middleware that, in the same transaction as any
 * write to a synced table, records which record changed and what it was before the first write since its last
 * sync document. A run turns the rows into documents; a worker stopped in between loses nothing, since the row
 * commits with the write. At most one row per record.
 */
import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
} from 'dexie';
import { withoutImages } from '@/utils/export/backup';
import type { Clipping } from '@/utils/schema';
import { tagKey } from '@/utils/tag-names';

/** The tables whose records sync (the trash belongs to the highlights' documents). */
export const SYNCED_TABLES = ['highlights', 'trash', 'articles', 'tags', 'settings', 'clippings'] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];
const SYNCED: ReadonlySet<string> = new Set(SYNCED_TABLES);

export interface OutboxRow {
  /** `table:key`. */
  id: string;
  table: SyncedTable;
  key: string;
  /** The record before the first unsynced write (null: there was none). */
  before: unknown;
  /** When the last write happened (this device's clock). */
  at: number;
  /**
   * Highlights: when each tag (folded name) was last added by a write since the last sync. `before → now`
   * misses a tag removed and added again in between, and that addition is newer than another device's removal.
   */
  tagAdds?: Record<string, number>;
}

/** Sync's own bookkeeping rows (`syncState`): settings, the applied checkpoint, the last run. */
export interface SyncStateRow {
  key: string;
  value: unknown;
}

export const outboxId = (table: string, key: string) => `${table}:${key}`;

/** The primary keys a mutation touches; a range is read first. */
async function mutatedKeys(table: DBCoreTable, req: DBCoreMutateRequest): Promise<unknown[]> {
  switch (req.type) {
    case 'add':
    case 'put': {
      const keys = req.keys ?? req.values.map((v) => table.schema.primaryKey.extractKey?.(v));
      return [...keys, ...(req.type === 'put' && req.updates ? req.updates.keys : [])];
    }
    case 'delete':
      return req.keys;
    case 'deleteRange': {
      const found = await table.query({
        trans: req.trans,
        values: false,
        query: { index: table.schema.primaryKey, range: req.range },
      });
      return found.result;
    }
  }
}

/**
 * `recording()`: whether a sync replica is set up (`ClipmarkDB.syncRecording`). Without one nothing is recorded:
 * a library that never syncs pays nothing per write, and turning sync on records every record anyway (the
 * engine's backfill, which switches recording on in its own transaction).
 */
export const outboxMiddleware = (
  skip: WeakSet<object>,
  recording: () => boolean = () => true,
  now: () => number = Date.now,
): Middleware<DBCore> => ({
  stack: 'dbcore',
  name: 'clipmark-sync-outbox',
  // Right above IndexedDB, below Dexie's cache and live-query layers: its own reads and writes happen after
  // awaits, outside Dexie's zone, which those layers need; nothing observes the outbox.
  level: -2,
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const widen =
          mode === 'readwrite' && stores.some((s) => SYNCED.has(s)) && !stores.includes('syncOutbox');
        return down.transaction(widen ? [...stores, 'syncOutbox'] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!SYNCED.has(name)) return table;
        return {
          ...table,
          mutate(req) {
            const trans = req.trans as DBCoreTransaction & IDBTransaction;
            // Upgrade transactions before v8, and the sync's own writes, are not recorded.
            // Nor anything while sync is not set up.
            if (!recording() || !trans.objectStoreNames?.contains('syncOutbox') || skip.has(trans))
              return table.mutate(req);
            // A Dexie promise, made in the caller's zone: the middlewares above read Dexie's transaction context
            // after awaiting it, which the native promise of an async function would lose.
            return new Dexie.Promise<DBCoreMutateResponse>((resolve, reject) => {
              record(req, trans).then(resolve, reject);
            });
          },
        };
        async function record(req: DBCoreMutateRequest, trans: DBCoreTransaction & IDBTransaction) {
          const keys = [...new Set((await mutatedKeys(table, req)).filter((k) => k !== undefined))];
          const outbox = down.table('syncOutbox');
          const ids = keys.map((k) => outboxId(name, String(k)));
          const rows: (OutboxRow | undefined)[] = keys.length
            ? await outbox.getMany({ trans, keys: ids })
            : [];
          const previous: unknown[] = keys.length ? await table.getMany({ trans, keys }) : [];
          const result = await table.mutate(req);
          const time = now();
          const written =
            name === 'highlights' && (req.type === 'put' || req.type === 'add')
              ? new Map(req.values.map((v: { id?: unknown; tags?: unknown }) => [v.id, v.tags]))
              : null;
          const next: OutboxRow[] = keys.map((key, i) => {
            const row: OutboxRow = rows[i]
              ? { ...(rows[i] as OutboxRow), at: time }
              : {
                  id: ids[i] as string,
                  table: name as SyncedTable,
                  key: String(key),
                  // A saved copy's images are not synced; the outbox need not hold them (up to 8 MiB).
                  before:
                    name === 'clippings' && previous[i]
                      ? withoutImages(previous[i] as Clipping)
                      : (previous[i] ?? null),
                  at: time,
                };
            const tags = written?.get(key);
            if (Array.isArray(tags)) {
              const had = new Set(((previous[i] as { tags?: string[] } | undefined)?.tags ?? []).map(tagKey));
              for (const name of tags as string[]) {
                const folded = tagKey(name);
                if (!had.has(folded)) row.tagAdds = { ...row.tagAdds, [folded]: time };
              }
            }
            return row;
          });
          if (next.length) await outbox.mutate({ type: 'put', trans, values: next });
          return result;
        }
      },
    };
  },
});
