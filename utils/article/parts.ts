/**
 * The visible parts of an article page that Readability does not report well: the headline element, the
 * adapter's time line (a hint for published.ts), the lead (sapo) and an author element. Read from the page
 * through the adapter's selectors, each checked before use, so a renamed class falls back to the generic
 * rules instead of a wrong answer.
 */
import { parseBylineLine } from './byline';
import { leadAfterHeadline } from './lead';
import { spacedText } from './near-headline';
import { cleanText } from './text';
import type { SiteAdapter } from './types';

/** What `readVisibleParts` found; null where the page (or its adapter) shows nothing usable. */
export interface VisibleParts {
  headline: Element | null;
  title: string | null;
  /** The adapter's time line element, if any: a hint for the date finder, which checks it. */
  timeHint: Element | null;
  lead: string | null;
  author: string | null;
}

const MIN_LEAD = 40;
const MAX_LEAD = 1500;

type Scope = Document | Element;

function all(scope: Scope, selector: string | undefined): Element[] {
  if (!selector) return [];
  try {
    return Array.from(scope.querySelectorAll(selector));
  } catch {
    return []; // an adapter's selector the engine rejects is a bug there, not a reason to fail here
  }
}

/**
 * Where to look for the time line, lead and author: the headline's grandparent, which holds them on every
 * layout we know, else the whole page. Keeps the selector queries small on large pages.
 */
function scopeOf(doc: Document, headline: Element | null): Scope {
  const scope = headline?.parentElement?.parentElement;
  return scope && scope !== doc.documentElement ? scope : doc;
}

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

function follows(el: Element, anchor: Element | null): boolean {
  // Node.DOCUMENT_POSITION_FOLLOWING
  return !anchor || (anchor.compareDocumentPosition(el) & 4) !== 0;
}

/** Words of a title, for comparing the headline with `<title>` and og:title. */
function words(text: string): Set<string> {
  return new Set(
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
}

/**
 * True when `heading` and one of `titles` say mostly the same: most of the heading's words are in the title
 * and they make up at least half of it (a title may add a site name; a logo "Salon" is not the headline).
 */
export function headingMatches(heading: string, titles: readonly (string | null | undefined)[]): boolean {
  const h = words(heading);
  if (h.size === 0) return false;
  return titles.some((t) => {
    if (!t) return false;
    const w = words(t);
    let shared = 0;
    for (const x of h) if (w.has(x)) shared++;
    return shared / h.size >= 0.7 && shared / w.size >= 0.5;
  });
}

/** The headline element: the adapter's, else the single `h1` that the page's titles repeat. */
function findHeadline(
  doc: Document,
  adapter: SiteAdapter,
  titles: readonly (string | null)[],
): Element | null {
  const h1s = Array.from(doc.body?.getElementsByTagName('h1') ?? []).filter((h) => cleanText(h.textContent));
  const selector = adapter.selectors.title;
  // Title selectors name h1 elements, so testing the page's few h1s beats querying the whole page.
  const own = selector ? h1s.find((h) => safeMatches(h, selector)) : undefined;
  if (own) return own;
  if (h1s.length === 0 || h1s.length > 2) return null;
  return h1s.find((h) => headingMatches(cleanText(h.textContent), titles)) ?? null;
}

/** The adapter's time line element, near the headline first: a hint for the date finder (published.ts). */
function timeHint(doc: Document, scope: Scope, adapter: SiteAdapter): Element | null {
  return (
    all(scope, adapter.selectors.time)[0] ??
    (scope !== doc ? all(doc, adapter.selectors.time)[0] : null) ??
    null
  );
}

/**
 * The lead: the adapter's sapo element when it holds a paragraph of text after the headline, else the block
 * set as a lead right after the headline (lead.ts).
 */
function findLead(scope: Scope, adapter: SiteAdapter, headline: Element | null): string | null {
  for (const el of all(scope, adapter.selectors.lead).slice(0, 5)) {
    const text = cleanText(el.textContent);
    if (text.length >= MIN_LEAD && text.length <= MAX_LEAD && follows(el, headline)) return text;
  }
  // Sapo conventions are Vietnamese; elsewhere a dek after the headline is often left out of the article.
  return headline && adapter.vietnamese ? leadAfterHeadline(headline) : null;
}

/** Reads the headline, time line, lead and author element of `doc` through `adapter`. */
export function readVisibleParts(
  doc: Document,
  adapter: SiteAdapter,
  titles: readonly (string | null)[],
): VisibleParts {
  const headline = findHeadline(doc, adapter, titles);
  const scope = scopeOf(doc, headline);
  const authorEl = all(scope, adapter.selectors.author)[0];
  const authorText = authorEl ? spacedText(authorEl).slice(0, 120) : '';
  return {
    headline,
    title: headline ? cleanText(headline.textContent) : null,
    timeHint: timeHint(doc, scope, adapter),
    lead: findLead(scope, adapter, headline),
    author: authorText ? parseBylineLine(authorText, { bare: true }) : null,
  };
}
