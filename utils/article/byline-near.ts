/**
 * The byline printed near the headline, found by its form rather than by a class list: a labelled line
 * ("Bài và ảnh: …", "Theo …", "By …", "Par …") before or after the headline, or, after it, a bare name
 * that is set as an author: linked to an author page, marked as an author (class word, `rel`, `itemprop`),
 * or, on Vietnamese pages, printed in capitals as their papers do ("NGUYỄN HẢI"; elsewhere a line in
 * capitals is more often a section label). The site's own name is never a byline.
 */
import { cjkSource, inCapitals, namesSite, parseBylineLine } from './byline';
import { type NearHeadline, spacedText } from './near-headline';
import { cleanText } from './text';

const AUTHOR_LINK = /tac-?gia|author|autor|auteur|journalist|signataire|reporter|writer|phong-?vien|\/by\//i;
const AUTHOR_NAME =
  /(?:^|[\s_-])(?:author|authors|byline|tac-?gia|tacgia|writer|reporter|signature|auteur|autor|journalist|phong-?vien)(?:$|[\s_-])/i;
const MAX_ELEMENTS = 12;

/** The element, or an ancestor up to `line`, or a descendant, is marked as an author or links to one. */
function markedAsAuthor(el: Element, line: Element): boolean {
  const marked = (e: Element) =>
    AUTHOR_NAME.test(`${e.getAttribute('class') ?? ''} ${e.getAttribute('id') ?? ''}`) ||
    /author/i.test(`${e.getAttribute('rel') ?? ''} ${e.getAttribute('itemprop') ?? ''}`) ||
    (e.tagName === 'A' && AUTHOR_LINK.test(e.getAttribute('href') ?? ''));
  for (let e: Element | null = el; e; e = e === line ? null : e.parentElement) if (marked(e)) return true;
  return Array.from(el.querySelectorAll('a, [class], [itemprop], [rel]')).some(marked);
}

/** A link to some other page than an author's (a section, a tag). */
const otherLink = (e: Element) => e.tagName === 'A' && !AUTHOR_LINK.test(e.getAttribute('href') ?? '');

/** The text is (inside) a link to some other page: a kicker or a section name, not an author. */
function inOtherLink(el: Element, text: string, line: Element): boolean {
  for (let e: Element | null = el; e; e = e === line ? null : e.parentElement) if (otherLink(e)) return true;
  return Array.from(el.getElementsByTagName('a')).some(
    (a) => otherLink(a) && cleanText(a.textContent) === text,
  );
}

/** The byline near the headline (see the module comment), or null. */
export function bylineNearHeadline(
  near: NearHeadline,
  siteNames: readonly (string | null | undefined)[],
  host: string,
  vietnamese: boolean,
): string | null {
  for (const line of near.lines) {
    const elements = [line.el, ...Array.from(line.el.querySelectorAll('*')).slice(0, MAX_ELEMENTS)];
    for (const el of elements) {
      const text = spacedText(el);
      if (!text) continue;
      let byline = parseBylineLine(text);
      if (!byline && line.distance > 0) {
        const set =
          markedAsAuthor(el, line.el) || (vietnamese && inCapitals(text) && !inOtherLink(el, text, line.el));
        byline = set ? parseBylineLine(text, { bare: true }) : null;
      }
      if (byline && !namesSite(byline, siteNames, host)) return byline;
    }
  }
  return null;
}

/**
 * The source or editor an info line near the headline credits in Chinese or Japanese ("来源：新华社", "编辑：
 * 王晨"), or null: a byline of last resort (`cjkSource`); the site's own name never.
 */
export function sourceNearHeadline(
  near: NearHeadline,
  siteNames: readonly (string | null | undefined)[],
  host: string,
): string | null {
  for (const line of near.lines) {
    const source = cjkSource(line.text);
    if (source && !namesSite(source, siteNames, host)) return source;
  }
  return null;
}
