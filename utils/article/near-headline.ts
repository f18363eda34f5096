/**
 * The short lines printed around an article's headline — time line, author, kicker, breadcrumb — nearest
 * first, found by walking the text from the headline rather than by class names. The walk stays inside the
 * article's own container (the headline's nearest ancestor that also holds prose), stops once it reaches the
 * body's prose, and skips what is never the article's: the site header and navigation, sidebars, related-news
 * and most-read lists, comments, forms, captions. So the header's "today" date, a teaser's date or a
 * comment's date is never taken for the article's.
 */
import { isNoiseName } from './noise';
import { cleanText } from './text';

/** One short line near the headline. */
export interface NearbyLine {
  /** The largest element around the text that is still a short line (a time line, an author box). */
  el: Element;
  /** The element holding the text itself (a link, a bold name, a `time`). */
  leaf: Element;
  text: string;
  /** Text nodes from the headline to this line: positive after it, negative before it. */
  distance: number;
}

const MAX_LINE = 200;
// A text node this long is prose for the walk's budget (a sapo, a paragraph), though it may still be a line.
const PROSE_NODE = 120;
const MIN_CONTAINER = 800;
// How far the walk goes: text nodes, and characters of prose (text nodes longer than a line) passed.
const AFTER = { nodes: 80, prose: 800 };
const BEFORE = { nodes: 30, prose: 400 };

const SKIP_TAGS = new Set([
  'NAV',
  'ASIDE',
  'FOOTER',
  'FORM',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'FIGCAPTION',
  'FIGURE',
]);
// Class or id words of the site's own chrome and of boxes about other pages, beyond noise.ts's list.
const CHROME =
  /(?:^|[\s_-])(?:nav|navbar|navigation|menu|top-?bar|masthead|site-?header|today|time-?now|date-?now|weather|sidebar|widget|aside|hot-?news|tin-?noi-?bat|tin-?moi|latest|popular|trending|most|cung-?chuyen-?muc|other-?news|caption|image|photo|video)(?:$|[\s_-])/i;

const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * The text of a short element with a space wherever elements meet ("<a>Meg James</a><span>Staff</span>" →
 * "Meg James Staff", where `textContent` gives "Meg JamesStaff"), scripts and styles left out; NFC.
 */
export function spacedText(el: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) parts.push(child.nodeValue ?? '');
      else if (child.nodeType === 1 && !NOT_TEXT.has((child as Element).tagName.toUpperCase())) {
        parts.push(' ');
        walk(child);
        parts.push(' ');
      }
    }
  };
  walk(el);
  return cleanText(parts.join(''))
    .replace(/\s+([,.;:)])/g, '$1')
    .replace(/\(\s+/g, '(');
}

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** The headline's nearest ancestor holding enough text to include the body; the body element at most. */
export function articleContainer(headline: Element): Element {
  const body = headline.ownerDocument.body;
  let el: Element = headline;
  while (el.parentElement && el !== body && textLength(el) < MIN_CONTAINER) el = el.parentElement;
  return el;
}

/** A list item among several links: a teaser in a related or most-read list. */
function isTeaserItem(el: Element): boolean {
  if (el.tagName !== 'LI' || !el.querySelector('a')) return false;
  const list = el.parentElement;
  return !!list && list.getElementsByTagName('a').length >= 2;
}

/**
 * A test, with a cache, of whether an element near `headline` belongs to the page's chrome (site header,
 * navigation, sidebars, related lists, comments, captions) rather than to the article.
 */
export function chromeTest(headline: Element): (el: Element) => boolean {
  const cache = new Map<Element, boolean>();
  const test = (el: Element | null): boolean => {
    if (!el || el.contains(headline)) return false;
    const known = cache.get(el);
    if (known !== undefined) return known;
    const tag = el.tagName.toUpperCase();
    const name = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    const own =
      SKIP_TAGS.has(tag) ||
      // The site's header, not an article's own <header> (which holds its headline, or sits in <article>).
      (tag === 'HEADER' && !el.parentElement?.closest('article')) ||
      isTeaserItem(el) ||
      (name.trim() !== '' && (isNoiseName(name) || CHROME.test(name)));
    const result = own || test(el.parentElement);
    cache.set(el, result);
    return result;
  };
  return test;
}

