/** The background's message handlers, one module per kind of record. */
import type { ClipmarkDB } from '../db';
import type { Handlers } from '../router';
import { highlightHandlers } from './highlights';
import { tagHandlers } from './tags';

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
  return { ...highlightHandlers(db, now, newId), ...tagHandlers(db, now) };
}
