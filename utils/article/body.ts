/**
 * Fixes to the body Readability returns, made on its element before sanitising: the author line at the end
 * (or the start) becomes the byline, a caption printed twice appears once, trailing footer or label lines go,
 * and the lead comes first. The body's text blocks are listed once and kept up to date as blocks are removed.
 */
import { inCapitals, parseBylineLine } from './byline';
import { parsePrintedDate } from './dates';
import { isNoiseLabel } from './noise';
import { isDatelineLike } from './published';
import { cleanText } from './text';

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'FIGCAPTION',
  'BLOCKQUOTE',
  'TD',
  'PRE',
]);
// Footer lines that slip into a body: masthead, licence, address, copyright.
const FOOTER_LINE = /tổng biên tập|giấy phép|tòa soạn\s*:|toà soạn\s*:|bản quyền thuộc|©|copyright/i;

/** The innermost blocks of a body (a block holding other blocks is skipped), with their text. */
class Blocks {
  readonly list: Element[] = [];
  private readonly texts = new Map<Element, string>();

  constructor(readonly root: Element) {
    // Innermost: no block anywhere inside, also under a <main>, <section> or <nav> that is not one itself.
    const selector = [...BLOCK_TAGS].join(',').toLowerCase();
    for (const el of Array.from(root.getElementsByTagName('*'))) {
      if (!BLOCK_TAGS.has(el.tagName.toUpperCase())) continue;
      if (el.querySelector(selector) === null && /\S/.test(el.textContent ?? '')) this.list.push(el);
    }
  }

  text(el: Element): string {
    let text = this.texts.get(el);
    if (text === undefined) {
      text = cleanText(el.textContent);
      this.texts.set(el, text);
    }
    return text;
  }

  /** Removes `el`, then any ancestors left without text, up to the root. */
  remove(el: Element): void {
    const at = this.list.indexOf(el);
    if (at >= 0) this.list.splice(at, 1);
    let node: Element | null = el;
    while (node && node !== this.root) {
      const parent: Element | null = node.parentElement;
      node.remove();
      node = parent && parent !== this.root && !/\S/.test(parent.textContent ?? '') ? parent : null;
    }
  }
}

/** True when all of the block's text sits in bold or italic: how author lines are set. */
function isEmphasised(el: Element, text: string): boolean {
  const emphasised = Array.from(el.querySelectorAll('strong, b, em, i'))
    .map((e) => cleanText(e.textContent))
    .join(' ');
  return emphasised.length > 0 && emphasised.length >= text.length * 0.9;
}

/**
 * The author line among the last blocks ("Bài và ảnh: Xuân Thu", "Theo TTXVN", a bold name), removed and
 * returned as the byline. Bare names count only with `bareNames` (Vietnamese layouts), and only when
 * emphasised or last.
 */
function takeByline(blocks: Blocks, bareNames: boolean): string | null {
  const last = blocks.list.slice(-4).reverse();
  for (const [i, el] of last.entries()) {
    const text = blocks.text(el);
    const byline = parseBylineLine(text, { bare: bareNames && (i === 0 || isEmphasised(el, text)) });
    if (byline) {
      blocks.remove(el);
      return byline;
    }
  }
  return null;
}

/**
 * An author line opening the body ("Bài và ảnh: Xuân Thu", "By Jane Doe", or a bold name in capitals),
 * removed and returned as the byline. Only the first two blocks are read: later, such a line is a heading.
 */
function takeLeadingByline(blocks: Blocks): string | null {
  for (const el of blocks.list.slice(0, 2)) {
    const text = blocks.text(el);
    const byline = parseBylineLine(text, { bare: inCapitals(text) && isEmphasised(el, text) });
    if (byline) {
      blocks.remove(el);
      return byline;
    }
  }
  return null;
}

/** A block that sits with an image: in a figure or layout table, or right after an image. */
function nearImage(el: Element): boolean {
  const before = el.previousElementSibling;
  return !!(
    el.closest('figure, figcaption, table') ||
    before?.tagName === 'IMG' ||
    before?.querySelector('img')
  );
}

