/**
 * Highlight handlers. Each write is one Dexie transaction and resolves only after it committed, so the
 * content script's acknowledgement means "on disk". Tags are stored in their library-wide spelling.
 */

import { sameEdit } from '@/utils/highlight-edits';
import type { HighlightRecord } from '@/utils/messaging/background-map';
import type { Handlers, SenderContext } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import { type Highlight, HighlightSchema } from '@/utils/schema';
import { siteOf, visitedAddress } from '@/utils/url';
import type { ClipmarkDB } from '../database';
import { assertOwnPage, pageKeys, recordKey } from './access';
import type { PageEvidence } from './evidence';
import { registerTags } from './tags';
import { nextUpdatedAt } from './versions';

type HighlightHandlers = Pick<
  Handlers,
  | 'highlight.create'
  | 'highlight.get'
  | 'highlight.listForPage'
  | 'highlight.setRawPositions'
  | 'highlight.update'
  | 'highlight.delete'
  | 'highlight.restore'
>;

export function highlightHandlers(
  db: ClipmarkDB,
  now: () => number,
  newId: () => string,
  evidence: PageEvidence,
): HighlightHandlers {
  return {
    async 'highlight.create'(draft, sender) {
      const url = await recordKey(sender, draft.url, draft.canonical, evidence);
      const time = now();
      return db.transaction('rw', [db.articles, db.highlights, db.tags], async () => {
        if (draft.id) {
          // A retry of a create whose answer was lost (the service worker stopped): the first one counts.
          const existing = await db.highlights.get(draft.id);
          if (existing) {
            if (existing.url !== url) throw new RouteError('forbidden', 'that id belongs to another page');
            return existing;
          }
        }
        const highlight = HighlightSchema.parse({
          id: draft.id ?? newId(),
          url,
          quote: draft.quote,
          position: draft.position,
          ...(draft.rawPosition && { rawPosition: draft.rawPosition }),
          color: draft.color,
          tags: await registerTags(db, draft.tags, time),
          note: draft.note,
          createdAt: time,
          updatedAt: time,
        });
        const article = await db.articles.get(url);
        // The address the tab showed (checked against the sender by `recordKey`); an extension page (the reader)
        // names the key, which is not a visit.
        const visited = sender.kind === 'content' ? visitedAddress(draft.url) : null;
        const visitedUrl = visited ?? article?.visitedUrl;
        await db.articles.put({
          url,
          site: siteOf(url),
          ...(visitedUrl && { visitedUrl }),
          // The tab's title only for an article that has none yet: once the article was read, its title is the
          // headline (Readability's, without the site's " - Báo …" suffix), which a later highlight must keep.
          title: article?.title || draft.pageTitle || '',
          meta: article?.meta ?? {},
          createdAt: article?.createdAt ?? time,
          updatedAt: time,
        });
        await db.highlights.add(highlight);
        return highlight;
      });
    },

    async 'highlight.get'({ id }, sender) {
      return getOwned(db, id, sender);
    },

    async 'highlight.listForPage'({ url, canonical }, sender) {
      const list = await db.highlights
        .where('url')
        .anyOf(await pageKeys(sender, url, canonical, evidence))
        .toArray();
      return list.sort(byReadingOrder);
    },

    async 'highlight.setRawPositions'({ url, canonical, positions }, sender) {
      const keys = new Set(await pageKeys(sender, url, canonical, evidence));
      return db.transaction('rw', db.highlights, async () => {
        const records = await db.highlights.bulkGet(positions.map((p) => p.id));
        // All or nothing: one highlight of another page and nothing is written.
        if (records.some((h) => h && !keys.has(h.url)))
          throw new RouteError('forbidden', 'a page can only read and write its own highlights');
        // Only where none is saved: a hint measured when the highlight was made is never replaced. Not an edit,
        // so `updatedAt` stays.
        const next = records.flatMap((h, i) => {
          const rawPosition = positions[i]?.rawPosition;
          return h && !h.rawPosition && rawPosition ? [{ ...h, rawPosition }] : [];
        });
        if (next.length) await db.highlights.bulkPut(next);
        return { updated: next.length };
      });
    },

    async 'highlight.update'({ id, changes, version }, sender) {
      return db.transaction('rw', [db.highlights, db.tags], async () => {
        const current = await getOwned(db, id, sender);
        const time = now();
        const tags = changes.tags ? await registerTags(db, changes.tags, time) : current.tags;
        const next = HighlightSchema.parse({
          ...current,
          ...changes,
          tags,
          updatedAt: nextUpdatedAt(current.updatedAt, time),
        });
        if (version !== undefined && version !== current.updatedAt) {
          // Changed since this edit started (another editor, the library page): saving would silently undo
          // that change. Unless the save changes nothing that differs — then nothing is lost either way.
          if (sameEdit(current, next)) return current;
          throw new RouteError(
            'conflict',
            'This highlight was changed elsewhere since it was opened; load it again to see the latest.',
          );
        }
        await db.highlights.put(next);
        return next;
      });
    },

    async 'highlight.delete'({ id }, sender) {
      await db.transaction('rw', [db.highlights, db.trash], async () => {
        // A retry of a delete whose answer was lost finds it in the trash: done already, not an error.
        const trashed = await db.trash.get(id);
        if (trashed && !(await db.highlights.get(id))) {
          assertOwnPage(sender, trashed.highlight.url);
          return;
        }
        const highlight = await getOwned(db, id, sender);
        await db.trash.put({ id, deletedAt: now(), highlight });
        await db.highlights.delete(id);
      });
      return { id };
    },

    async 'highlight.restore'({ id }, sender) {
      return db.transaction('rw', [db.highlights, db.trash, db.tags], async () => {
        const entry = await db.trash.get(id);
        if (!entry) {
          // Restored already (a retry after a lost answer): answer with the highlight as it is.
          const live = await db.highlights.get(id);
          if (live) {
            assertOwnPage(sender, live.url);
            return live;
          }
          throw new RouteError('not-found', `nothing to restore for ${id}`);
        }
        assertOwnPage(sender, entry.highlight.url);
        // Tags may have been renamed or deleted meanwhile; bring back the highlight's own.
        const highlight = { ...entry.highlight, tags: await registerTags(db, entry.highlight.tags, now()) };
        await db.highlights.put(highlight);
        await db.trash.delete(id);
        return highlight;
      });
    },
  };
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
