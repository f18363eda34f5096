/**
 * Writes validated records into the library: all in ONE transaction over the six tables, so an import is
 * complete or absent — a failure at record 9,000 leaves the library as it was.
 *
 * Merging, per key: a record the library lacks is added; one it has is replaced only when the file's is
 * newer (`updatedAt`; for a deleted highlight, `deletedAt` — a highlight and its trash entry share an id and
 * the newer state wins; for a clipping, `savedAt`), else skipped, so importing the same file again changes
 * nothing. A file's trash entry newer than a live highlight moves the library's own highlight to the trash —
 * its note and tags come back with Restore — never the file's copy of it. Tags are matched by folded name (`tagKey`): the library's spelling wins, a colour fills in one
 * the library lacks, and tags new to both get a record, as `registerTags` would. A written highlight or
 * clipping whose article is in neither the file nor the library gets a stand-in article (a clipping's from
 * its own metadata). Settings are the user's choices on this machine: the file's apply only to settings the
 * library has not set.
 *
 * Times from the future (issue 15): since the later time wins, a file's record dated in 2090 would replace
 * the library's copy — a note, a title, a saved article — or delete it through a trash entry, and win again
 * over every edit the user makes afterwards. So the importers check every record's times against this
 * computer's clock (`FileTimes`): a record holding any time later than now plus a day (`MAX_AHEAD_MS`, room
 * for another computer's clock being ahead) is refused — left out of the import, counted in `refused` and
 * named with its reason in `refusedRecords` — and the rest of the file is imported as usual.
 *
 * Refused, not clamped: clamping such a time to now + 1 day would still make it later than every record in
 * the library (theirs are at most now), so the file would still win every merge, the very attack; and as the
 * clock moves, importing the same file again would clamp to a later time and replace the library's copies
 * again, breaking "importing the same file again changes nothing". A refused record is refused every time.
 * Its creation time is checked too, though only updates decide merges: a clock that far ahead makes none of
 * the record's times trustworthy, and one rule is easier to explain than two.
 *
 * Asking first (issue 15, finding 5): a file must not replace or delete anything of the user's without the
 * user seeing it first. So the merge plans before it writes, in the transaction it would write in: it decides
 * every record, counts them (`ImportResult`: per table what is added, updated, skipped, and `trashed`, the live
 * highlights a file's trash entry moves to the trash), and — when asked to (`AskFirst`, which the message
 * handler always does) — stops there if anything of the library would be replaced or trashed, answering that
 * count as a preview with a token (`ImportAnswer`). The token is a SHA-256 of the file's text and of every
 * decision of the plan together with the library's version of each record it replaces: the same file sent
 * again with the token is applied only if the plan is still exactly the one previewed; if the library changed
 * meanwhile in a way that touches it, the answer is the new preview (`changed`). A file that only adds is
 * applied at once. Without `AskFirst` (tests, benchmarks) the plan is applied as it is.
 *
 * Keeping what was replaced: every record of the library the import replaces or moves to the trash — a
 * highlight (live or already in the trash), an article record, a saved copy — is kept in `replaced`, in the
 * same transaction, to be put back (utils/library/replaced.ts). Tags are not kept: the only change an import
 * makes to one is a colour where it had none, and an earlier creation date.
 */
import type { Table } from 'dexie';
import type { ClipmarkDB, ReplacedRow, ReplacedState, SettingRow } from '../db';
import {
  type Article,
  type Clipping,
  type Highlight,
  metaOfExtraction,
  type TagRecord,
  type TrashEntry,
} from '../schema';
import { canonicalTags, tagKey } from '../tags';
import { siteOf } from '../url';
import { standInArticle } from './common';
import { Sha256 } from './digest';
import type { Progress } from './progress';

export interface ImportRecords {
  articles: Article[];
  highlights: Highlight[];
  tags: TagRecord[];
  trash: TrashEntry[];
  /** Absent for formats that carry none (W3C Web Annotation). */
  clippings?: Clipping[];
  /** Setting rows, keys unique (the importer checks). */
  settings?: SettingRow[];
}

export interface Counts {
  articles: number;
  highlights: number;
  tags: number;
  trash: number;
  clippings: number;
}

