/**
 * The user's note on an article as a whole (what Hypothesis calls a page note), kept on the article record
 * (`note`, `noteUpdatedAt`; utils/schema.ts): no index needs it, so no schema version, and backups, imports and
 * sync carry it with the record. Saving moves the record's `updatedAt` on, so a merge of two versions of the
 * record keeps the one with the later note.
 */
import type { ArticleNoteRecord } from '@/utils/messaging/background-map';
import type { Handlers } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import { type Article, ArticleSchema } from '@/utils/schema';
import { siteOf } from '@/utils/url';
import type { ClipmarkDB } from '../database';
import { assertOwnPage, pageKey } from './access';

export const noteRecord = (key: string, article: Article | undefined): ArticleNoteRecord => ({
  url: key,
  note: article?.note ?? '',
  noteUpdatedAt: article?.noteUpdatedAt ?? null,
});

/**
 * Saves `note` on the article at `key` in one transaction; refused with `conflict` when `version` is given and
 * is not the stored note's (another window, the library, an import saved one meanwhile). An empty note on an
 * article the library lacks writes nothing.
 */
export async function saveArticleNote(
  db: ClipmarkDB,
  key: string,
  note: string,
  version: number | null | undefined,
  title: string | undefined,
  now: number,
): Promise<ArticleNoteRecord> {
  return db.transaction('rw', db.articles, async () => {
    const article = await db.articles.get(key);
    const current = article?.noteUpdatedAt ?? null;
    if (version !== undefined && version !== current) {
      throw new RouteError('conflict', 'the note on this article was changed elsewhere since you started');
    }
    if (!article && note === '') return noteRecord(key, undefined);
    if (article && (article.note ?? '') === note) return noteRecord(key, article);
    // Every save moves the version on, at least by 1 ms (as highlight.update does).
    const at = Math.max(now, (current ?? 0) + 1, article ? article.updatedAt + 1 : 0);
    const record: Article = ArticleSchema.parse({
      ...(article ?? {
        url: key,
        site: siteOf(key),
        title: (title ?? '').slice(0, 1000),
        meta: {},
        createdAt: at,
      }),
      note,
      noteUpdatedAt: at,
      updatedAt: at,
    });
    await db.articles.put(record);
    return noteRecord(key, record);
  });
}

/** `article.getNote` and `article.setNote`: extension pages any article; a content script its own page's. */
export function articleNoteHandlers(
  db: ClipmarkDB,
  now: () => number,
): Pick<Handlers, 'article.getNote' | 'article.setNote'> {
  return {
    async 'article.getNote'({ url }, sender) {
      const key = pageKey(url);
      assertOwnPage(sender, key);
      return noteRecord(key, await db.articles.get(key));
    },
    async 'article.setNote'({ url, note, version, title }, sender) {
      const key = pageKey(url);
      assertOwnPage(sender, key);
      return saveArticleNote(db, key, note, version, title, now());
    },
  };
}
