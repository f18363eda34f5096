/**
 * The headline element by its form, for pages whose headline is not an `h1` the page's titles repeat: a
 * `<div class="title-news">`, a `<p>` in bold, an `h2` under a logo `h1`, one of many `h1`s used as section
 * headings. Found by what it says and how it is set, never by class names: the block whose text the page's
 * own titles repeat (og:title, JSON-LD headline, `<title>` with or without the site's name), that is no link
 * to another page (a teaser), sits in no navigation, footer, sidebar, form, caption, share bar or related
 * list, and is set larger and bolder than any other such block (computed style where the engine has one,
 * else the tag: h1 > h2 > h3 > bold > plain), times how much of the title it says; the first of equals, since
 * a headline opens its article.
 */
import { isNoiseName } from './noise';
import { cleanText, proseLength } from './text';

// How far the walk goes: the headline sits near the top, so the first text nodes are enough.
const MAX_TEXT_NODES = 4000;
// A headline's text is one line or two: a few words at least, a few hundred characters at most.
const MIN_PROSE = 15;
const MAX_CHARS = 300;
const INLINE = new Set(['A', 'SPAN', 'B', 'STRONG', 'EM', 'I', 'FONT', 'U', 'SMALL', 'BIG', 'MARK']);
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'OPTION', 'TEXTAREA']);
// Where a copy of the title is never the headline: the site's navigation and chrome, forms, captions.
const OUTSIDE = new Set([
  'NAV',
  'FOOTER',
  'ASIDE',
  'FORM',
  'BUTTON',
  'LABEL',
  'SELECT',
  'FIGCAPTION',
  'FIGURE',
  'BLOCKQUOTE',
  'CAPTION',
]);
// Class or id words of the site's own bar (a sticky bar often repeats the headline), beyond noise.ts's list.
const SITE_CHROME = /(?:^|[\s_-])(?:nav|navbar|navigation|menu|masthead|site-?header|top-?bar)(?:$|[\s_-])/i;
const TAG_SIZE: Record<string, number> = { H1: 32, H2: 24, H3: 18.7, H4: 16, H5: 13.3, H6: 10.7 };

