/**
 * A cheap look at a page's layout for detection: where its prose is, how many headings, how many teasers.
 * Bounded loops over the elements of one `scanPage` walk (no selectors engine, no styles, no layout), so it
 * stays within a few milliseconds on large pages.
 */

import { headingMatches, headlineByForm } from './headline';
import { type PageScan, scanPage, tagged } from './scan';
import { proseLength } from './text';

const MAX_PARAGRAPHS = 200;
const MAX_DIVS = 1500;
const MAX_HEADINGS = 400;
// In Latin characters' worth (`proseLength`): a paragraph of its own; shorter ones add to a body around them.
const MIN_PARAGRAPH = 40;
const MIN_SHORT_PARAGRAPH = 20;
// Once one block holds this much prose the verdict cannot change; stop reading.
const ENOUGH_PROSE = 3000;

/** What `readStructure` measured. */
export interface PageStructure {
  /** Number of `h1` elements with text. */
  h1Count: number;
  /** Text of the first non-empty `h1`. */
  h1Text: string;
  /** With no `h1`: the text of the first `h2`/`h3` that the document title repeats (blog engines). */
  titleHeading: string;
  /**
   * The headline element: the first `h1` (the one the page's titles repeat, when another is not), else the
   * title heading, else the block the titles repeat set as a headline (headline.ts: a `div` title, an `h2`
   * under a logo `h1`).
   */
  headingElement: Element | null;
  /** `h1`s after the first that sit in the main prose block, not in links: the body's section headings. */
  h1InProse: number;
  /**
   * Prose in the largest block of sibling paragraphs (the probable body), in Latin characters' worth
   * (`proseLength`: a Chinese character counts 3), so that every script measures alike.
   */
  mainChars: number;
  /** The element that holds that block. */
  mainElement: Element | null;
  /** Paragraphs in that block. */
  mainParagraphs: number;
  /** Headings that are mostly a link, plus repeated `article` cards: the teasers of a listing. */
  teasers: number;
  /** `time` elements: one or two on an article, one per teaser on a listing. */
  timeCount: number;
}

function textLength(node: Node): number {
  return proseLength(node.textContent ?? '');
}

function linkChars(el: Element): number {
  const links = el.querySelectorAll('a');
  let sum = 0;
  for (let i = 0; i < links.length && i < 30; i++) sum += textLength(links[i] as Element);
  return sum;
}

/** Length of an element's own text nodes (not its children's), and its `br` children. */
function ownText(el: Element): { chars: number; brs: number } {
  let chars = 0;
  let brs = 0;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) chars += proseLength(n.nodeValue ?? '');
    else if (n.nodeType === 1) {
      const tag = (n as Element).tagName;
      if (tag === 'BR' || tag === 'br') brs++;
      // Inline formatting inside a text block still counts as the block's own text.
      else if (/^(?:b|strong|i|em|span|font|u)$/i.test(tag)) chars += textLength(n);
    }
  }
  return { chars, brs };
}

/**
 * Measures `doc` for `detectArticle`; `scan` is `scanPage(doc)`, passed in when already made; `titles` the
 * page's declared titles (`<title>`, og:title, JSON-LD headline), for finding the headline.
 */