/** A record of the file that was not imported, and why. */
export interface RefusedRecord {
  /** Where it is in the file: "highlights[12]", "first.items[3]". */
  path: string;
  /** "updatedAt is 2090-01-01T00:00:00.000Z, more than a day after this computer's clock (…): …". */
  reason: string;
}

export interface ImportResult {
  added: Counts;
  updated: Counts;
  skipped: Counts;
  /** Records of the file left out because a time in them is in the future (see `FileTimes`). */
  refused: Counts;
  /** The first `MAX_REFUSED_LISTED` of them, with their reasons. */
  refusedRecords: RefusedRecord[];
  /** Live highlights a file's trash entry moved to the trash (the user's version is what the trash holds). */
  trashed: number;
  /** Records of the library replaced or trashed, whose previous version is kept in `replaced`. */
  kept: number;
}

/**
 * What an import answers: `applied`, with what it did; or `confirm`, with what it would do — nothing was
 * written — and the token that applies exactly that (`changed`: a token was given, and no longer matched).
 */
export type ImportAnswer =
  | (ImportResult & { status: 'applied' })
  | (ImportResult & { status: 'confirm'; token: string; changed: boolean });

/** Asks before replacing or trashing anything of the library (see the module comment). */
export interface AskFirst {
  /** The file's `textDigest`: the token binds the plan to this file. */
  fileDigest: string;
  /** The token of the preview the user confirmed, if any. */
  token?: string;
}

export interface ImportOptions {
  /** Progress: `done` of `total` steps; every record counts once when validated and once when written. */
  onProgress?: (done: number, total: number) => void;
  /** Clock for tag records the import creates, and for refusing times from the future. */
  now?: () => number;
  /**
   * Keeps the import's answer for a retry whose first answer was lost (utils/library/answers.ts): called at
   * the end of the merge transaction, which then also holds `db.answers`, so the answer commits with the import.
   */
  keepAnswer?: (answer: ImportAnswer) => Promise<void>;
  /** Ask before replacing or trashing anything of the library; absent, the plan is applied as it is. */
  ask?: AskFirst;
}

const zero = (): Counts => ({ articles: 0, highlights: 0, tags: 0, trash: 0, clippings: 0 });
const CHUNK = 500;

/** How far ahead of this computer's clock a file's time may be: one day (another computer's clock, time zones). */
export const MAX_AHEAD_MS = 86_400_000;
/** Refused records listed in an import's result; all are counted. */
export const MAX_REFUSED_LISTED = 100;

/** The kind of record each table holds. */
type RecordOf<K extends keyof Counts> = {
  articles: Article;
  highlights: Highlight;
  tags: TagRecord;
  trash: TrashEntry;
  clippings: Clipping;
}[K];

/** The times a record holds, by the field's name in the record: every one is checked. */
type Times = Record<string, number>;
const TIMES: { [K in keyof Counts]: (r: RecordOf<K>) => Times } = {
  articles: (a) => ({ createdAt: a.createdAt, updatedAt: a.updatedAt }),
  highlights: (h) => ({ createdAt: h.createdAt, updatedAt: h.updatedAt }),
  tags: (t) => ({ createdAt: t.createdAt }),
  trash: (e) => ({
    deletedAt: e.deletedAt,
    'highlight.createdAt': e.highlight.createdAt,
    'highlight.updatedAt': e.highlight.updatedAt,
  }),
  clippings: (c) => ({ savedAt: c.savedAt }),
};

/**
 * The importers' check of a file's times against this computer's clock, read once when the import starts
 * (why records from the future are refused rather than clamped: the module comment).
 */
export class FileTimes {
  /** This computer's clock when the import started. */
  readonly now: number;
  /** The latest time a file's record may hold. */
  readonly limit: number;
  readonly refused: Counts = zero();
  readonly records: RefusedRecord[] = [];

  constructor(now: () => number = Date.now) {
    this.now = now();
    this.limit = this.now + MAX_AHEAD_MS;
  }