/** Words of a title, for comparing a heading with `<title>` and og:title. */
function words(text: string): Set<string> {
  return new Set(
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
}

// The separators sites put between a title and their name (title.ts has the same, with fullwidth forms).
const SEPARATORS = /\s+[-–—|·•»]\s+|\s*[|｜]\s*|\s+::\s+|\s*[_－]\s*/gu;

/** The site's own words in a title part: the host's name in it ("Vortex Cannon Entertainment" on vortexcannon.org). */
function namesHost(part: string, host: string): boolean {
  const label =
    host
      .toLowerCase()
      .replace(/^www\d?\./, '')
      .split('.')[0] ?? '';
  const squashed = part
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return label.length >= 4 && squashed.includes(label.replace(/[^a-z0-9]/g, ''));
}

/**
 * The titles a heading is compared with: each as given, and without the parts that name the site by its
 * host ("About bugs – Vortex Cannon Entertainment" → "About bugs" too), so a short headline still matches.
 */
export function titleVariants(titles: readonly (string | null | undefined)[], host: string): string[] {
  const out: string[] = [];
  for (const t of titles) {
    const text = cleanText(t);
    if (!text) continue;
    out.push(text);
    const parts = text.split(SEPARATORS).filter((p) => p.trim());
    if (parts.length < 2) continue;
    const kept = parts.filter((p) => !namesHost(p, host));
    if (kept.length && kept.length < parts.length) out.push(kept.join(' '));
  }
  return out;
}

/**
 * How much of the best-matching title `heading` says (shared words ÷ the title's words), or 0 when they do
 * not say mostly the same: most of the heading's words must be in the title and make up at least half of it
 * (a title may add a site name; a logo "Salon" is not the headline).
 */
export function headingCoverage(heading: string, titles: readonly (string | null | undefined)[]): number {
  const h = words(heading);
  if (h.size === 0) return 0;
  let best = 0;
  for (const t of titles) {
    if (!t) continue;
    const w = words(t);
    let shared = 0;
    for (const x of h) if (w.has(x)) shared++;
    if (shared / h.size >= 0.7 && shared / w.size >= 0.5) best = Math.max(best, shared / w.size);
  }
  return best;
}

/** True when `heading` and one of `titles` say mostly the same (see `headingCoverage`). */
export function headingMatches(heading: string, titles: readonly (string | null | undefined)[]): boolean {
  return headingCoverage(heading, titles) > 0;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** The address a link leads to, without its fragment; null when it has none or cannot be read. */
function target(href: string | null, base: string): string | null {
  if (!href || href.startsWith('#')) return null;
  try {
    const url = new URL(href, base);
    url.hash = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return null;
  }
}

/** True when `el` is (in) a link to another page than this one, or links elsewhere hold most of its text. */
function linksElsewhere(el: Element, text: string, self: Set<string>): boolean {
  const base = el.ownerDocument.URL;
  const elsewhere = (a: Element) => {
    const to = target(a.getAttribute('href'), base);
    return !!to && !self.has(to);
  };
  const link = el.closest('a');
  if (link) return elsewhere(link);
  // One link holding most of the text (a teaser), or several (a breadcrumb: "Home > Section > Title").
  let linked = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) {
    if (elsewhere(a)) linked += cleanText(a.textContent).length;
  }
  return linked >= text.length * 0.5;
}

/** True when `el` sits in the page's chrome: navigation, footer, sidebar, form, caption, a widget, a teaser list. */
function inChrome(el: Element): boolean {
  for (let e: Element | null = el; e && e.tagName.toUpperCase() !== 'BODY'; e = e.parentElement) {
    const tag = e.tagName.toUpperCase();
    if (OUTSIDE.has(tag)) return true;
    const name = `${e.getAttribute('class') ?? ''} ${e.getAttribute('id') ?? ''}`;
    if (name.trim() && (isNoiseName(name) || SITE_CHROME.test(name))) return true;
    if (e.getAttribute('hidden') !== null || e.getAttribute('aria-hidden') === 'true') return true;
    // An item of a list of links: a teaser.
    if (tag === 'LI' && (e.parentElement?.getElementsByTagName('a').length ?? 0) >= 2) return true;
  }
  return false;
}

/**
 * How large and bold `el` is set: its computed font size, at least its heading tag's default (an engine
 * without a default style sheet gives every element the body's size), × 1.25 in bold or as a heading.
 */
function weight(el: Element, style: boolean): number {
  const tag = el.tagName.toUpperCase();
  const bold = !!el.querySelector('b, strong') || !!el.closest('b, strong');
  let size = TAG_SIZE[tag] ?? 16;
  let heavy = bold || tag in TAG_SIZE;
  const view = style ? el.ownerDocument.defaultView : null;
  if (view && typeof view.getComputedStyle === 'function') {
    try {
      const computed = view.getComputedStyle(el);
      if (computed.display === 'none' || computed.visibility === 'hidden') return 0;
      const px = Number.parseFloat(computed.fontSize);
      if (Number.isFinite(px) && px > 0) size = Math.max(px, TAG_SIZE[tag] ?? 0);
      const w = computed.fontWeight;
      if (w && (w === 'bold' || w === 'bolder' || Number.parseInt(w, 10) >= 600)) heavy = true;
    } catch {
      // an engine without styles: the tag's size stands
    }
  }
  return size * (heavy ? 1.25 : 1);
}

/** What `headlineByForm` is told. */
export interface HeadlineOptions {
  /** Compare computed font sizes and weights (extraction); detection keeps to the tags. */
  style?: boolean;
}

/** The page's own addresses (its URL, canonical, og:url): a headline may link to them. */
function ownAddresses(doc: Document): Set<string> {
  const found = [
    doc.URL,
    doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  const self = new Set<string>();
  for (const u of found) {
    const to = target(u ?? null, doc.URL);
    if (to) self.add(to);
  }
  return self;
}

/**
 * The headline element of `doc` by its form (see the module comment), or null when no block the titles
 * repeat qualifies. `titles` are the page's declared titles (og:title, JSON-LD headline, `<title>`).
 */
export function headlineByForm(
  doc: Document,
  titles: readonly (string | null | undefined)[],
  options: HeadlineOptions = {},
): Element | null {
  const body = doc.body;
  const wanted = titleVariants(titles, hostOf(doc.URL));
  if (!body || wanted.length === 0) return null;
  const titleWords = new Set(wanted.flatMap((t) => [...words(t)]));
  let self: Set<string> | null = null;
  const seen = new Set<Element>();
  let best: Element | null = null;
  let bestWeight = 0;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  let count = 0;
  for (let node = walker.nextNode(); node && count < MAX_TEXT_NODES; node = walker.nextNode()) {
    const raw = node.nodeValue ?? '';
    if (!/\S/.test(raw)) continue;
    count++;
    let el = node.parentElement;
    if (!el || NOT_TEXT.has(el.tagName.toUpperCase())) continue;
    // Cheap first: the node shares a word with a title and is no longer than a headline.
    const nodeText = raw.trim();
    if (nodeText.length > MAX_CHARS || ![...words(nodeText)].some((w) => titleWords.has(w))) continue;
    // The block the text is set in: up through inline wrappers ("<div><a><b>Title</b></a></div>").
    for (let up = 0; up < 3 && el.parentElement && INLINE.has(el.tagName.toUpperCase()); up++) {
      el = el.parentElement;
    }
    if (seen.has(el)) continue;
    seen.add(el);
    const text = cleanText(el.textContent);
    if (text.length > MAX_CHARS || proseLength(text) < MIN_PROSE) continue;
    const coverage = headingCoverage(text, wanted);
    if (!coverage || inChrome(el)) continue;
    self ??= ownAddresses(doc);
    if (linksElsewhere(el, text, self)) continue;
    // Set large, and saying the title whole: a section heading that shares a few words scores less.
    const w = weight(el, !!options.style) * coverage;
    if (w > bestWeight) {
      best = el;
      bestWeight = w;
    }
  }
  return best;
}
