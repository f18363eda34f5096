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
 * library has not set. Records holding a time from the future were refused before, by the importers
 * (`FileTimes` in import-records.ts); the result counts and names them.
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
 * same transaction, to be put back (../library/replaced.ts). Tags are not kept: the only change an import makes
 * to one is a colour where it had none, and an earlier creation date.
 */
import type { Table } from 'dexie';
import {
  type AskFirst,
  type FileTimes,
  type ImportAnswer,
  type ImportOptions,
  type ImportRecords,
  type ImportResult,
  zeroCounts,
} from '@/utils/export/import-records';
import type { Progress } from '@/utils/export/progress';
import type { Article, Clipping, Highlight, TagRecord, TrashEntry } from '@/utils/schema';
import { tagKey } from '@/utils/tag-names';
import type { ClipmarkDB } from '../database';
import { mergeArticle, mergeArticles, mergeClippings, mergeTag, mergeTags, Plan } from './merge-tables';

const CHUNK = 500;

type Item =
  | { kind: 'highlights'; record: Highlight; time: number }
  | { kind: 'trash'; record: TrashEntry; time: number };

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
    added: zeroCounts(),
    updated: zeroCounts(),
    skipped: zeroCounts(),
    refused: { ...times.refused },
    refusedRecords: [...times.records],
    ...(times.leftOutCount ? { leftOut: { count: times.leftOutCount, records: [...times.leftOut] } } : {}),
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
    if (ask && (replaces || ask.always)) {
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
