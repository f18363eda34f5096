/**
 * The sending side of both message maps, for content scripts, extension pages and the background. Type-only
 * imports: no zod here. A context makes its client once — `backgroundClient(browser.runtime)`, `tabClient(…)` —
 * and sends through it.
 *
 * MV3 stops an idle service worker; a message sent while it restarts can fail with "Receiving end does not
 * exist". Those are retried with backoff, so a write is either acknowledged or reported as failed — never lost
 * silently. A write may have committed before its answer was lost: each write carries a request id, made here
 * once and sent unchanged with every retry, and the background answers a retry with the first answer
 * (retry-safety.ts, `entrypoints/background/answer-log.ts`).
 */
import type { MessageMap } from './background-map';
import type { Envelope, ErrorCode, Result } from './envelope';
import { needsRequestId, randomUuid } from './retry-safety';
import type { TabMessageMap } from './tab-map';

export class MessageError extends Error {
  constructor(
    readonly code: ErrorCode | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/** The one function of `runtime` this needs, so tests can pass a fake. */
export type SendFn = (message: unknown) => Promise<unknown>;

/** About 8 s in all: a stopped service worker can take seconds to start on a busy machine. */
const RETRY_DELAYS_MS = [50, 100, 250, 500, 1000, 2000, 4000];

/**
 * An error that means the background went away before it answered, so the message is sent again. Measured by
 * `answersEveryMessageWhileTheBackgroundStops` (tests/e2e/page-change-flows.ts), messages cut off by a stop
 * get: in Chromium "Could not establish connection. Receiving end does not exist.", "…the message channel closed
 * before a response was received", or an `undefined` answer (handled in `send`); in Firefox only the first.
 * Neither browser leaves such a message pending.
 */
export function isTransient(error: unknown): boolean {
  const text = String((error as Error)?.message ?? error);
  // The worker was stopped before it answered: every create carries its own id and every other write a request
  // id (answered from the background's answer log), so a retry cannot write twice or answer wrongly.
  return /Receiving end does not exist|Could not establish connection|message (port|channel) closed/i.test(
    text,
  );
}

/** A message map: each type has a request and a response (self-referential so interfaces qualify). */
type MessageMapShape<M> = { [K in keyof M]: { request: unknown; response: unknown } };

/** Builds the typed sender for one message map. */
function messenger<M extends MessageMapShape<M>>(
  defaultDelays: readonly number[],
  withRequestId: (type: string) => boolean,
) {
  return async function send<K extends keyof M & string>(
    transport: SendFn,
    type: K,
    payload: M[K]['request'],
    delays: readonly number[] = defaultDelays,
  ): Promise<M[K]['response']> {
    const envelope: Envelope<K, M[K]['request']> = withRequestId(type)
      ? { clipmark: 1, type, payload, requestId: randomUuid() }
      : { clipmark: 1, type, payload };
    for (let attempt = 0; ; attempt++) {
      let reply: unknown;
      try {
        reply = await transport(envelope);
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined || !isTransient(error)) {
          throw new MessageError('unreachable', `${type}: ${String((error as Error)?.message ?? error)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      const result = reply as Result<M[K]['response']> | undefined;
      if (!result || typeof result !== 'object' || !('ok' in result)) {
        // The background always answers a Result: nothing at all means the worker was stopped before it
        // answered, which Chromium sometimes reports this way instead of as an error. Retried as such.
        const delay = delays[attempt];
        if (reply === undefined && delay !== undefined) {
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        throw new MessageError('unreachable', `${type}: no answer`);
      }
      if (!result.ok) throw new MessageError(result.error.code, result.error.message);
      return result.value;
    }
  };
}

/** Content script or extension page → background. Retries while the service worker restarts. */
export const sendMessage = messenger<MessageMap>(RETRY_DELAYS_MS, needsRequestId);

/**
 * Extension page → the content script of one tab. No retries: when nothing answers, the page has no content
 * script (a browser page, or a tab opened before Clipmark was installed) and the caller says so at once.
 */
const sendTabMessage = messenger<TabMessageMap>([], () => false);

/** The messages of one map, sent through one transport: made once per context, used everywhere in it. */
export interface Client<M extends MessageMapShape<M>> {
  send<K extends keyof M & string>(type: K, payload: M[K]['request']): Promise<M[K]['response']>;
}
export type BackgroundClient = Client<MessageMap>;
export type TabClient = Client<TabMessageMap>;

/**
 * The background, from a content script or an extension page: `backgroundClient(browser.runtime)`. Retries
 * while the service worker restarts (`delays`: tests pass short ones).
 */
export function backgroundClient(
  runtime: { sendMessage(message: unknown): Promise<unknown> },
  delays?: readonly number[],
): BackgroundClient {
  return { send: (type, payload) => sendMessage((m) => runtime.sendMessage(m), type, payload, delays) };
}

/** The content script of one tab; `send` is `tabs.sendMessage` to that tab (its top frame). No retries. */
export function tabClient(send: SendFn): TabClient {
  return { send: (type, payload) => sendTabMessage(send, type, payload) };
}