export function readStructure(
  doc: Document,
  scan: PageScan = scanPage(doc),
  titles: readonly (string | null | undefined)[] = [doc.title],
): PageStructure {
  const body = doc.body;
  const result: PageStructure = {
    h1Count: 0,
    h1Text: '',
    titleHeading: '',
    headingElement: null,
    h1InProse: 0,
    mainChars: 0,
    mainElement: null,
    mainParagraphs: 0,
    teasers: 0,
    timeCount: 0,
  };
  if (!body) return result;

  const h1s = tagged(scan, 'H1');
  for (let i = 0; i < h1s.length && i < 50; i++) {
    const text = (h1s[i]?.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    result.h1Count++;
    if (!result.h1Text) {
      result.h1Text = text;
      result.headingElement = h1s[i] as Element;
    }
  }
  // The first h1 the titles repeat is the headline, when the first is a logo or a section name.
  if (result.h1Count > 1 && !headingMatches(result.h1Text, titles)) {
    for (let i = 0; i < h1s.length && i < 50; i++) {
      const text = (h1s[i]?.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text && headingMatches(text, titles)) {
        result.headingElement = h1s[i] as Element;
        break;
      }
    }
  }
  if (!result.h1Count) {
    const title = (doc.title ?? '').replace(/\s+/g, ' ').toLowerCase();
    for (const tag of ['H2', 'H3']) {
      const hs = tagged(scan, tag);
      for (let i = 0; i < hs.length && i < 5 && !result.titleHeading; i++) {
        const text = (hs[i]?.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text.length >= 10 && title.includes(text.toLowerCase())) {
          result.titleHeading = text;
          result.headingElement = hs[i] as Element;
        }
      }
    }
  }

  // No heading the titles repeat: the block set as the headline by its form (a div, a bold paragraph).
  const heading = result.headingElement ? (result.headingElement.textContent ?? '') : '';
  if (!heading || !headingMatches(heading, titles)) {
    const byForm = headlineByForm(doc, titles);
    if (byForm) {
      result.headingElement = byForm;
      if (!result.h1Count && !result.titleHeading) {
        result.titleHeading = (byForm.textContent ?? '').replace(/\s+/g, ' ').trim();
      }
    }
  }

  // Teaser boxes first: a heading that is mostly a link, and the one or two elements around it.
  const teaserBoxes = new Set<Element>();
  let seen = 0;
  for (const tag of ['H2', 'H3', 'H4']) {
    const hs = tagged(scan, tag);
    for (let i = 0; i < hs.length && seen < MAX_HEADINGS; i++, seen++) {
      const h = hs[i] as Element;
      const chars = textLength(h);
      if (chars < 12) continue;
      const wrapper = h.parentElement?.tagName.toUpperCase() === 'A' ? h.parentElement : null;
      if (!wrapper && linkChars(h) < chars * 0.8) continue;
      result.teasers++;
      const box = (wrapper ?? h).parentElement;
      if (box) teaserBoxes.add(box);
      if (box?.parentElement) teaserBoxes.add(box.parentElement);
    }
  }
  const cards = tagged(scan, 'ARTICLE');
  if (cards.length >= 3) {
    result.teasers += cards.length;
    for (let i = 0; i < cards.length && i < 200; i++) teaserBoxes.add(cards[i] as Element);
  }

  // Prose grouped by ancestor: an article's paragraphs share a parent (or, when each sits in its own box,
  // a grandparent or great-grandparent); a listing's summaries each sit alone in a teaser box, which is
  // kept out of the higher groups, so no group grows large.
  const groups = new Map<Element, { chars: number; count: number }>();
  const add = (start: Element | null, chars: number, count: number) => {
    let key = start;
    for (let level = 0; key && level < 3; level++, key = key.parentElement) {
      const g = groups.get(key) ?? { chars: 0, count: 0 };
      g.chars += chars;
      g.count += count;
      groups.set(key, g);
      if (g.chars > result.mainChars) {
        result.mainChars = g.chars;
        result.mainParagraphs = g.count;
        result.mainElement = key;
      }
      if (teaserBoxes.has(key)) break;
    }
  };
  const ps = tagged(scan, 'P');
  for (let i = 0; i < ps.length && i < MAX_PARAGRAPHS && result.mainChars < ENOUGH_PROSE; i++) {
    const p = ps[i] as Element;
    const chars = textLength(p);
    if (chars < MIN_SHORT_PARAGRAPH || linkChars(p) > chars * 0.5) continue;
    // A one-line paragraph adds to the body it sits in (articles written as many short paragraphs) but
    // counts as no paragraph of its own.
    add(p.parentElement, chars, chars >= MIN_PARAGRAPH ? 1 : 0);
  }
  // Older CMSs write paragraphs as divs or table cells, or one block of text broken by <br>s.
  let blocks = 0;
  for (const tag of ['DIV', 'TD', 'SECTION']) {
    const list = tagged(scan, tag);
    for (let i = 0; i < list.length && blocks < MAX_DIVS && result.mainChars < ENOUGH_PROSE; i++, blocks++) {
      const block = list[i] as Element;
      const { chars, brs } = ownText(block);
      if (chars < MIN_PARAGRAPH * 2) continue;
      if (brs >= 2) add(block, chars, Math.ceil(brs / 2));
      else add(block.parentElement, chars, 1);
    }
  }
  result.timeCount = tagged(scan, 'TIME').length;
  // h1s inside the body's prose, other than the headline, are its section headings (some CMSs set every
  // heading as an h1); a listing's h1s are links.
  const main = result.mainElement;
  if (main && result.h1Count > 1) {
    for (let i = 0; i < h1s.length && i < 50; i++) {
      const h = h1s[i] as Element;
      if (h === result.headingElement || !main.contains(h) || h.querySelector('a') || h.closest('a'))
        continue;
      if ((h.textContent ?? '').trim()) result.h1InProse++;
    }
  }
  return result;
}
