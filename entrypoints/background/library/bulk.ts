/** Operations on many highlights at once, for the library page: each is one transaction, all or nothing. */

import type { Handlers } from '@/utils/messaging/background-router';
import type { Highlight } from '@/utils/schema';
import type { ClipmarkDB } from '../database';
import { assertExtensionPage } from './access';
import { registerTags } from './tags';
import { nextUpdatedAt } from './versions';

type BulkHandlers = Pick<Handlers, 'highlight.bulkTag' | 'highlight.bulkDelete' | 'highlight.bulkRestore'>;

export function bulkHandlers(db: ClipmarkDB, now: () => number): BulkHandlers {
  return {
    async 'highlight.bulkTag'({ ids, tags }, sender) {
      assertExtensionPage(sender);
      return db.transaction('rw', [db.highlights, db.tags], async () => {
        const time = now();
        const added = await registerTags(db, tags, time);
        const found = (await db.highlights.bulkGet(ids)).filter((h): h is Highlight => !!h);
        const changed = found.flatMap((h) => {
          const next = [...h.tags, ...added.filter((t) => !h.tags.includes(t))];
          return next.length === h.tags.length
            ? []
            : [{ ...h, tags: next, updatedAt: nextUpdatedAt(h.updatedAt, time) }];
        });
        await db.highlights.bulkPut(changed);
        return { affected: changed.length };
      });
    },

    async 'highlight.bulkDelete'({ ids }, sender) {
      assertExtensionPage(sender);
      return db.transaction('rw', [db.highlights, db.trash], async () => {
        const time = now();
        const found = (await db.highlights.bulkGet(ids)).filter((h): h is Highlight => !!h);
        await db.trash.bulkPut(found.map((highlight) => ({ id: highlight.id, deletedAt: time, highlight })));
        await db.highlights.bulkDelete(found.map((h) => h.id));
        return { affected: found.length };
      });
    },

    async 'highlight.bulkRestore'({ ids }, sender) {
      assertExtensionPage(sender);
      return db.transaction('rw', [db.highlights, db.trash, db.tags], async () => {
        const entries = (await db.trash.bulkGet(ids)).filter((e) => !!e);
        const time = now();
        const restored = [];
        for (const entry of entries) {
          restored.push({ ...entry.highlight, tags: await registerTags(db, entry.highlight.tags, time) });
        }
        await db.highlights.bulkPut(restored);
        await db.trash.bulkDelete(entries.map((e) => e.id));
        return { affected: restored.length };
      });
    },
  };
}
