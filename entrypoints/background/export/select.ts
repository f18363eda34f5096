/**
 * The three export scopes as selections read from the database, and the whole library as a backup, each in one
 * read transaction so the export is a consistent snapshot. A selection carries the clippings of its articles unless asked not to: formats
 * that do not show them (CSV, citations…) need not read whole articles.
 */

import { serializeBackup, toBackup } from '@/utils/export/backup';
import type { Selection } from '@/utils/export/types';
import type { Clipping, Highlight } from '@/utils/schema';
import { tagKey } from '@/utils/tag-names';
import { normalizeUrl } from '@/utils/url';
import type { ClipmarkDB } from '../database';

export interface SelectOptions {
  /** Read the clippings of the selected articles (default true). */
  clippings?: boolean;
}

/** Everything in the library. */
export function selectAll(db: ClipmarkDB, { clippings = true }: SelectOptions = {}): Promise<Selection> {
  return db.transaction('r', [db.articles, db.highlights, db.tags, db.clippings], async () => {
    const [articles, highlights, tags, saved] = await Promise.all([
      db.articles.toArray(),
      db.highlights.toArray(),
      db.tags.toArray(),
      clippings ? db.clippings.toArray() : [],
    ]);
    return { articles, highlights, tags, clippings: saved };
  });
}

/** One page: its article record (when there is one), its highlights and its clipping. `url` is normalised here. */
export function selectPage(
  db: ClipmarkDB,
  url: string,
  { clippings = true }: SelectOptions = {},
): Promise<Selection> {
  const key = normalizeUrl(url);
  if (!key) return Promise.resolve({ articles: [], highlights: [], tags: [], clippings: [] });
  return db.transaction('r', [db.articles, db.highlights, db.tags, db.clippings], async () => {
    const article = await db.articles.get(key);
    const highlights = await db.highlights.where('url').equals(key).toArray();
    const clipping = clippings ? await db.clippings.get(key) : undefined;
    return {
      articles: article ? [article] : [],
      highlights,
      tags: await tagsOf(db, highlights),
      clippings: clipping ? [clipping] : [],
    };
  });
}

/** The current search or filter: these highlights (unknown ids are ignored), their articles and clippings. */
export function selectHighlights(
  db: ClipmarkDB,
  ids: readonly string[],
  { clippings = true }: SelectOptions = {},
): Promise<Selection> {
  return db.transaction('r', [db.articles, db.highlights, db.tags, db.clippings], async () => {
    const highlights = (await db.highlights.bulkGet([...new Set(ids)])).filter((h): h is Highlight => !!h);
    const urls = [...new Set(highlights.map((h) => h.url))];
    const articles = (await db.articles.bulkGet(urls)).filter((a) => !!a);
    const saved = clippings ? (await db.clippings.bulkGet(urls)).filter((c): c is Clipping => !!c) : [];
    return { articles, highlights, tags: await tagsOf(db, highlights), clippings: saved };
  });
}

async function tagsOf(db: ClipmarkDB, highlights: readonly Highlight[]) {
  const keys = [...new Set(highlights.flatMap((h) => h.tags.map(tagKey)))];
  return (await db.tags.bulkGet(keys)).filter((t) => !!t);
}

/** Reads every table in one transaction (a consistent snapshot) and returns the backup file's text (backup.ts). */
export async function exportBackup(db: ClipmarkDB, now: () => number = Date.now): Promise<string> {
  const [articles, highlights, tags, trash, clippings, settings] = await db.transaction(
    'r',
    [db.articles, db.highlights, db.tags, db.trash, db.clippings, db.settings],
    () =>
      Promise.all([
        db.articles.toArray(),
        db.highlights.toArray(),
        db.tags.toArray(),
        db.trash.toArray(),
        db.clippings.toArray(),
        db.settings.toArray(),
      ]),
  );
  return serializeBackup(toBackup({ articles, highlights, tags, clippings }, trash, now(), settings));
}