/**
 * Drops a caption printed twice: a short block next to an image whose text repeats the block just before
 * it. Identical paragraphs elsewhere are left alone; some texts do repeat a line on purpose. An image
 * title that repeats its alt text or caption goes too (screen readers and tooltips would say it twice).
 */
function dropRepeatedCaptions(blocks: Blocks): void {
  let previous: Element | null = null;
  for (const el of [...blocks.list]) {
    const text = blocks.text(el);
    if (
      previous &&
      text === blocks.text(previous) &&
      text.length <= 400 &&
      (nearImage(el) || nearImage(previous))
    ) {
      blocks.remove(el);
      continue;
    }
    previous = el;
  }
  const captions = new Set(blocks.list.map((el) => blocks.text(el)));
  for (const img of Array.from(blocks.root.getElementsByTagName('img'))) {
    const title = img.getAttribute('title');
    if (title && (title === img.getAttribute('alt') || captions.has(cleanText(title))))
      img.removeAttribute('title');
  }
}

/** Drops footer lines and section labels at the end of the body. */
function dropTrailingNoise(blocks: Blocks): void {
  for (const el of blocks.list.slice(-3).reverse()) {
    const text = blocks.text(el);
    if (!FOOTER_LINE.test(text) && !isNoiseLabel(text)) break;
    blocks.remove(el);
  }
}

// Blocks above the headline that Readability kept are page furniture when they are this short: a kicker, a
// teaser link, a breadcrumb, a time line.
const FURNITURE = 200;

/**
 * The headline when Readability kept it in the body (it removes only an h1 or h2 that repeats the title; a
 * `<p class="title">` stays), with the short blocks above it and the time line under it: the body starts after
 * them. Only within the first blocks, and only when every block above the headline is short.
 */
function dropHeadlineBlocks(blocks: Blocks, headline: string): void {
  const target = cleanText(headline);
  const head = blocks.list.slice(0, 6);
  const at = head.findIndex((el) => blocks.text(el) === target);
  if (at < 0 || head.slice(0, at).some((el) => blocks.text(el).length > FURNITURE)) return;
  const after = blocks.list[at + 1];
  for (const el of head.slice(0, at + 1)) blocks.remove(el);
  if (after) {
    const text = blocks.text(after);
    if (text.length <= FURNITURE && isDatelineLike(text) && parsePrintedDate(text, {})) {
      blocks.remove(after);
    }
  }
}

/**
 * Makes `lead` the first block: kept where it is when it already leads, moved up when Readability put it
 * later, inserted as a bold paragraph when Readability dropped it (a sapo outside the body container).
 */
function putLeadFirst(blocks: Blocks, lead: string): void {
  const target = cleanText(lead);
  const first = blocks.list[0];
  if (first && blocks.text(first) === target) return;
  const existing = blocks.list.find((b) => blocks.text(b) === target);
  if (existing) blocks.remove(existing);
  const root = blocks.root;
  const p = root.ownerDocument.createElement('p');
  const strong = root.ownerDocument.createElement('strong');
  strong.textContent = target;
  p.appendChild(strong);
  const host = root.firstElementChild && root.children.length === 1 ? root.firstElementChild : root;
  host.insertBefore(p, host.firstChild);
}

/**
 * Applies the fixes to `root` (Readability's body element; edited in place) and returns the byline found
 * at its end, else at its start, if any.
 */
export function fixBody(
  root: Element,
  options: { bareNames: boolean; lead: string | null; headline?: string | null },
): string | null {
  const blocks = new Blocks(root);
  if (options.headline) dropHeadlineBlocks(blocks, options.headline);
  const byline = takeByline(blocks, options.bareNames) ?? takeLeadingByline(blocks);
  dropRepeatedCaptions(blocks);
  dropTrailingNoise(blocks);
  if (options.lead) putLeadFirst(blocks, options.lead);
  return byline;
}
