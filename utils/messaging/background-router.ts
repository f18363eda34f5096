/**
 * The background's side of the message map: who may send (`classifySender`), what its handlers look like
 * (`Handlers`), and its router — the shared one (router.ts) with the zod schemas of background-schemas.ts.
 * Pure — the browser objects it needs are passed in — so it is unit-tested without a browser.
 */
import type { z } from 'zod';
import type { MessageType, ResponseOf } from './background-map';
import { EnvelopeSchema, requestSchemas } from './background-schemas';
import { createRouter, type MessageSenderLike } from './router';

/** Who sent a message, as far as the background's handlers are concerned. */
export type SenderContext =
  /**
   * A content script, speaking for the page in one tab. `pageUrls` are the frame's and the tab's addresses as
   * the browser knows them: after in-page navigation (history API) Chromium updates the tab's first, so either
   * one names the page.
   */
  | { kind: 'content'; tabId: number; pageUrls: string[] }
  /**
   * One of our own extension pages (popup, library, reader, options). `tabId` and `frameId` when it is framed
   * in a tab's page (the highlight editor) or shown in a tab.
   */
  | { kind: 'extension-page'; tabId?: number; frameId?: number };

type ParsedRequest<K extends MessageType> = z.output<(typeof requestSchemas)[K]>;

/** What a handler knows of a request besides its payload and sender. */
export interface RequestContext {
  /** A write's id, when the sender gave one: the same on its retries (retry-safety.ts). */
  requestId?: string;
  /**
   * Given by the answer log (`entrypoints/background/answer-log.ts`) to a handler that keeps its own answer:
   * called inside the handler's write transaction, which must also hold `db.answers`, so the answer commits
   * with the write.
   */
  keepAnswer?: (value: unknown) => Promise<void>;
}

export type Handlers = {
  [K in MessageType]: (
    request: ParsedRequest<K>,
    sender: SenderContext,
    context?: RequestContext,
  ) => Promise<ResponseOf<K>>;
};

/**
 * Classifies the sender: only this extension's own contexts are answered. Extension pages are recognised by
 * their URL's origin (a popup opened in a tab also has `sender.tab`); content scripts only from the top frame.
 */
export function classifySender(
  sender: MessageSenderLike,
  self: { id: string; origin: string },
): SenderContext | null {
  if (sender.id !== self.id) return null;
  if (sender.url?.startsWith(self.origin)) {
    const tabId = sender.tab?.id;
    return tabId !== undefined && tabId >= 0
      ? { kind: 'extension-page', tabId, frameId: sender.frameId ?? 0 }
      : { kind: 'extension-page' };
  }
  const tabId = sender.tab?.id;
  const pageUrls = [sender.url, sender.tab?.url].filter((u): u is string => !!u);
  if (tabId === undefined || tabId < 0 || pageUrls.length === 0 || (sender.frameId ?? 0) !== 0) return null;
  return { kind: 'content', tabId, pageUrls };
}

/** The background's router: `route(message, sender)` answers every message with a `Result`. */
export function createBackgroundRouter(handlers: Handlers, self: { id: string; origin: string }) {
  return createRouter<MessageType, SenderContext>({
    accept: (sender) => classifySender(sender, self),
    schemas: () => ({ envelope: EnvelopeSchema, requests: requestSchemas }),
    handlers,
  });
}
