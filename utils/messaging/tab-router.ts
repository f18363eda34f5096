/**
 * The content script's side of `TabMessageMap`: the shared router (router.ts) with the `zod/mini` schemas of
 * tab-schemas.ts, answering only this extension's own pages and background.
 */
import type { Result } from './envelope';
import { createRouter, type MessageSenderLike } from './router';
import type { TabMessageMap, TabMessageType } from './tab-map';
import { buildStatusSchemas, buildTabSchemas } from './tab-schemas';

export type TabHandlers = {
  [K in TabMessageType]: (request: TabMessageMap[K]['request']) => Promise<TabMessageMap[K]['response']>;
};

/**
 * Answers a message if it comes from one of this extension's own pages or its background (`sender.url` in the
 * extension's origin); anything else — a web page, another extension — gets `forbidden`.
 */
export function routeTabMessage(
  message: unknown,
  sender: MessageSenderLike,
  self: { id: string; origin: string },
  handlers: TabHandlers,
): Promise<Result<unknown>> {
  return createRouter<TabMessageType, true>({
    accept: fromOwnPages(self),
    schemas: tabSchemas,
    handlers,
  })(message, sender);
}

/**
 * Answers only `page.status`, with the same sender check: what a page whose tools are not loaded answers the
 * popup (entrypoints/page-detect/).
 */
export function routeStatusQuestion(
  message: unknown,
  sender: MessageSenderLike,
  self: { id: string; origin: string },
  status: TabHandlers['page.status'],
): Promise<Result<unknown>> {
  return createRouter<'page.status', true>({
    accept: fromOwnPages(self),
    schemas: buildStatusSchemas,
    handlers: { 'page.status': status },
  })(message, sender);
}

/** This extension's own pages and background (`sender.url` in its origin); anything else is not answered. */
function fromOwnPages(self: { id: string; origin: string }) {
  return ({ id, url }: MessageSenderLike) => (id === self.id && url?.startsWith(self.origin) ? true : null);
}

let schemas: ReturnType<typeof buildTabSchemas> | undefined;
function tabSchemas() {
  schemas ??= buildTabSchemas();
  return schemas;
}
