/** The background's message handlers, one module per kind of record. */
import type { ClipmarkDB } from '../db';
import { exportHandlers } from '../export/handlers';
import type { Handlers } from '../router';
import { bulkHandlers } from './bulk';
import { highlightHandlers } from './highlights';
import { createSearchService, type SearchService, searchHandlers } from './search';
import { tagHandlers } from './tags';

export interface LibraryDeps {
  db: ClipmarkDB;
  now?: () => number;
  newId?: () => string;
  /** The search index service; one per database (it hooks the database's writes). */
  search?: SearchService;
}

export function libraryHandlers({
  db,
  now = Date.now,
  newId = () => crypto.randomUUID(),
  search = createSearchService(db),
}: LibraryDeps): Handlers {
  return {
    ...highlightHandlers(db, now, newId),
    ...bulkHandlers(db, now),
    ...tagHandlers(db, now),
    ...searchHandlers(db, search),
    ...exportHandlers(db, now),
  };
}
