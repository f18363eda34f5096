/**
 * One article as the CSL-JSON item "Copy with citation" formats (utils/citation/format.ts), from the same facts
 * as the CSL-JSON, BibTeX and RIS exports (utils/export/citations.ts). Small: the background builds it.
 *
 * Vietnamese names. A byline split the Vietnamese way ("Nguyễn Văn An": family "Nguyễn", given "Văn An") is
 * given to citeproc as a `literal` name, "Nguyễn Văn An", because of what citeproc-js does with the parts:
 * for an item in Vietnamese it already keeps family-first order without a comma (static ordering), but APA
 * then shortens the given names to initials ("Nguyễn V. A.") and every style cites "(Nguyễn, 2026)" in the
 * text — a family name shared by four Vietnamese in ten. Vietnamese citation practice writes the whole name,
 * in its order, in the reference and in the text: "Nguyễn Văn An. (2026, March 5)…", "(Nguyễn Văn An, 2026)".
 * Western names keep their parts (citeproc inverts and abbreviates them as the style says); Chinese, Japanese
 * and Korean ones too (citeproc writes them family first, unspaced, by their script).
 */

import { type CitationFacts, factsOf } from '../export/citations';
import type { DateParts } from '../export/common';
import type { Article } from '../schema';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: 'article-newspaper';
  title?: string;
  author?: CslName[];
  'container-title'?: string;
  issued?: { 'date-parts': [DateParts] };
  accessed?: { 'date-parts': [DateParts] };
  URL: string;
  language?: string;
}

const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
// Letters only Vietnamese uses among Latin-script languages (ơ ư ă đ and the stacked tone marks).
const VIETNAMESE_LETTERS = /[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u;

const date = (d: DateParts): { 'date-parts': [DateParts] } => ({ 'date-parts': [d] });

/**
 * The article's language for the style: the page's own, or Vietnamese when the page did not say and its title
 * or site is written with Vietnamese letters (else Chicago and MLA would title-case it as English).
 */
function languageOf(facts: CitationFacts): string | null {
  if (facts.lang) return facts.lang;
  return VIETNAMESE_LETTERS.test(`${facts.title} ${facts.container}`.normalize('NFC')) ? 'vi' : null;
}

const oneLine = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

export function citationItem(article: Article): CslItem {
  const facts = factsOf(article);
  // A page without a title is cited by its site, as the work's title (MLA cannot cite a work with neither).
  const title = oneLine(facts.title);
  const container = oneLine(facts.container);
  const lang = languageOf(facts);
  // parseByline splits "Given Family" only for a page in a Western language; otherwise a person is
  // family-first (Vietnamese, or East Asian by script).
  const western = !!facts.lang && facts.lang !== 'vi';
  const author = facts.authors.map((a): CslName => {
    if (a.kind !== 'person') return { literal: a.name };
    if (western || EAST_ASIAN.test(a.family)) return { family: a.family, given: a.given };
    return { literal: `${a.family} ${a.given}` };
  });
  return {
    id: facts.key,
    type: 'article-newspaper',
    ...(title || container ? { title: title || container } : {}),
    ...(author.length ? { author } : {}),
    ...(title && container ? { 'container-title': container } : {}),
    ...(facts.issued ? { issued: date(facts.issued) } : {}),
    ...(facts.accessed ? { accessed: date(facts.accessed) } : {}),
    URL: facts.url,
    ...(lang ? { language: lang } : {}),
  };
}
