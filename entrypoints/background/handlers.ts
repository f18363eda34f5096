/** The background's message handlers, one module per kind of record. */

import type { DrawnHighlightRecord, HighlightRecord } from '@/utils/messaging/background-map';
import type { Handlers, SenderContext } from '@/utils/messaging/background-router';
import { type AnswerLogOptions, createAnswerLog, withAnswerLog } from './answer-log';
import type { PageBadge } from './badge';
import type { ClipmarkDB } from './database';
import { exportHandlers, type TransferOptions } from './export/handlers';
import { articleNoteHandlers } from './library/article-notes';
import { articleHandlers, createArticleReader, type ImageFetch } from './library/articles';
import { bulkHandlers } from './library/bulk';
import { citationHandlers } from './library/citation';
import { editorHandlers } from './library/editor';
import { createPageEvidence } from './library/evidence';
import { highlightHandlers } from './library/highlights';
import { passageOpener } from './library/passage';
import { replacedHandlers } from './library/replaced';
import { settingsHandlers } from './library/settings';
import { tagHandlers } from './library/tags';
import { pageToolsHandlers } from './page-tools';
import { createSearchService, type SearchService, searchHandlers } from './search-service';
import { syncHandlers } from './sync/handlers';
import { createSyncService, type SyncService } from './sync/service';
import type { TabAccess } from './tab-access';

export interface LibraryDeps {
  db: ClipmarkDB;
  now?: () => number;
  newId?: () => string;
  /** The search index service; one per database (it hooks the database's writes). */
  search?: SearchService;
  /** The browser's tabs, to read articles in them; absent where there are none (tests of other parts). */
  tabs?: TabAccess;
  /** Sizes and lifetimes of chunked imports and exports in parts (tests force small ones). */
  transfer?: TransferOptions;
  /** Limits and clock of the answer log (tests force small ones). */
  answers?: AnswerLogOptions;
  /** Sync through the user's server (issue 23); one per database. */
  sync?: SyncService;
  /** The highlight count on the toolbar icon, per tab (`badge.ts`); absent in tests of other parts. */
  badge?: PageBadge;
  /** Fetches a saved copy's images (`library/articles.ts`); absent: copies are saved without them. */
  fetchImage?: ImageFetch;
}

export function libraryHandlers({
  db,
  now = Date.now,
  newId = () => crypto.randomUUID(),
  search = createSearchService(db),
  tabs,
  transfer,
  answers,
  sync = createSyncService({ db, now }),
  badge,
  fetchImage,
}: LibraryDeps): Handlers {
  // Whether a page may use the records of the canonical address it names: checked here, in the tab.
  const evidence = createPageEvidence(db, tabs);
  const highlights = highlightHandlers(db, now, newId, evidence);
  const readArticle = tabs ? createArticleReader(db, tabs, evidence, now, fetchImage) : null;
  const passages = passageOpener(tabs);
  const handlers: Handlers = {
    ...highlights,
    async 'highlight.listForPage'(request, sender) {
      const list = await highlights['highlight.listForPage'](request, sender);
      // The popup asks this first, and a search may follow: start reading the saved index now, after the
      // answer (a web page's content script asks it at every page load, and warms nothing).
      if (sender.kind === 'extension-page') search.warm();
      // A page's own question (at load, after a redraw): the number on the toolbar icon for its tab.
      if (sender.kind === 'content')
        passages.listed(
          sender.tabId,
          list.map((h) => h.id),
        );
      if (sender.kind === 'content')
        badge?.listed(sender.tabId, request.url, list.length, async () => {
          return (await highlights['highlight.listForPage'](request, sender)).length;
        });
      return forSender(sender, list);
    },
    async 'highlight.create'(draft, sender) {
      const record = await highlights['highlight.create'](draft, sender);
      // Not awaited: the highlight is acknowledged now; the article's metadata follows.
      if (readArticle && sender.kind === 'content') {
        readArticle(sender.tabId, record.url).catch((error) => console.warn('[clipmark] article', error));
      }
      if (sender.kind === 'content') badge?.recount(sender.tabId).catch(() => {});
      return forSender(sender, record);
    },
    async 'highlight.get'(request, sender, context) {
      return forSender(sender, await highlights['highlight.get'](request, sender, context));
    },
    async 'highlight.update'(request, sender, context) {
      return forSender(sender, await highlights['highlight.update'](request, sender, context));
    },
    async 'highlight.restore'(request, sender, context) {
      return forSender(sender, await highlights['highlight.restore'](request, sender, context));
    },
    ...articleHandlers(db, now, tabs, evidence, fetchImage),
    ...articleNoteHandlers(db, now),
    ...settingsHandlers(db),
    ...citationHandlers(db, now, tabs, evidence),
    ...editorHandlers(tabs),
    ...pageToolsHandlers(tabs),
    ...passages.handlers,
    ...bulkHandlers(db, now),
    ...tagHandlers(db, now),
    ...searchHandlers(db, search),
    ...exportHandlers(db, now, transfer),
    ...replacedHandlers(db, now),
    ...syncHandlers(sync),
  };
  // Every write a sender may retry after a lost answer is answered once per request id (utils/messaging/retry-safety.ts).
  return withAnswerLog(handlers, createAnswerLog(db, answers));
}

/** What a content script may see of a highlight (`DrawnHighlightRecord`). */
const DRAWN_FIELDS = [
  'id',
  'url',
  'quote',
  'position',
  'rawPosition',
  'color',
] as const satisfies readonly (keyof DrawnHighlightRecord)[];

function drawn(record: HighlightRecord): DrawnHighlightRecord {
  const out: Partial<Record<keyof DrawnHighlightRecord, unknown>> = {};
  for (const field of DRAWN_FIELDS) if (record[field] !== undefined) out[field] = record[field];
  return out as DrawnHighlightRecord;
}

/**
 * A content script gets what drawing needs of each highlight, never its note or tags: the page it runs in may
 * be anyone's (`ContentMessageMap` in utils/messaging/background-map.ts types its answers so). Extension pages get records whole.
 * Typed as the record for the handler map, which describes what extension pages get.
 */
function forSender<T extends HighlightRecord | HighlightRecord[]>(sender: SenderContext, value: T): T {
  if (sender.kind !== 'content') return value;
  return (Array.isArray(value) ? value.map(drawn) : drawn(value)) as T;
}
