/** The background's message handlers, one module per kind of record. */
import type { ClipmarkDB } from '../db';
import { exportHandlers, type TransferOptions } from '../export/handlers';
import type { Handlers } from '../router';
import { articleHandlers, createArticleReader, type TabAccess } from './articles';
import { bulkHandlers } from './bulk';
import { editorHandlers } from './editor';
import { highlightHandlers } from './highlights';
import { createSearchService, type SearchService, searchHandlers } from './search';
import { settingsHandlers } from './settings';
import { tagHandlers } from './tags';

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
}

export function libraryHandlers({
  db,
  now = Date.now,
  newId = () => crypto.randomUUID(),
  search = createSearchService(db),
  tabs,
  transfer,
}: LibraryDeps): Handlers {
  const highlights = highlightHandlers(db, now, newId);
  const readArticle = tabs ? createArticleReader(db, tabs, now) : null;
  return {
    ...highlights,
    async 'highlight.listForPage'(request, sender) {
      const list = await highlights['highlight.listForPage'](request, sender);
      // The popup asks this first, and a search may follow: start reading the saved index now, after the
      // answer (a web page's content script asks it at every page load, and warms nothing).
      if (sender.kind === 'extension-page') search.warm();
      return list;
    },
    async 'highlight.create'(draft, sender) {
      const record = await highlights['highlight.create'](draft, sender);
      // Not awaited: the highlight is acknowledged now; the article's metadata follows.
      if (readArticle && sender.kind === 'content') {
        readArticle(sender.tabId, record.url).catch((error) => console.warn('[clipmark] article', error));
      }
      return record;
    },
    ...articleHandlers(db, now, tabs),
    ...settingsHandlers(db),
    ...editorHandlers(tabs),
    ...bulkHandlers(db, now),
    ...tagHandlers(db, now),
    ...searchHandlers(db, search),
    ...exportHandlers(db, now, transfer),
  };
}
