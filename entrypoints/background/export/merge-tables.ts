/**
 * The merge's decisions for each table (merge.ts): which of the file's records to write, noted in the `Plan`
 * with the library's version of each record they replace, which is kept to be put back.
 */

import { standInArticle } from '@/utils/export/common';
import { Sha256 } from '@/utils/export/digest';
import type { ImportResult } from '@/utils/export/import-records';
import {
  type Article,
  type Clipping,
  type Highlight,
  metaOfExtraction,
  type TagRecord,
} from '@/utils/schema';
import { canonicalTags, tagKey } from '@/utils/tag-names';
import { siteOf } from '@/utils/url';
import type { ClipmarkDB, ReplacedRow, ReplacedState } from '../database';

/**
 * The plan a merge is making: each decision to write or delete is noted in its digest, with the library's
 * version of what it replaces, and each record of the library it would replace or trash is kept.
 */
export class Plan {
  /** The decisions, one JSON line each; hashed only when a token is needed (most imports only add). */
  private readonly lines: string[] | null;
  readonly kept: ReplacedRow[] = [];
  constructor(
    private readonly fileDigest: string | undefined,
    private readonly at: number,
  ) {
    this.lines = fileDigest === undefined ? null : [];
  }

  /** Notes one decision: what it does, to which key, and any record of the library it depends on. */
  note(...parts: unknown[]): void {
    this.lines?.push(JSON.stringify(parts));
  }

  /** Keeps the library's version of a record the import replaces or moves to the trash. */
  keep(key: string, previous: ReplacedState, change: ReplacedRow['change'] = 'replaced'): void {
    this.note('keep', key, change, previous);
    this.kept.push({ at: this.at, cause: 'import', change, key, previous });
  }

  /** The token of this plan: the file's digest and every decision (only when the import asks first). */
  token(): string {
    const hash = new Sha256().update(this.fileDigest as string);
    for (const line of this.lines ?? []) hash.update(`\n${line}`);
    return hash.hex();
  }
}

/** Tag records to write; respells `highlights`' tags (in place) as the library spells them. */
export async function mergeTags(
  db: ClipmarkDB,
  fileTags: Map<string, TagRecord>,
  highlights: Highlight[],
  result: ImportResult,
  now: () => number,
  plan: Plan,
): Promise<TagRecord[]> {
  const keys = [...new Set([...fileTags.keys(), ...highlights.flatMap((h) => h.tags.map(tagKey))])];
  const local = new Map<string, TagRecord>();
  for (const t of await db.tags.bulkGet(keys)) if (t) local.set(t.key, t);
  // The library's tags decide the spelling written on highlights and the merged records: part of the plan.
  for (const t of local.values()) plan.note('tags', 'library', t);
  const known = new Map([...local].map(([key, t]) => [key, t.name]));
  const puts: TagRecord[] = [];
  for (const [key, t] of fileTags) {
    const mine = local.get(key);
    if (!mine) {
      known.set(key, t.name);
      puts.push(t);
      result.added.tags++;
      plan.note('tags', 'add', key);
      continue;
    }
    const merged = mergeTag(mine, t);
    const changed = merged.color !== mine.color || merged.createdAt !== mine.createdAt;
    if (changed) {
      puts.push(merged);
      plan.note('tags', 'replace', key);
    }
    result[changed ? 'updated' : 'skipped'].tags++;
  }
  const recorded = new Set(known.keys());
  for (const h of highlights) {
    h.tags = canonicalTags(h.tags, known);
    for (const name of h.tags) {
      const key = tagKey(name);
      if (recorded.has(key)) continue;
      recorded.add(key);
      puts.push({ key, name, color: null, createdAt: now() });
      result.added.tags++;
      plan.note('tags', 'add', key, name);
    }
  }
  return puts;
}

/** The library's tag keeps its spelling; it takes the other's colour if it has none, and the earlier date. */
export function mergeTag(mine: TagRecord, theirs: TagRecord): TagRecord {
  return {
    ...mine,
    color: mine.color ?? theirs.color,
    createdAt: Math.min(mine.createdAt, theirs.createdAt),
  };
}

/**
 * The newer record wins, keeping the earlier creation and any metadata only the older one has; the article's
 * own note is the one saved later (`noteUpdatedAt`), whichever record holds it.
 */
