/**
 * The JSON backup: every record of every table, as stored, so export → wipe → import gives the same library.
 *
 *   { "format": "clipmark-backup", "version": 1, "exportedAt": "…Z",
 *     "articles": Article[], "highlights": Highlight[], "tags": TagRecord[], "trash": TrashEntry[],
 *     "clippings": [] }
 *
 * Records follow the zod schemas of `utils/schema.ts`, which the importer validates against. `clippings` is
 * reserved for saved article texts (see `Clipping`); no table holds them yet, so it is always empty and an
 * importer of this version ignores what it holds. A new field in a record schema needs no new version; a
 * change in meaning does (bump `BACKUP_VERSION`, keep reading 1).
 */
import type { ClipmarkDB } from '../db';
import type { Article, Highlight, TagRecord, TrashEntry } from '../schema';
import type { Selection } from './types';

export const BACKUP_FORMAT = 'clipmark-backup';
export const BACKUP_VERSION = 1;

/** The tables a backup holds: the user's data. */
export const BACKUP_TABLES = ['articles', 'highlights', 'tags', 'trash'] as const;
/**
 * Tables left out on purpose: derived data, rebuilt from the others (the saved search index). A table in
 * neither list fails tests/unit/import-backup.test.ts, so a new table cannot silently miss the backup.
 */
export const DERIVED_TABLES: readonly string[] = ['searchIndex'];

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  articles: Article[];
  highlights: Highlight[];
  tags: TagRecord[];
  trash: TrashEntry[];
  clippings: unknown[];
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

/** A backup of a selection (and trash entries, for a full backup), records in a stable order. */
export function toBackup(selection: Selection, trash: readonly TrashEntry[], exportedAt: number): BackupFile {
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
    clippings: [],
  };
}

/** JSON with one record per line: compact (no indentation on 10,000 records) yet readable and diffable. */
export function serializeBackup(backup: BackupFile): string {
  const list = (records: readonly unknown[]) =>
    records.length ? `[\n${records.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]` : '[]';
  const { articles, highlights, tags, trash, clippings, ...head } = backup;
  const fields = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const tables = Object.entries({ articles, highlights, tags, trash, clippings }).map(
    ([k, v]) => `  ${JSON.stringify(k)}: ${list(v)}`,
  );
  return `{\n${[...fields, ...tables].join(',\n')}\n}\n`;
}

/** Reads every table in one transaction (a consistent snapshot) and returns the backup file's text. */
export async function exportBackup(db: ClipmarkDB, now: () => number = Date.now): Promise<string> {
  const [articles, highlights, tags, trash] = await db.transaction(
    'r',
    [db.articles, db.highlights, db.tags, db.trash],
    () =>
      Promise.all([db.articles.toArray(), db.highlights.toArray(), db.tags.toArray(), db.trash.toArray()]),
  );
  return serializeBackup(toBackup({ articles, highlights, tags }, trash, now()));
}
