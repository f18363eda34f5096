/**
 * The JSON backup: every record of every table, as stored, so export → wipe → import gives the same library.
 *
 *   { "format": "clipmark-backup", "version": 1, "exportedAt": "…Z",
 *     "articles": Article[], "highlights": Highlight[], "tags": TagRecord[], "trash": TrashEntry[],
 *     "clippings": Clipping[], "settings": { "key": …, "value": … }[] }
 *
 * Records follow the zod schemas of `utils/schema.ts`, which the importer validates against. `clippings` are
 * the saved copies of articles (`ClippingSchema`: url, savedAt, the extracted article with its sanitised HTML
 * and plain text); `settings` are the setting rows the user set (`SettingRow`; defaults are not written). A
 * backup of part of the library (one page, a selection) holds the clippings of its articles and no settings.
 * A clipping's images (`images`, up to 8 MiB a copy) are left out: in base64 a library of saved copies would
 * pass the import's 500 MiB limit (docs/exports.md). So export → wipe → import gives the same library except
 * the images of saved copies, which then show as placeholders with their links; importing a backup over the
 * library keeps the images of the copies it skips (the same `savedAt`). The importer still reads a copy's
 * `images` if a file has them, validated by `StoredImagesSchema`.
 *
 * Why this is still version 1: version 1 always had the `clippings` slot, written empty, and its importer
 * accepted any list there and ignored it; `settings` is a new top-level field, and that importer reads the
 * file with a non-strict schema that ignores fields it does not know. So a Clipmark that reads version 1
 * reads these files correctly: every field it knows means what it meant, and it only leaves out the
 * clippings and settings it has no table for (a bumped version would make it refuse the whole file, the
 * highlights too). The other way round, a file from before has `clippings: []` and no `settings`, which
 * this importer accepts. A new field in a record schema needs no new version; a change in meaning does
 * (bump `BACKUP_VERSION`, keep reading 1).
 */
import type { Article, Clipping, Highlight, SettingRow, TagRecord, TrashEntry } from '../schema';
import type { Selection } from './types';

/** A clipping as a backup holds it: without the images kept with it (above). */
export function withoutImages(clipping: Clipping): Clipping {
  const { images: _images, ...rest } = clipping;
  return rest;
}

export const BACKUP_FORMAT = 'clipmark-backup';
export const BACKUP_VERSION = 1;

/** The tables a backup holds: the user's data. */
export const BACKUP_TABLES = ['articles', 'highlights', 'tags', 'trash', 'clippings', 'settings'] as const;
/**
 * Tables left out on purpose: derived data, rebuilt from the others (the saved search index), and bookkeeping
 * (`meta`: the library's generation, which every write moves on by itself; `answers`: the answers to the last
 * few minutes' writes, for retries — entrypoints/background/answer-log.ts; `replaced`: this computer's history of what its
 * imports replaced, to put back here — the background's library/replaced.ts; `syncOutbox`, `syncState`: this
 * computer's sync bookkeeping and settings — the background's sync/). A table in neither list fails
 * tests/unit/import-backup.test.ts, so a new table cannot silently miss the backup.
 */
export const DERIVED_TABLES: readonly string[] = [
  'searchIndex',
  'meta',
  'answers',
  'replaced',
  'syncOutbox',
  'syncState',
];

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  articles: Article[];
  highlights: Highlight[];
  tags: TagRecord[];
  trash: TrashEntry[];
  clippings: Clipping[];
  settings: SettingRow[];
}

const byKey =
  <T>(...keys: ((r: T) => string | number)[]) =>
  (a: T, b: T) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };

/**
 * A backup of a selection (its clippings included), plus the trash entries and setting rows of a full
 * backup; records in a stable order.
 */
export function toBackup(
  selection: Selection,
  trash: readonly TrashEntry[],
  exportedAt: number,
  settings: readonly SettingRow[] = [],
): BackupFile {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    articles: [...selection.articles].sort(byKey((a) => a.url)),
    highlights: [...selection.highlights].sort(
      byKey(
        (h) => h.url,
        (h) => h.createdAt,
        (h) => h.id,
      ),
    ),
    tags: [...selection.tags].sort(byKey((t) => t.key)),
    trash: [...trash].sort(
      byKey(
        (t) => t.deletedAt,
        (t) => t.id,
      ),
    ),
    clippings: (selection.clippings ?? []).map(withoutImages).sort(byKey((c) => c.url)),
    settings: [...settings].sort(byKey((s) => s.key)),
  };
}

/**
 * Objects with their keys sorted (code-unit order), at every depth: a record's key order is whatever built
 * it — Dexie gives back the order it was written in, an import the order of the zod schema — so without
 * this, export → import → export gives the same content in other bytes, and a backup kept in git shows
 * changes that are none.
 */
function sortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = (value as Record<string, unknown>)[k];
  return out;
}

/** One record as JSON with its keys sorted at every depth, so its bytes depend on its content alone. */
export const canonicalJson = (value: unknown) => JSON.stringify(value, sortedKeys);

/**
 * JSON with one record per line: compact (no indentation on 10,000 records) yet readable and diffable.
 * Records in a stable order (`toBackup`), keys sorted within each (`canonicalJson`).
 */
export function serializeBackup(backup: BackupFile): string {
  const list = (records: readonly unknown[]) =>
    records.length ? `[\n${records.map((r) => `    ${canonicalJson(r)}`).join(',\n')}\n  ]` : '[]';
  const { articles, highlights, tags, trash, clippings, settings, ...head } = backup;
  const fields = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const tables = Object.entries({ articles, highlights, tags, trash, clippings, settings }).map(
    ([k, v]) => `  ${JSON.stringify(k)}: ${list(v)}`,
  );
  return `{\n${[...fields, ...tables].join(',\n')}\n}\n`;
}
