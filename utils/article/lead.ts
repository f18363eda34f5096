/**
 * The lead of a Vietnamese page (the *sapo*) when the adapter's selectors find none: the first block of text
 * after the headline, before the body starts, that is set as one — an `h2`, an element whose class or id says
 * so in any CMS's words ("sapo", "summary", "chapeau", "standfirst"…), or a paragraph entirely in bold. The
 * first ordinary paragraph ends the search. Other pages keep to their adapter's selectors: there a dek under
 * the headline is often no part of the article.
 */
import { articleContainer, chromeTest } from './near-headline';
import { cleanText } from './text';

const MIN_LEAD = 40;
const MAX_LEAD = 1500;
const MAX_ELEMENTS = 60;
const LEAD_NAME =
  /(?:^|[\s_-])(?:sapo|summary|lead|lede|desc|description|intro|chapeau|standfirst|excerpt|abstract|teaser|subtitle|dek|deck|tomtat|tom-tat)(?:$|[\s_-])/i;
const BLOCKS = new Set([
  'P',
  'DIV',
  'H2',
  'H3',
  'SECTION',
  'HEADER',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'TABLE',
  'FIGURE',
]);

function named(el: Element): boolean {
  return LEAD_NAME.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`);
}

/** All of the element's text sits in bold: how Vietnamese papers set the sapo. */
function allBold(el: Element, text: string): boolean {
  const bold = Array.from(el.querySelectorAll('strong, b'))
    .map((e) => cleanText(e.textContent))
    .join(' ');
  return bold.length >= text.length * 0.9;
}

/** A block with text of its own: no block children that hold the text instead. */
function isLeafBlock(el: Element): boolean {
  if (!BLOCKS.has(el.tagName.toUpperCase())) return false;
  for (const child of Array.from(el.children)) {
    if (BLOCKS.has(child.tagName.toUpperCase()) && cleanText(child.textContent)) return false;
  }
  return true;
}

/** The lead after `headline` on a Vietnamese page (see the module comment), or null. */
export function leadAfterHeadline(headline: Element): string | null {
  const container = articleContainer(headline);
  const isChrome = chromeTest(headline);
  const walker = headline.ownerDocument.createTreeWalker(container, 1 /* NodeFilter.SHOW_ELEMENT */);
  walker.currentNode = headline;
  let seen = 0;
  for (let node = walker.nextNode(); node && seen < MAX_ELEMENTS; node = walker.nextNode(), seen++) {
    const el = node as Element;
    if (headline.contains(el) || !isLeafBlock(el) || isChrome(el)) continue;
    if (el.querySelector('script, style, noscript, template')) continue;
    const text = cleanText(el.textContent);
    if (text.length < MIN_LEAD) continue; // a byline, a time line, a label
    const set =
      el.tagName === 'H2' ||
      named(el) ||
      (!!el.parentElement && named(el.parentElement)) ||
      allBold(el, text);
    if (!set) return null; // the body has started
    return text.length <= MAX_LEAD ? text : null;
  }
  return null;
}
