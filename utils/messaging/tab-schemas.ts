/**
 * zod/mini schemas for every request of `TabMessageMap`, used by the content script's router (tab-router.ts):
 * `zod/mini` keeps the content script small (the full zod stays in the background). Built on the first
 * message rather than when the module loads: the content script loads on every page, and most pages never
 * receive a tab message (building them costs ~1 ms cold).
 */
import * as z from 'zod/mini';
import { HIGHLIGHT_COLORS } from '../colors';
import type { RouterSchemas } from './router';
import type { TabMessageMap, TabMessageType } from './tab-map';

export function buildTabSchemas(): RouterSchemas<TabMessageType> {
  return schemasFor(allRequests());
}

/**
 * Only `page.status`: what a page without its tools answers (entrypoints/page-detect/). Any other type is
 * `invalid` there, as a type nobody knows.
 */
export function buildStatusSchemas(): RouterSchemas<'page.status'> {
  return schemasFor({ 'page.status': allRequests()['page.status'] });
}

function schemasFor<T extends TabMessageType>(
  requests: {
    [K in T]: z.ZodMiniType<unknown, TabMessageMap[K]['request']>;
  },
): RouterSchemas<T> {
  const envelope = z.object({
    clipmark: z.literal(1),
    type: z.enum(Object.keys(requests) as [T, ...T[]]),
    payload: z.unknown(),
  });
  return { requests, envelope };
}

function allRequests() {
  const requests = {
    'page.status': z.strictObject({}),
    'page.sync': z.strictObject({}),
    'page.highlightSelection': z.strictObject({}),
    'page.scrollTo': z.object({ id: z.string().check(z.minLength(1), z.maxLength(100)) }),
    'page.edit': z.object({ id: z.string().check(z.minLength(1), z.maxLength(100)) }),
    'page.editorClosed': z.strictObject({}),
    'page.preview': z.strictObject({
      id: z.string().check(z.minLength(1), z.maxLength(100)),
      color: z.optional(z.enum(HIGHLIGHT_COLORS)),
      hidden: z.optional(z.boolean()),
    }),
  } satisfies { [K in TabMessageType]: z.ZodMiniType<unknown, TabMessageMap[K]['request']> };
  return requests;
}