  /**
   * Whether `record` may be imported: true when none of its times is after the limit; else it is counted as
   * refused, under `path`. `names` gives the file's own name of a field when the format has another (W3C:
   * `created`, `modified`).
   */
  admit(
    table: keyof Counts,
    record: RecordOf<keyof Counts>,
    path: string,
    names: Partial<Record<string, string>> = {},
  ): boolean {
    // The importers' loops pair tables and records at run time; `table` names the record's kind.
    const timesOf = TIMES[table] as (r: RecordOf<keyof Counts>) => Times;
    const late = Object.entries(timesOf(record)).find(([, time]) => time > this.limit);
    if (!late) return true;
    const [field, time] = late;
    this.refused[table]++;
    if (this.records.length < MAX_REFUSED_LISTED) {
      const at = (t: number) => new Date(t).toISOString(); // the schema keeps times within the Date range
      this.records.push({
        path,
        reason: `${names[field] ?? field} is ${at(time)}, more than a day after this computer's clock (${at(this.now)}): a time in the future would win over every change made here, so this record was not imported`,
      });
    }
    return false;
  }
}

type Item =
  | { kind: 'highlights'; record: Highlight; time: number }
  | { kind: 'trash'; record: TrashEntry; time: number };

/**
 * The plan a merge is making: each decision to write or delete is noted in its digest, with the library's
 * version of what it replaces, and each record of the library it would replace or trash is kept.
 */
