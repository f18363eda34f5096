/**
 * The sending side of the message map, for content scripts and extension pages. Type-only imports: no zod here.
 *
 * MV3 stops an idle service worker; a message sent while it restarts can fail with "Receiving end does not
 * exist". Those are retried with backoff, so a write is either acknowledged or reported as failed — never lost
 * silently.
 */
import type { Envelope, ErrorCode, MessageType, RequestOf, ResponseOf, Result } from './messages';

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

const RETRY_DELAYS_MS = [50, 200, 500, 1000];

function isTransient(error: unknown): boolean {
  const text = String((error as Error)?.message ?? error);
  return /Receiving end does not exist|Could not establish connection|message port closed/i.test(text);
}

export async function sendMessage<K extends MessageType>(
  send: SendFn,
  type: K,
  payload: RequestOf<K>,
  delays: readonly number[] = RETRY_DELAYS_MS,
): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { clipmark: 1, type, payload };
  for (let attempt = 0; ; attempt++) {
    let reply: unknown;
    try {
      reply = await send(envelope);
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined || !isTransient(error)) {
        throw new MessageError('unreachable', `${type}: ${String((error as Error)?.message ?? error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      continue;
    }
    const result = reply as Result<ResponseOf<K>> | undefined;
    if (!result || typeof result !== 'object' || !('ok' in result)) {
      throw new MessageError('unreachable', `${type}: no answer from the background`);
    }
    if (!result.ok) throw new MessageError(result.error.code, result.error.message);
    return result.value;
  }
}