export function mergeArticle(a: Article, b: Article): Article {
  const [older, newer] = b.updatedAt > a.updatedAt ? [a, b] : [b, a];
  const merged: Article = {
    ...newer,
    createdAt: Math.min(a.createdAt, b.createdAt),
    meta: { ...older.meta, ...newer.meta },
  };
  const noted = noteIsNewer(older, newer) ? older : newer;
  delete merged.note;
  delete merged.noteUpdatedAt;
  if (noted.note !== undefined) merged.note = noted.note;
  if (noted.noteUpdatedAt !== undefined) merged.noteUpdatedAt = noted.noteUpdatedAt;
  return merged;
}

/** Whether `a`'s note was saved after `b`'s (a record without one has none to win with). */
export const noteIsNewer = (a: Article, b: Article) =>
  a.noteUpdatedAt !== undefined && a.noteUpdatedAt > (b.noteUpdatedAt ?? Number.NEGATIVE_INFINITY);

/** Clippings to write: those the library lacks, and those the file saved later than the library did. */
export async function mergeClippings(
  db: ClipmarkDB,
  fileClippings: Map<string, Clipping>,
  result: ImportResult,
  plan: Plan,
): Promise<Clipping[]> {
  const urls = [...fileClippings.keys()];
  const local = await db.clippings.bulkGet(urls);
  const puts: Clipping[] = [];
  urls.forEach((url, i) => {
    const mine = local[i];
    const theirs = fileClippings.get(url) as Clipping;
    if (mine && theirs.savedAt <= mine.savedAt) {
      result.skipped.clippings++;
      return;
    }
    puts.push(theirs);
    result[mine ? 'updated' : 'added'].clippings++;
    plan.note('clippings', mine ? 'replace' : 'add', url);
    if (mine) plan.keep(url, { kind: 'clipping', clipping: mine });
  });
  return puts;
}

/**
 * The article record a clipping implies when none is stored, as saving the clipping would have made it:
 * the clipping's title and metadata, created at the earlier of its saving and the first highlight.
 */
function clippingArticle(clipping: Clipping, firstHighlight: number | undefined): Article {
  return {
    url: clipping.url,
    site: siteOf(clipping.url),
    title: clipping.article.title,
    meta: metaOfExtraction(clipping.article),
    createdAt: Math.min(clipping.savedAt, firstHighlight ?? clipping.savedAt),
    updatedAt: clipping.savedAt,
  };
}

/**
 * Article records to write: the file's, merged, plus a stand-in for any written highlight or clipping
 * without one.
 */
export async function mergeArticles(
  db: ClipmarkDB,
  fileArticles: Map<string, Article>,
  highlights: readonly Highlight[],
  clippings: readonly Clipping[],
  result: ImportResult,
  plan: Plan,
): Promise<Article[]> {
  const firstSeen = new Map<string, number>();
  for (const h of highlights)
    firstSeen.set(h.url, Math.min(firstSeen.get(h.url) ?? h.createdAt, h.createdAt));
  const clipped = new Map(clippings.map((c) => [c.url, c]));
  const urls = [...new Set([...fileArticles.keys(), ...firstSeen.keys(), ...clipped.keys()])];
  const local = await db.articles.bulkGet(urls);
  const puts: Article[] = [];
  urls.forEach((url, i) => {
    const mine = local[i];
    const theirs = fileArticles.get(url);
    if (!theirs) {
      if (mine) return;
      const clipping = clipped.get(url);
      puts.push(
        clipping
          ? clippingArticle(clipping, firstSeen.get(url))
          : standInArticle(url, firstSeen.get(url) as number),
      );
      result.added.articles++;
      plan.note('articles', 'add', url);
    } else if (!mine) {
      puts.push(theirs);
      result.added.articles++;
      plan.note('articles', 'add', url);
    } else if (theirs.updatedAt > mine.updatedAt || noteIsNewer(theirs, mine)) {
      puts.push(mergeArticle(mine, theirs));
      result.updated.articles++;
      plan.note('articles', 'replace', url);
      plan.keep(url, { kind: 'article', article: mine });
    } else {
      result.skipped.articles++;
    }
  });
  return puts;
}
