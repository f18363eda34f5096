/**
 * Fixes to the body Readability returns, made on its element before sanitising: the author line at the end
 * becomes the byline, a caption printed twice appears once, the lead comes first, and trailing footer or
 * label lines go.
 */
import { parseBylineLine } from './byline';
import { isNoiseLabel } from './noise';
import { cleanText } from './text';

const BLOCKS = 'p, div, h2, h3, h4, h5, h6, li, figcaption, blockquote, td, pre';
// Footer lines that slip into a body: masthead, licence, address, copyright.
const FOOTER_LINE = /tổng biên tập|giấy phép|tòa soạn\s*:|toà soạn\s*:|bản quyền thuộc|©|copyright/i;

/** Innermost blocks with text (a block holding other blocks is skipped), in document order. */
function textBlocks(root: Element): Element[] {
  return Array.from(root.querySelectorAll(BLOCKS)).filter(
    (el) => !el.querySelector(BLOCKS) && cleanText(el.textContent) !== '',
  );
}

/** Removes `el` and then any ancestors left without text, up to `root`. */
function removeBlock(el: Element, root: Element): void {
  let node: Element | null = el;
  while (node && node !== root) {
    const parent: Element | null = node.parentElement;
    node.remove();
    node = parent && parent !== root && cleanText(parent.textContent) === '' ? parent : null;
  }
}

/** True when all of the block's text sits in bold or italic: how author lines are set. */
function isEmphasised(el: Element): boolean {
  const emphasised = Array.from(el.querySelectorAll('strong, b, em, i'))
    .map((e) => cleanText(e.textContent))
    .join(' ');
  return emphasised.length > 0 && emphasised.length >= cleanText(el.textContent).length * 0.9;
}

/**
 * Finds the author line among the last blocks of the body ("Bài và ảnh: Xuân Thu", "Theo TTXVN", a bold
 * name), removes it and returns the byline. Bare names are accepted only with `bareNames` (Vietnamese
 * layouts), and only when emphasised or last.
 */
export function takeByline(root: Element, bareNames: boolean): string | null {
  const blocks = textBlocks(root).slice(-4).reverse();
  for (const [i, el] of blocks.entries()) {
    const text = cleanText(el.textContent);
    const byline = parseBylineLine(text, { bare: bareNames && (i === 0 || isEmphasised(el)) });
    if (byline) {
      removeBlock(el, root);
      return byline;
    }
  }
  return null;
}

/** A block that sits with an image: in a figure or layout table, or right after an image. */
function nearImage(el: Element): boolean {
  const before = el.previousElementSibling;
  return !!(el.closest('figure, figcaption, table') || before?.tagName === 'IMG' || before?.querySelector('img'));
}

/**
 * Drops a caption printed twice: a short block next to an image whose text repeats the block just before
 * it. Identical paragraphs elsewhere are left alone; some texts do repeat a line on purpose.
 */
export function dropRepeatedBlocks(root: Element): void {
  let previous: Element | null = null;
  let previousText = '';
  for (const el of textBlocks(root)) {
    const text = cleanText(el.textContent);
    if (previous && text === previousText && text.length <= 400 && (nearImage(el) || nearImage(previous))) {
      removeBlock(el, root);
      continue;
    }
    previous = el;
    previousText = text;
  }
  // An image title that repeats its alt text or caption is said twice to screen readers and tooltips.
  for (const img of Array.from(root.getElementsByTagName('img'))) {
    const title = img.getAttribute('title');
    if (title && (title === img.getAttribute('alt') || root.textContent?.includes(title))) {
      img.removeAttribute('title');
    }
  }
}

/** Drops footer lines and section labels at the end of the body. */
export function dropTrailingNoise(root: Element): void {
  for (const el of textBlocks(root).slice(-3).reverse()) {
    const text = cleanText(el.textContent);
    if (FOOTER_LINE.test(text) || isNoiseLabel(text)) removeBlock(el, root);
    else break;
  }
}

/**
 * Makes `lead` the first block: kept where it is when it already leads, moved up when Readability put it
 * later, inserted as a bold paragraph when Readability dropped it (a sapo outside the body container).
 */
export function putLeadFirst(root: Element, lead: string): void {
  const blocks = textBlocks(root);
  const target = cleanText(lead);
  const firstText = blocks[0] ? cleanText(blocks[0].textContent) : '';
  if (firstText === target) return;
  const doc = root.ownerDocument;
  const existing = blocks.find((b) => cleanText(b.textContent) === target);
  if (existing) removeBlock(existing, root);
  const p = doc.createElement('p');
  const strong = doc.createElement('strong');
  strong.textContent = target;
  p.appendChild(strong);
  const host = root.firstElementChild && root.children.length === 1 ? root.firstElementChild : root;
  host.insertBefore(p, host.firstChild);
}
