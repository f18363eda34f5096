/**
 * The visible parts of an article page that Readability does not report well: the headline element, the
 * adapter's time line (a hint for published.ts), the lead (sapo) and an author element. Read from the page
 * through the adapter's selectors, each checked before use, so a renamed class falls back to the generic
 * rules instead of a wrong answer.
 */
import { parseBylineLine } from './byline';
import { headingCoverage, headingMatches, headlineByForm, titleVariants } from './headline';
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
// How much of the title a headline found by its form must say to give the title its text.
const WHOLE_TITLE = 0.8;
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

/**
 * The headline element: the adapter's, else the single `h1` that the page's titles repeat, else the block
 * set as the headline by its form (headline.ts: a `div` or `p` title, an `h2` under a logo `h1`).
 */
function findHeadline(
  doc: Document,
  adapter: SiteAdapter,
  titles: readonly (string | null)[],
): { el: Element; title: string | null } | null {
  const h1s = Array.from(doc.body?.getElementsByTagName('h1') ?? []).filter((h) => cleanText(h.textContent));
  const selector = adapter.selectors.title;
  // Title selectors name h1 elements, so testing the page's few h1s beats querying the whole page.
  const own = selector ? h1s.find((h) => safeMatches(h, selector)) : undefined;
  if (own) return { el: own, title: cleanText(own.textContent) };
  let host = '';
  try {
    host = new URL(doc.URL).hostname;
  } catch {
    // no address: the titles as given
  }
  const variants = titleVariants(titles, host);
  const h1 =
    h1s.length <= 2 ? h1s.find((h) => headingMatches(cleanText(h.textContent), variants)) : undefined;
  if (h1) return { el: h1, title: cleanText(h1.textContent) };
  const el = headlineByForm(doc, titles, { style: true });
  if (!el) return null;
  // A block that says only part of the title ("Open Journalism Project:" over "Better Student Journalism")
  // places the headline, but the title is the page's own.
  const text = cleanText(el.textContent);
  return { el, title: headingCoverage(text, variants) >= WHOLE_TITLE ? text : null };
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
  const found = findHeadline(doc, adapter, titles);
  const headline = found?.el ?? null;
  const scope = scopeOf(doc, headline);
  const authorEl = all(scope, adapter.selectors.author)[0];
  const authorText = authorEl ? spacedText(authorEl).slice(0, 120) : '';
  return {
    headline,
    title: found?.title ?? null,
    timeHint: timeHint(doc, scope, adapter),
    lead: findLead(scope, adapter, headline),
    author: authorText ? parseBylineLine(authorText, { bare: true }) : null,
  };
}
