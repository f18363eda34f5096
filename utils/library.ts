/**
 * The library's operations, as the background's message handlers. Each write is one Dexie transaction and
 * resolves only after it committed, so the content script's acknowledgement means "on disk".
 */
import type { ClipmarkDB } from './db';
import type { HighlightRecord } from './messages';
import { type Handlers, RouteError, type SenderContext } from './router';
import { type Highlight, HighlightSchema } from './schema';
import { normalizeUrl } from './url';

export interface LibraryDeps {
  db: ClipmarkDB;
  now?: () => number;
  newId?: () => string;
}

export function libraryHandlers({
  db,
  now = Date.now,
  newId = () => crypto.randomUUID(),
}: LibraryDeps): Handlers {
  return {
    async 'highlight.create'(draft, sender) {
      const url = pageKey(draft.url);
      assertOwnPage(sender, url);
      const time = now();
      const highlight = HighlightSchema.parse({
        id: newId(),
        url,
        quote: draft.quote,
        position: draft.position,
        color: draft.color,
        tags: draft.tags,
        note: draft.note,
        createdAt: time,
        updatedAt: time,
      });
      await db.transaction('rw', db.articles, db.highlights, async () => {
        const article = await db.articles.get(url);
        await db.articles.put({
          url,
          title: draft.pageTitle || article?.title || '',
          createdAt: article?.createdAt ?? time,
          updatedAt: time,
        });
        await db.highlights.add(highlight);
      });
      return highlight;
    },

    async 'highlight.listForPage'({ url }, sender) {
      const key = pageKey(url);
      assertOwnPage(sender, key);
      const list = await db.highlights.where('url').equals(key).toArray();
      return list.sort(byReadingOrder);
    },

    async 'highlight.update'({ id, changes }, sender) {
      return db.transaction('rw', db.highlights, async () => {
        const current = await getOwned(db, id, sender);
        const next = HighlightSchema.parse({ ...current, ...changes, updatedAt: now() });
        await db.highlights.put(next);
        return next;
      });
    },

    async 'highlight.delete'({ id }, sender) {
      await db.transaction('rw', db.highlights, async () => {
        await getOwned(db, id, sender);
        await db.highlights.delete(id);
      });
      return { id };
    },
  };
}

function pageKey(url: string): string {
  const key = normalizeUrl(url);
  if (!key) throw new RouteError('invalid', `not a web page address: ${url}`);
  return key;
}

/** A content script may only touch records of the page in its own tab. */
function assertOwnPage(sender: SenderContext, url: string): void {
  if (sender.kind === 'content' && normalizeUrl(sender.pageUrl) !== url) {
    throw new RouteError('forbidden', 'a page can only read and write its own highlights');
  }
}

async function getOwned(db: ClipmarkDB, id: string, sender: SenderContext): Promise<Highlight> {
  const current = await db.highlights.get(id);
  if (!current) throw new RouteError('not-found', `no highlight ${id}`);
  assertOwnPage(sender, current.url);
  return current;
}

function byReadingOrder(a: HighlightRecord, b: HighlightRecord): number {
  return a.position.start - b.position.start || a.createdAt - b.createdAt;
}
