/**
 * The content script's receiving side of `TabMessageMap`: sender check and validation with zod/mini, which
 * keeps the content script small (the full zod stays in the background).
 */
import * as z from 'zod/mini';
import type { Result, TabMessageMap, TabMessageType } from './background-map';

/**
 * The schemas, built on the first message rather than when the module loads: the content script loads on every
 * page, and most pages never receive a tab message (building them costs ~1 ms cold).
 */
function buildSchemas() {
  const requests = {
    'page.status': z.strictObject({}),
    'page.sync': z.strictObject({}),
    'page.highlightSelection': z.strictObject({}),
    'page.scrollTo': z.object({ id: z.string().check(z.minLength(1), z.maxLength(100)) }),
    'page.edit': z.object({ id: z.string().check(z.minLength(1), z.maxLength(100)) }),
    'page.editorClosed': z.strictObject({}),
  } satisfies { [K in TabMessageType]: z.ZodMiniType<unknown, TabMessageMap[K]['request']> };
  const envelope = z.object({
    clipmark: z.literal(1),
    type: z.enum(Object.keys(requests) as [TabMessageType, ...TabMessageType[]]),
    payload: z.unknown(),
  });
  return { requests, envelope };
}
let schemas: ReturnType<typeof buildSchemas> | undefined;

export type TabHandlers = {
  [K in TabMessageType]: (request: TabMessageMap[K]['request']) => Promise<TabMessageMap[K]['response']>;
};

/**
 * Answers a message if it comes from one of this extension's own pages or its background (`sender.url` in the
 * extension's origin); anything else — a web page, another extension — gets `forbidden`.
 */
export async function routeTabMessage(
  message: unknown,
  sender: { id?: string; url?: string },
  self: { id: string; origin: string },
  handlers: TabHandlers,
): Promise<Result<unknown>> {
  if (sender.id !== self.id || !sender.url?.startsWith(self.origin)) {
    return { ok: false, error: { code: 'forbidden', message: 'not from Clipmark' } };
  }
  schemas ??= buildSchemas();
  const envelope = schemas.envelope.safeParse(message);
  if (!envelope.success) return { ok: false, error: { code: 'invalid', message: 'not a Clipmark message' } };
  const { type, payload } = envelope.data as { type: TabMessageType; payload: unknown };
  const request = schemas.requests[type].safeParse(payload);
  if (!request.success) return { ok: false, error: { code: 'invalid', message: `${type}: bad payload` } };
  try {
    const handler = handlers[type] as (r: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(request.data) };
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: String((error as Error)?.message ?? error) } };
  }
}
