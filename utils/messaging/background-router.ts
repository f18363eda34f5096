/**
 * The background's message router: sender check, envelope and payload validation, dispatch, and errors as
 * values. Pure — the browser objects it needs are passed in — so it is unit-tested without a browser.
 */
import type { z } from 'zod';
import type { ErrorCode, MessageType, ResponseOf, Result } from './background-map';
import { EnvelopeSchema, requestSchemas } from './background-schemas';

/** Who sent a message, as far as the router is concerned. */
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

/** The parts of `runtime.MessageSender` the router reads. */
export interface MessageSenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

type ParsedRequest<K extends MessageType> = z.output<(typeof requestSchemas)[K]>;

/** What a handler knows of a request besides its payload and sender. */
export interface RequestContext {
  /** A write's id, when the sender gave one: the same on its retries (`utils/messaging/retry-safety.ts`). */
  requestId?: string;
  /**
   * Given by the answer log (`entrypoints/background/answer-log.ts`) to a handler that keeps its own answer: called inside
   * the handler's write transaction, which must also hold `db.answers`, so the answer commits with the write.
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

/** A failure a handler reports on purpose; anything else thrown becomes `internal`. */
export class RouteError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

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

export function createRouter(handlers: Handlers, self: { id: string; origin: string }) {
  return async function route(message: unknown, rawSender: MessageSenderLike): Promise<Result<unknown>> {
    try {
      return await dispatch(message, rawSender);
    } catch (error) {
      // Every message gets an answer, even when something unforeseen broke before the handler ran.
      console.error('[clipmark] message failed', error);
      return fail('internal', 'the message could not be handled');
    }
  };

  async function dispatch(message: unknown, rawSender: MessageSenderLike): Promise<Result<unknown>> {
    const sender = classifySender(rawSender, self);
    if (!sender) return fail('forbidden', 'messages are accepted only from this extension');
    const envelope = EnvelopeSchema.safeParse(message);
    if (!envelope.success) return fail('invalid', 'not a Clipmark message');
    const type = envelope.data.type;
    const request = requestSchemas[type].safeParse(envelope.data.payload);
    if (!request.success) {
      const issue = request.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'payload';
      return fail('invalid', `${type}: ${where}: ${issue?.message ?? 'invalid'}`);
    }
    try {
      const handler = handlers[type] as (r: unknown, s: SenderContext, c: RequestContext) => Promise<unknown>;
      const { requestId } = envelope.data;
      return { ok: true, value: await handler(request.data, sender, requestId ? { requestId } : {}) };
    } catch (error) {
      if (error instanceof RouteError) return fail(error.code, error.message);
      console.error(`[clipmark] ${type} failed`, error);
      return fail('internal', `${type} failed`);
    }
  }
}

function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
