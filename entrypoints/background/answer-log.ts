/**
 * The answer log: the answers to recent writes, by the request id their sender gave them (issue 15, finding 9).
 *
 * The background can be stopped after a write committed and before its answer left; the sender then sends the
 * same message again (`utils/messaging/sender.ts`). Running it again would answer about the library as the first run
 * left it — "no such tag" after a rename, "0 affected" after a bulk delete, "import again" once the upload was
 * taken — so a retry is answered with the first answer instead, read from the `answers` table.
 *
 * The answer is written in the SAME transaction as the write. A committed write therefore always has its answer
 * stored, and a write whose answer could not be stored is not committed either: there is no moment at which the
 * worker can stop between "done" and "answer kept". (Kept after the commit instead, a stop in between would leave
 * a done write with no answer, and its retry would run again and answer wrongly — exactly the bug.) A stop before
 * the commit loses both: the retry runs the write for the first time, which is right. Errors are never kept: a
 * handler that fails aborts its transaction, nothing was written, and running it again is right too.
 *
 * Two ways to share the transaction:
 * - Most logged writes (`wrap`): the handler runs inside one read-write transaction over every table but the
 *   saved search index; its own `db.transaction` calls nest in it. The log looks the request id up first, in the
 *   same transaction, so two copies of one request run one after the other and the second gets the first
 *   answer. Such a handler must await nothing but the database (no tab, no timer), or the transaction would
 *   commit under it; Dexie then fails the request, loudly, rather than losing the answer.
 * - `library.import` (`own`): it yields to the event loop while validating a large file and hashes with
 *   `crypto.subtle`, so no transaction can span it. It is given `keepAnswer`, which its merge transaction
 *   calls (entrypoints/background/export/merge.ts) with `db.answers` in its scope. The lookup comes first, before the upload is
 *   taken from memory; a copy arriving while the first still runs waits for it (`inflight`).
 *
 * Bounded: answers older than `ttlMs` (10 minutes; the sender gives up after ~8 s) are dropped, and only the last
 * `max` (200) are kept, both checked on every kept answer. A retry whose answer was dropped runs again.
 * A request id belongs to one request: a message with a known id but another type or sender is refused.
 */
import type { Table } from 'dexie';
import type { MessageType } from '@/utils/messaging/background-map';
import type { Handlers, RequestContext, SenderContext } from '@/utils/messaging/background-router';
import { LOGGED_TYPES, type LoggedType } from '@/utils/messaging/retry-safety';
import { RouteError } from '@/utils/messaging/router';
import type { AnswerRow, ClipmarkDB } from './database';

export interface AnswerLogOptions {
  /** Most answers kept. */
  max?: number;
  /** How long an answer is kept, in ms. */
  ttlMs?: number;
  /** The log's clock (not the library's: tests pin that one to check timestamps). */
  now?: () => number;
}

const DEFAULTS = { max: 200, ttlMs: 10 * 60_000 };

/** Writes that keep their answer in their own transaction, through `RequestContext.keepAnswer`. */
const OWN_TRANSACTION: ReadonlySet<MessageType> = new Set<LoggedType>(['library.import']);

/** Who sent a request, as the log compares it: a retry comes from the same tab, page or frame. */
export function senderKey(sender: SenderContext): string {
  if (sender.kind === 'content') return `content:${sender.tabId}`;
  return sender.tabId === undefined
    ? 'extension-page'
    : `extension-page:${sender.tabId}:${sender.frameId ?? 0}`;
}

export function createAnswerLog(db: ClipmarkDB, options: AnswerLogOptions = {}) {
  const { max, ttlMs } = { ...DEFAULTS, ...options };
  const now = options.now ?? Date.now;
  /** Requests running now in this worker, by id: a copy that arrives meanwhile waits for the first. */
  const inflight = new Map<string, { type: string; sender: string; answer: Promise<unknown> }>();
  /** Every table a logged write may touch: all but the saved search index (derived, saved on its own). */
  const scope = (): Table[] => db.tables.filter((t) => t.name !== 'searchIndex');

  /** The kept answer to this request, if any. Call inside a transaction that holds `answers`. */
  async function lookup(id: string, type: string, sender: string): Promise<AnswerRow | undefined> {
    const row = await db.answers.get(id);
    if (!row) return undefined;
    if (row.type !== type || row.sender !== sender) {
      throw new RouteError('invalid', `${type}: this request id belongs to another request`);
    }
    return now() - row.at > ttlMs ? undefined : row;
  }

  /** Keeps an answer and drops the old ones. Call inside the write's transaction (it must hold `answers`). */
  async function keep(id: string, type: string, sender: string, value: unknown): Promise<void> {
    const at = now();
    await db.answers
      .where('at')
      .below(at - ttlMs)
      .delete();
    await db.answers.put({ id, type, sender, at, value });
    const extra = (await db.answers.count()) - max;
    if (extra > 0) {
      const oldest = await db.answers
        .orderBy('at')
        .limit(extra + 1)
        .primaryKeys();
      await db.answers.bulkDelete(oldest.filter((key) => key !== id).slice(0, extra));
    }
  }

  /**
   * Runs a logged write once per request id: the first time through `handler`, keeping its answer with the
   * write; a retry gets that answer. A request without an id (tests, older pages) just runs.
   */
  async function run(
    type: MessageType,
    sender: SenderContext,
    context: RequestContext | undefined,
    handler: (context: RequestContext) => Promise<unknown>,
  ): Promise<unknown> {
    const id = context?.requestId;
    if (!id) return handler(context ?? {});
    const who = senderKey(sender);
    const running = inflight.get(id);
    if (running) {
      if (running.type !== type || running.sender !== who) {
        throw new RouteError('invalid', `${type}: this request id belongs to another request`);
      }
      return running.answer;
    }
    const answer = OWN_TRANSACTION.has(type)
      ? runOwn(id, type, who, context, handler)
      : db.transaction('rw', scope(), async () => {
          const kept = await lookup(id, type, who);
          if (kept) return kept.value;
          const value = await handler(context);
          await keep(id, type, who, value);
          return value;
        });
    inflight.set(id, { type, sender: who, answer });
    try {
      return await answer;
    } finally {
      inflight.delete(id);
    }
  }

  async function runOwn(
    id: string,
    type: string,
    who: string,
    context: RequestContext,
    handler: (context: RequestContext) => Promise<unknown>,
  ): Promise<unknown> {
    const kept = await db.transaction('r', db.answers, () => lookup(id, type, who));
    if (kept) return kept.value;
    let stored = false;
    const value = await handler({
      ...context,
      keepAnswer: async (answer) => {
        await keep(id, type, who, answer);
        stored = true;
      },
    });
    // Not kept by the handler (a path that wrote nothing; none today): kept now, after the fact. Had it written
    // something, a stop right here would lose this answer — which is why handlers keep theirs themselves.
    if (!stored) await db.transaction('rw', db.answers, () => keep(id, type, who, value));
    return value;
  }

  return { run };
}

export type AnswerLog = ReturnType<typeof createAnswerLog>;

/** The handlers with every logged write (`utils/messaging/retry-safety.ts`) answered through the log. */
export function withAnswerLog(handlers: Handlers, log: AnswerLog): Handlers {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const type of LOGGED_TYPES) {
    const handler = handlers[type] as (r: unknown, s: SenderContext, c?: RequestContext) => Promise<unknown>;
    wrapped[type] = (request: unknown, sender: SenderContext, context?: RequestContext) =>
      log.run(type, sender, context, (c) => handler(request, sender, c));
  }
  return wrapped as Handlers;
}
