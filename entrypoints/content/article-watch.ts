/**
 * Is this page an article? Detection runs once per article address, in idle time after load and again after
 * an in-page navigation to another article, never twice for one address. Extraction (Readability) is not
 * here: the background injects it into the tab only when the popup asks or the user highlights.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectArticle } from '@/utils/article/detect';
import type { PageDetection } from '@/utils/messaging/tab-map';
import { normalizeUrl } from '@/utils/url';

/** A single-page site renders the new view after it changed the address; give it this long first. */
const AFTER_NAVIGATION_MS = 500;
/** Idle callbacks may wait for ever on a busy page; detection is cheap, so run it by then anyway. */
const IDLE_TIMEOUT_MS = 2000;

export interface ArticleWatch {
  /** The verdict for the page's current address, running detection now if idle time has not come yet. */
  current(): PageDetection;
  /** Schedules detection for the address the page has now (after an in-page navigation). */
  schedule(delayMs?: number): void;
}

export function watchArticle(ctx: ContentScriptContext, doc: Document): ArticleWatch {
  let detected: { key: string; verdict: PageDetection } | null = null;
  let pending: number | undefined;

  const keyOf = () => normalizeUrl(doc.location?.href ?? '') ?? '';
  const run = (): PageDetection => {
    const key = keyOf();
    if (detected?.key === key) return detected.verdict;
    const { isArticle, score, reasons } = detectArticle(doc, doc.location.href);
    // Details ("NewsArticle", a path) stay for debugging; points and ids are what the popup shows.
    detected = {
      key,
      verdict: { isArticle, score, reasons: reasons.map(({ id, points }) => ({ id, points })) },
    };
    return detected.verdict;
  };
  const schedule = (delayMs = 0) => {
    if (pending !== undefined) clearTimeout(pending);
    pending = ctx.setTimeout(() => {
      pending = undefined;
      ctx.requestIdleCallback(() => run(), { timeout: IDLE_TIMEOUT_MS });
    }, delayMs);
  };
  schedule();
  return { current: run, schedule: (delayMs = AFTER_NAVIGATION_MS) => schedule(delayMs) };
}
