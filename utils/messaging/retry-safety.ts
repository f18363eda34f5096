/**
 * Which messages carry a request id, and how one is made. Shared by the sender (`utils/messaging/sender.ts`, also in
 * the content script: no zod, no Dexie here) and the background's answer log (`entrypoints/background/answer-log.ts`).
 *
 * A message whose answer was lost (the worker stopped after the write committed, before it answered) is sent
 * again by `sendMessage`. What makes that retry safe depends on the message, and every message type must say
 * which it is — the compiler asks for a new type's entry here:
 * - `read`: changes nothing; asking again is harmless.
 * - `logged`: a write. The sender gives it a request id, made once and sent again with each retry; the background
 *   keeps the answer in the same transaction as the write (`answers` table) and answers a retry with it.
 * - `own-id`: a write made idempotent by the id it carries (`highlight.create`: a retry returns the first write).
 * - `repeatable`: done again, it does no harm and answers truthfully enough (`article.extract` and
 *   `clipping.save` read the tab again, which no transaction can span; an upload chunk sent again replaces
 *   itself; raw positions are only saved where none are; closing a closed editor). No request id.
 *
 * A `logged` handler must await nothing but the database (no tab, no timer, no `crypto.subtle`): it runs inside
 * the answer log's transaction (entrypoints/background/answer-log.ts), which would commit under it — Dexie then fails the
 * request. One that must, keeps its answer in its own transaction instead (`library.import`).
 */
import type { MessageType } from './background-map';

export type RetrySafety = 'read' | 'logged' | 'own-id' | 'repeatable';

export const RETRY_SAFETY = {
  'highlight.create': 'own-id',
  'highlight.get': 'read',
  'highlight.listForPage': 'read',
  // A hint written only where none is saved; a repeat writes nothing, and the page ignores the count. Its
  // handler also reads the tab (the canonical address's evidence), which no transaction can span.
  'highlight.setRawPositions': 'repeatable',
  'highlight.update': 'logged',
  'highlight.delete': 'logged',
  'highlight.restore': 'logged',
  'library.search': 'read',
  'highlight.bulkTag': 'logged',
  'highlight.bulkDelete': 'logged',
  'highlight.bulkRestore': 'logged',
  'library.export': 'read',
  // Hands out a part of an export held in memory; the last one fetched forgets the export (the background's export/uploads-and-parts.ts).
  'library.exportPart': 'read',
  'library.import': 'logged',
  'library.importChunk': 'repeatable',
  'library.progress': 'read',
  'replaced.list': 'read',
  // Puts a kept version back and keeps the one it replaces: run twice it would swap them back.
  'replaced.restore': 'logged',
  'tag.list': 'read',
  'tag.rename': 'logged',
  'tag.merge': 'logged',
  'tag.delete': 'logged',
  'tag.setColor': 'logged',
  'article.extract': 'repeatable',
  'article.getNote': 'read',
  'article.setNote': 'logged',
  'clipping.save': 'repeatable',
  'clipping.get': 'read',
  'clipping.delete': 'logged',
  'settings.get': 'read',
  'citation.source': 'read',
  'settings.set': 'logged',
  'editor.close': 'repeatable',
  // Shows a change on the page; stores nothing (the page redraws from the library when the editor closes).
  'editor.preview': 'repeatable',
  // Injected twice, the page tools start once (entrypoints/page-tools/index.ts).
  'page.loadTools': 'repeatable',
  'sync.status': 'read',
  // Saving the same settings again changes nothing; it cannot be logged (it may empty the sync database,
  // which is not Dexie, so no transaction spans it).
  'sync.configure': 'repeatable',
  // A run again finds nothing left to do; it talks to the server, which no transaction can span.
  'sync.now': 'repeatable',
  'sync.noteConflicts': 'read',
  // Choosing the same note again writes it again, then finds it resolved; the run talks to the server.
  'sync.resolveNote': 'repeatable',
} as const satisfies Record<MessageType, RetrySafety>;

export type LoggedType = {
  [K in MessageType]: (typeof RETRY_SAFETY)[K] extends 'logged' ? K : never;
}[MessageType];

/** The writes the background answers through its answer log. */
export const LOGGED_TYPES = (Object.keys(RETRY_SAFETY) as MessageType[]).filter(
  (type): type is LoggedType => RETRY_SAFETY[type] === 'logged',
);

/** Whether a message of this type is sent with a request id. */
export function needsRequestId(type: string): boolean {
  return (RETRY_SAFETY as Record<string, RetrySafety>)[type] === 'logged';
}

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in secure contexts, and a content script on an
 * `http:` page is not one; `crypto.getRandomValues` is everywhere.
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
