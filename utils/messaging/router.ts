/**
 * The one receiving side, for both directions: the background answers `MessageMap` with it
 * (background-router.ts), the content script `TabMessageMap` (tab-router.ts). It checks the sender, validates
 * the envelope and the payload, calls the handler and returns errors as values — never thrown across contexts.
 * The schemas are passed in: zod in the background, `zod/mini` in the content script (both have `safeParse`),
 * so this file imports neither. Pure: the browser's objects come in as arguments, and tests pass fakes.
 */
import type { ErrorCode, Result } from './envelope';

/** The parts of `runtime.MessageSender` a router reads. */
export interface MessageSenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** What a zod or a `zod/mini` schema offers: `safeParse`, with the issues of a failure. */
export interface Parser<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** The schemas a router validates with: the envelope, then each type's payload. */
export interface RouterSchemas<T extends string> {
  envelope: Parser<{ type: T; payload: unknown; requestId?: string }>;
  requests: { [K in T]: Parser<unknown> };
}

/** A failure a handler reports on purpose; anything else thrown becomes `internal`. */
export class RouteError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface RouterSpec<T extends string, S> {
  /** Who sent the message, as its handler sees it; null: not answered (`forbidden`). */
  accept(sender: MessageSenderLike): S | null;
  /** Built on the first message, not when the module loads (the content script runs on every page). */
  schemas(): RouterSchemas<T>;
  /** One per type; a handler gets the validated request, the sender and the envelope's request id, if any. */
  handlers: { [K in T]: (request: never, sender: S, context: { requestId?: string }) => Promise<unknown> };
}

export function createRouter<T extends string, S>(spec: RouterSpec<T, S>) {
  let schemas: RouterSchemas<T> | undefined;

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
    const sender = spec.accept(rawSender);
    if (sender === null) return fail('forbidden', 'messages are accepted only from this extension');
    schemas ??= spec.schemas();
    const envelope = schemas.envelope.safeParse(message);
    if (!envelope.success) return fail('invalid', 'not a Clipmark message');
    const { type, payload, requestId } = envelope.data;
    const request = schemas.requests[type].safeParse(payload);
    if (!request.success) {
      const issue = request.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'payload';
      return fail('invalid', `${type}: ${where}: ${issue?.message ?? 'invalid'}`);
    }
    try {
      const handler = spec.handlers[type] as (
        r: unknown,
        s: S,
        c: { requestId?: string },
      ) => Promise<unknown>;
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