class Plan {
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

/**
 * Merges records the importers validated and admitted (`times`: the `FileTimes` they checked the file's
 * records with, whose refusals the result reports). With `ask`, a plan that replaces or trashes anything is
 * applied only with its own token; otherwise the answer is its preview (see the module comment).
 */
export async function mergeRecords(
  db: ClipmarkDB,
  records: ImportRecords,
  progress: Progress,
  times: FileTimes,
  now: () => number = Date.now,
  keepAnswer?: ImportOptions['keepAnswer'],
  ask?: AskFirst,
): Promise<ImportAnswer> {
  const result: ImportResult = {
    added: zero(),
    updated: zero(),
    skipped: zero(),
    refused: { ...times.refused },
    refusedRecords: [...times.records],
    trashed: 0,
    kept: 0,
  };
  // One record per key within the file: the newest.
  const articles = new Map<string, Article>();
  for (const a of records.articles) {
    const seen = articles.get(a.url);
    articles.set(a.url, seen ? mergeArticle(seen, a) : a);
  }
  const items = new Map<string, Item>();
  const offer = (item: Item) => {
    const seen = items.get(item.record.id);
    if (!seen || item.time > seen.time) items.set(item.record.id, item);
  };
  for (const h of records.highlights) offer({ kind: 'highlights', record: h, time: h.updatedAt });
  for (const e of records.trash) offer({ kind: 'trash', record: e, time: e.deletedAt });
  const fileTags = new Map<string, TagRecord>();
  for (const t of records.tags) {
    const key = tagKey(t.name); // recomputed: the file's key may come from another folding
    const seen = fileTags.get(key);
    fileTags.set(key, seen ? mergeTag(seen, t) : { ...t, key });
  }
  const clippings = new Map<string, Clipping>();
  for (const c of records.clippings ?? []) {
    const seen = clippings.get(c.url);
    if (!seen || c.savedAt > seen.savedAt) clippings.set(c.url, c);
  }
  const settings = records.settings ?? [];

  const tables: Table[] = [
    db.articles,
    db.highlights,
    db.tags,
    db.trash,
    db.clippings,
    db.settings,
    db.replaced,
  ];
  if (keepAnswer) tables.push(db.answers);
  return db.transaction('rw', tables, async () => {
    // The import's time, for what it keeps: not in the token, so a preview and its apply can match.
    const plan = new Plan(ask?.fileDigest, times.now);
    const ids = [...items.keys()];
    const [liveNow, trashNow] = await Promise.all([db.highlights.bulkGet(ids), db.trash.bulkGet(ids)]);
    const putLive: Highlight[] = [];
    const putTrash: TrashEntry[] = [];
    const deleteLive: string[] = [];
    const deleteTrash: string[] = [];
    ids.forEach((id, i) => {
      const item = items.get(id) as Item;
      const live = liveNow[i];
      const gone = trashNow[i];
      const localTime = live ? live.updatedAt : gone ? gone.deletedAt : null;
      if (localTime !== null && item.time <= localTime) {
        result.skipped[item.kind]++;
        return;
      }
      plan.note(item.kind, localTime === null ? 'add' : 'replace', id);
      if (item.kind === 'highlights') {
        // The file's newer version; the library's, live or in the trash, is kept.
        result[localTime === null ? 'added' : 'updated'].highlights++;
        putLive.push({ ...item.record });
        if (live) plan.keep(id, { kind: 'highlight', highlight: live });
        if (gone) {
          plan.keep(id, { kind: 'trash', entry: gone });
          deleteTrash.push(id);
        }
      } else if (live) {
        // A file's deletion of a live highlight moves the user's own version to the trash, where Restore finds
        // its note and tags. The file's copy in the entry is dropped: trashing the user's highlight AND putting
        // the file's words in its place in the trash was how a file could make a note unrecoverable.
        result.trashed++;
        putTrash.push({ id, deletedAt: item.time, highlight: live });
        deleteLive.push(id);
        plan.keep(id, { kind: 'highlight', highlight: live }, 'trashed');
        if (gone) plan.keep(id, { kind: 'trash', entry: gone });
      } else {
        result[gone ? 'updated' : 'added'].trash++;
        putTrash.push(item.record);
        if (gone) plan.keep(id, { kind: 'trash', entry: gone });
      }
    });

    const tagPuts = await mergeTags(db, fileTags, putLive, result, now, plan);
    const clippingPuts = await mergeClippings(db, clippings, result, plan);
    const articlePuts = await mergeArticles(
      db,
      articles,
      [...putLive, ...putTrash.map((e) => e.highlight)],
      clippingPuts,
      result,
      plan,
    );
    const local = await db.settings.bulkGet(settings.map((r) => r.key));
    const settingPuts = settings.filter((_, i) => !local[i]);
    for (const row of settingPuts) plan.note('settings', 'add', row.key);
    result.kept = plan.kept.length;

    // Anything of the library replaced or trashed: only with the token of this very plan.
    const replaces = result.trashed > 0 || Object.values(result.updated).some((n) => n > 0);
    if (ask && replaces) {
      const token = plan.token();
      if (token !== ask.token) {
        const preview: ImportAnswer = {
          ...result,
          status: 'confirm',
          token,
          changed: ask.token !== undefined,
        };
        progress.tick(progress.total);
        await keepAnswer?.(preview);
        return preview;
      }
    }

    const skipped = Object.values(result.skipped).reduce((a, b) => a + b, 0);
    progress.tick(skipped);
    await putInChunks(db.articles, articlePuts, progress);
    await putInChunks(db.tags, tagPuts, progress);
    await putInChunks(db.highlights, putLive, progress);
    await putInChunks(db.trash, putTrash, progress);
    // Clippings are large (a whole article each): smaller chunks keep one bulkPut's memory in bounds.
    await putInChunks(db.clippings, clippingPuts, progress, 50);
    await db.settings.bulkPut(settingPuts);
    await db.highlights.bulkDelete(deleteLive);
    await db.trash.bulkDelete(deleteTrash);
    // What was replaced, kept in the same transaction: the import and the way back commit together.
    for (let i = 0; i < plan.kept.length; i += 50) await db.replaced.bulkAdd(plan.kept.slice(i, i + 50));
    progress.tick(progress.total);
    const answer: ImportAnswer = { ...result, status: 'applied' };
    await keepAnswer?.(answer);
    return answer;
  });
}

async function putInChunks<T>(
  table: Table<T>,
  rows: readonly T[],
  progress: Progress,
  size = CHUNK,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await table.bulkPut(chunk);
    progress.tick(chunk.length);
  }
}

/** Tag records to write; respells `highlights`' tags (in place) as the library spells them. */
async function mergeTags(
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
function mergeTag(mine: TagRecord, theirs: TagRecord): TagRecord {
  return {
    ...mine,
    color: mine.color ?? theirs.color,
    createdAt: Math.min(mine.createdAt, theirs.createdAt),
  };
}

/** The newer record wins, keeping the earlier creation and any metadata only the older one has. */
function mergeArticle(a: Article, b: Article): Article {
  const [older, newer] = b.updatedAt > a.updatedAt ? [a, b] : [b, a];
  return { ...newer, createdAt: Math.min(a.createdAt, b.createdAt), meta: { ...older.meta, ...newer.meta } };
}

/** Clippings to write: those the library lacks, and those the file saved later than the library did. */
async function mergeClippings(
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
async function mergeArticles(
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
    } else if (theirs.updatedAt > mine.updatedAt) {
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