/** The largest ancestor of `leaf` (up to `container`) whose text is still one short line. */
function lineOf(
  leaf: Element,
  headline: Element,
  container: Element,
  length: (el: Element) => number,
): Element {
  let el = leaf;
  for (let up = el.parentElement; up && up !== container && !up.contains(headline); up = up.parentElement) {
    if (length(up) > MAX_LINE) break;
    el = up;
  }
  return el;
}

/** What lies near the headline: its short lines and its machine-readable times, each nearest first. */
export interface NearHeadline {
  /** Short lines (at most 200 characters), after before before at equal distance, each once. */
  lines: NearbyLine[];
  /** `<time datetime>` and `[itemprop=datePublished|dateModified]` elements within the same reach. */
  times: Element[];
}

const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
const PRECEDING = 2; // Node.DOCUMENT_POSITION_PRECEDING

/** Walks the text around `headline` within its article container; see the module comment. */
export function readNearHeadline(headline: Element): NearHeadline {
  const doc = headline.ownerDocument;
  const container = articleContainer(headline);
  const isChrome = chromeTest(headline);
  // Lines share their ancestors: measure each one once, or a large page is read once per text node.
  const lengths = new Map<Element, number>();
  const length = (el: Element) => {
    const known = lengths.get(el);
    if (known !== undefined) return known;
    const n = textLength(el);
    lengths.set(el, n);
    return n;
  };
  const lines: NearbyLine[] = [];
  const seen = new Set<Element>();
  // Where each walk stopped (null: at the container's edge); times beyond are too far to be the article's.
  const stop: { before: Node | null; after: Node | null } = { before: null, after: null };
  const walk = (forward: boolean) => {
    const limit = forward ? AFTER : BEFORE;
    const walker = doc.createTreeWalker(container, 4 /* NodeFilter.SHOW_TEXT */);
    walker.currentNode = headline;
    let nodes = 0;
    let prose = 0;
    for (let node = forward ? walker.nextNode() : walker.previousNode(); node; ) {
      const leaf = node.parentElement;
      const raw = (node.nodeValue ?? '').trim();
      if (raw && leaf && !headline.contains(node)) {
        nodes++;
        if (raw.length > PROSE_NODE) prose += raw.length;
        if (nodes > limit.nodes || prose > limit.prose) {
          stop[forward ? 'after' : 'before'] = node;
          break;
        }
        if (raw.length <= MAX_LINE && !isChrome(leaf)) {
          const el = lineOf(leaf, headline, container, length);
          const text = spacedText(el);
          if (!seen.has(el) && text.length <= MAX_LINE) {
            seen.add(el);
            lines.push({ el, leaf, text, distance: forward ? nodes : -nodes });
          }
        }
      }
      node = forward ? walker.nextNode() : walker.previousNode();
    }
  };
  walk(true);
  walk(false);
  lines.sort((a, b) => Math.abs(a.distance) - Math.abs(b.distance) || b.distance - a.distance);

  const within = (el: Element) =>
    (!stop.before || (stop.before.compareDocumentPosition(el) & FOLLOWING) !== 0) &&
    (!stop.after || (stop.after.compareDocumentPosition(el) & PRECEDING) !== 0);
  const candidates = Array.from(
    container.querySelectorAll('time[datetime], [itemprop~="datePublished"], [itemprop~="dateModified"]'),
  )
    .slice(0, 50)
    .filter((el) => !headline.contains(el) && within(el) && !isChrome(el));
  const after = candidates.filter((el) => (headline.compareDocumentPosition(el) & FOLLOWING) !== 0);
  const before = candidates.filter((el) => !after.includes(el)).reverse();
  return { lines, times: [...after, ...before] };
}
