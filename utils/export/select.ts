/**
 * The three export scopes as selections read from the database, each in one read transaction so the export
 * is a consistent snapshot.
 */
import type { ClipmarkDB } from '../db';
import type { Highlight } from '../schema';
import { tagKey } from '../tags';
import { normalizeUrl } from '../url';
import type { Selection } from './types';

/** Everything in the library. */
export function selectAll(db: ClipmarkDB): Promise<Selection> {
  return db.transaction('r', [db.articles, db.highlights, db.tags], async () => {
    const [articles, highlights, tags] = await Promise.all([
      db.articles.toArray(),
      db.highlights.toArray(),
      db.tags.toArray(),
    ]);
    return { articles, highlights, tags };
  });
}

/** One page: its article record (when there is one) and its highlights. `url` is normalised here. */
export function selectPage(db: ClipmarkDB, url: string): Promise<Selection> {
  const key = normalizeUrl(url);
  if (!key) return Promise.resolve({ articles: [], highlights: [], tags: [] });
  return db.transaction('r', [db.articles, db.highlights, db.tags], async () => {
    const article = await db.articles.get(key);
    const highlights = await db.highlights.where('url').equals(key).toArray();
    return { articles: article ? [article] : [], highlights, tags: await tagsOf(db, highlights) };
  });
}

/** The current search or filter: these highlights (unknown ids are ignored) and their articles. */
export function selectHighlights(db: ClipmarkDB, ids: readonly string[]): Promise<Selection> {
  return db.transaction('r', [db.articles, db.highlights, db.tags], async () => {
    const highlights = (await db.highlights.bulkGet([...new Set(ids)])).filter((h): h is Highlight => !!h);
    const urls = [...new Set(highlights.map((h) => h.url))];
    const articles = (await db.articles.bulkGet(urls)).filter((a) => !!a);
    return { articles, highlights, tags: await tagsOf(db, highlights) };
  });
}

async function tagsOf(db: ClipmarkDB, highlights: readonly Highlight[]) {
  const keys = [...new Set(highlights.flatMap((h) => h.tags.map(tagKey)))];
  return (await db.tags.bulkGet(keys)).filter((t) => !!t);
}
