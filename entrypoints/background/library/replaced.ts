/**
 * What imports replaced, kept to put back (issue 15, finding 5). When an imported file replaces a highlight, an
 * article's title and details or a saved copy, or moves a live highlight to the trash, the import keeps the
 * library's version in `replaced`, in its own transaction (entrypoints/background/export/merge.ts). The library page lists them
 * ("Replaced by imports") and puts one back: that version becomes the current one again — a highlight live, or
 * in the trash if that is where it was — and the version it displaces is kept in its turn, so putting back
 * loses nothing either, and can be undone the same way.
 *
 * Highlights keep their id: put back, a highlight is the one the user had, where it was, with its note and
 * tags (registered again, as Restore does); never a second copy next to the file's. Not in backups: this is
 * the history of this computer's imports (utils/export/backup.ts).
 */

import type { ReplacedSummary } from '@/utils/messaging/background-map';
import type { Handlers } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import type { ClipmarkDB, ReplacedRow, ReplacedState } from '../database';
import { assertExtensionPage } from './access';
import { registerTags } from './tags';

type ReplacedHandlers = Pick<Handlers, 'replaced.list' | 'replaced.restore'>;

/** What the library page shows of a kept version. */
export function summarize(row: ReplacedRow): ReplacedSummary {
  const base = { seq: row.seq as number, at: row.at, cause: row.cause, change: row.change, key: row.key };
  const { previous } = row;
  switch (previous.kind) {
    case 'highlight':
    case 'trash': {
      const h = previous.kind === 'highlight' ? previous.highlight : previous.entry.highlight;
      return {
        ...base,
        kind: 'highlight',
        url: h.url,
        text: h.quote.exact,
        note: h.note,
        tags: h.tags,
        ...(previous.kind === 'trash' ? { deleted: true } : {}),
      };
    }
    case 'article':
      return { ...base, kind: 'article', url: previous.article.url, text: previous.article.title };
    case 'clipping':
      return { ...base, kind: 'clipping', url: previous.clipping.url, text: previous.clipping.article.title };
  }
}

/** The record stored under a kept version's key now, as a state of the same kind; null when there is none. */
async function currentState(db: ClipmarkDB, row: ReplacedRow): Promise<ReplacedState | null> {
  switch (row.previous.kind) {
    case 'highlight':
    case 'trash': {
      const live = await db.highlights.get(row.key);
      if (live) return { kind: 'highlight', highlight: live };
      const entry = await db.trash.get(row.key);
      return entry ? { kind: 'trash', entry } : null;
    }
    case 'article': {
      const article = await db.articles.get(row.key);
      return article ? { kind: 'article', article } : null;
    }
    case 'clipping': {
      const clipping = await db.clippings.get(row.key);
      return clipping ? { kind: 'clipping', clipping } : null;
    }
  }
}

/** The words a state holds: a highlight the same live or in the trash is the same version. */
function contentOf(state: ReplacedState): unknown {
  switch (state.kind) {
    case 'highlight':
      return state.highlight;
    case 'trash':
      return state.entry.highlight;
    case 'article':
      return state.article;
    case 'clipping':
      return state.clipping;
  }
}

/** Makes `state` the stored record under `key` (a highlight live or in the trash, never both). */
async function writeState(db: ClipmarkDB, key: string, state: ReplacedState, time: number): Promise<void> {
  switch (state.kind) {
    case 'highlight': {
      // Tags may have been renamed or deleted meanwhile; bring back the highlight's own, as Restore does.
      const tags = await registerTags(db, state.highlight.tags, time);
      await db.highlights.put({ ...state.highlight, tags });
      await db.trash.delete(key);
      return;
    }
    case 'trash':
      await db.trash.put(state.entry);
      await db.highlights.delete(key);
      return;
    case 'article':
      await db.articles.put(state.article);
      return;
    case 'clipping':
      await db.clippings.put(state.clipping);
      return;
  }
}

export function replacedHandlers(db: ClipmarkDB, now: () => number): ReplacedHandlers {
  return {
    async 'replaced.list'({ limit = 100, offset = 0 }, sender) {
      assertExtensionPage(sender);
      return db.transaction('r', db.replaced, async () => {
        const total = await db.replaced.count();
        const rows = await db.replaced.orderBy('seq').reverse().offset(offset).limit(limit).toArray();
        return { total, items: rows.map(summarize) };
      });
    },

    async 'replaced.restore'({ seq }, sender) {
      assertExtensionPage(sender);
      const tables = [db.replaced, db.highlights, db.trash, db.tags, db.articles, db.clippings];
      return db.transaction('rw', tables, async () => {
        const row = await db.replaced.get(seq);
        if (!row) throw new RouteError('not-found', 'This version is no longer kept.');
        const time = now();
        const current = await currentState(db, row);
        await writeState(db, row.key, row.previous, time);
        await db.replaced.delete(seq);
        // The version it displaces is kept in turn, unless it is the same words (a highlight a file trashed,
        // whose trash entry is the user's own version).
        if (current && JSON.stringify(contentOf(current)) !== JSON.stringify(contentOf(row.previous))) {
          await db.replaced.add({
            at: time,
            cause: 'put-back',
            change: 'replaced',
            key: row.key,
            previous: current,
          });
        }
        return { seq };
      });
    },
  };
}
