/**
 * Is this page an article? Detection runs when the popup asks (`page.status`), once per article address — not
 * at every page's load: most pages a reader opens are never asked about, and on a large page detection is
 * several milliseconds (issue #17). Extraction (Readability) is not here either: the background injects it into
 * the tab only when the popup asks or the user highlights.
 */
import { detectArticle } from '@/utils/article/detect';
import type { PageDetection } from '@/utils/messaging/tab-map';
import { normalizeUrl } from '@/utils/url';

export interface ArticleWatch {
  /** The verdict for the page's current address, worked out now if this address was not asked about yet. */
  current(): PageDetection;
}

export function watchArticle(doc: Document): ArticleWatch {
  let detected: { key: string; verdict: PageDetection } | null = null;
  const keyOf = () => normalizeUrl(doc.location?.href ?? '') ?? '';
  return {
    current(): PageDetection {
      const key = keyOf();
      if (detected?.key === key) return detected.verdict;
      const { isArticle, score, reasons } = detectArticle(doc, doc.location.href);
      // Details ("NewsArticle", a path) stay for debugging; points and ids are what the popup shows.
      detected = {
        key,
        verdict: { isArticle, score, reasons: reasons.map(({ id, points }) => ({ id, points })) },
      };
      return detected.verdict;
    },
  };
}
