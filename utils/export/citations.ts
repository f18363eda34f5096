/**
 * Citations of the annotated articles for reference managers: BibTeX (biblatex), RIS (Zotero, EndNote,
 * Mendeley) and CSL-JSON (Zotero, Pandoc, citeproc). Every article is cited as a newspaper article — what
 * Clipmark is for — in each format's own terms: biblatex `@article` with `entrysubtype = {newspaper}` and
 * `journaltitle` (its documented convention), RIS `NEWS` with `T2`, CSL `article-newspaper` with
 * `container-title`. Citation keys are shared by the three formats.
 */
import type { Article } from '../schema';
import { type Author, authorName, parseByline } from './authors';
import {
  citeUrl,
  type DateParts,
  dayOf,
  groupByArticle,
  pad2,
  publishedParts,
  siteName,
  slugify,
} from './common';
import type { Selection } from './types';

/** What a citation says about one article, whatever the format. */
export interface CitationFacts {
  key: string;
  title: string;
  authors: Author[];
  container: string;
  issued: DateParts | null;
  url: string;
  /**
   * The day the article was first highlighted: the access date citation styles ask for; null when its time
   * is not a date (a record from an older version), and then left out.
   */
  accessed: DateParts | null;
  /** Primary language subtag ("vi"), or null when the page did not say. */
  lang: string | null;
}

/** The cited articles of a selection, in export order, with unique keys ("xuanthu2026hop", "-2" on clash). */
export function citationFacts(selection: Selection): CitationFacts[] {
  const used = new Set<string>();
  return groupByArticle(selection).map(({ article }) => {
    const facts = factsOf(article);
    let key = facts.key;
    for (let n = 2; used.has(key); n++) key = `${facts.key}-${n}`;
    used.add(key);
    return { ...facts, key };
  });
}

function factsOf(article: Article): CitationFacts {
  const lang = article.meta.lang?.toLowerCase().split(/[-_]/)[0] || null;
  const authors = parseByline(article.meta.byline, lang);
  const issued = publishedParts(article);
  const title = article.title.replace(/\s+/g, ' ').trim();
  // Key: first author (or the site) + year + first word of the title, all folded to ASCII.
  const first = authors[0];
  const who = first ? (first.kind === 'person' ? first.family : first.name) : siteName(article);
  const key =
    (slugify(who).replace(/-/g, '').slice(0, 24) || 'clipmark') +
    (issued ? String(issued[0]) : 'nd') +
    (slugify(title).split('-')[0] ?? '');
  return {
    key,
    title,
    authors,
    container: siteName(article),
    issued,
    url: citeUrl(article),
    accessed: dayOf(article.createdAt, article),
    lang,
  };
}

const LATEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

/** Text for a BibTeX field: LaTeX's special characters escaped, one line. Vietnamese stays UTF-8 (biber). */
export function latexEscape(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}$&%#_^~]/g, (c) => LATEX[c] as string);
}

// biblatex `langid` values (babel/polyglossia names) for the languages Clipmark meets.
const LANGID: Record<string, string> = {
  vi: 'vietnamese',
  en: 'english',
  fr: 'french',
  de: 'german',
  es: 'spanish',
  ru: 'russian',
  ja: 'japanese',
};

const isoDay = (d: DateParts) => `${d[0]}-${pad2(d[1])}-${pad2(d[2])}`;

// Organisations and single names in braces, so BibTeX neither reverses nor abbreviates them.
const bibAuthor = (a: Author) =>
  a.kind === 'person' ? `${latexEscape(a.family)}, ${latexEscape(a.given)}` : `{${latexEscape(a.name)}}`;

/** biblatex entries. `url` is a verbatim field: only what would unbalance braces is percent-encoded. */
export function selectionToBibtex(selection: Selection): string {
  return citationFacts(selection)
    .map((c) => {
      const fields: [string, string | null][] = [
        ['entrysubtype', 'newspaper'],
        ['title', c.title ? latexEscape(c.title) : null],
        ['author', c.authors.length ? c.authors.map(bibAuthor).join(' and ') : null],
        ['journaltitle', latexEscape(c.container)],
        ['date', c.issued && isoDay(c.issued)],
        ['url', c.url.replace(/[{}\\\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)],
        ['urldate', c.accessed && isoDay(c.accessed)],
        ['langid', (c.lang && LANGID[c.lang]) ?? null],
      ];
      const body = fields.filter(([, v]) => v).map(([k, v]) => `  ${k} = {${v}}`);
      return `@article{${c.key},\n${body.join(',\n')}\n}\n`;
    })
    .join('\n');
}

const risDay = (d: DateParts) => `${d[0]}/${pad2(d[1])}/${pad2(d[2])}`;

/** RIS records with CRLF line endings, as Zotero and EndNote expect; one value per line. */
export function selectionToRis(selection: Selection): string {
  const records = citationFacts(selection).map((c) => {
    const lines: [string, string | null][] = [
      ['TY', 'NEWS'],
      ['ID', c.key],
      ['TI', c.title || null],
      ...c.authors.map((a): [string, string] => ['AU', authorName(a)]),
      ['T2', c.container],
      ['DA', c.issued && risDay(c.issued)],
      ['PY', c.issued && String(c.issued[0])],
      ['UR', c.url],
      ['Y2', c.accessed && risDay(c.accessed)],
      ['LA', c.lang],
    ];
    const out = lines
      .filter(([, v]) => v)
      .map(([tag, v]) => `${tag}  - ${(v as string).replace(/\s+/g, ' ')}`);
    return `${[...out, 'ER  - '].join('\r\n')}\r\n`;
  });
  return records.join('\r\n');
}

const cslDate = (d: DateParts) => ({ 'date-parts': [d] });

/** CSL-JSON items; pen names and organisations as `literal`, so styles print them as written. */
export function selectionToCslJson(selection: Selection): string {
  const items = citationFacts(selection).map((c) => ({
    id: c.key,
    type: 'article-newspaper',
    ...(c.title ? { title: c.title } : {}),
    ...(c.authors.length
      ? {
          author: c.authors.map((a) =>
            a.kind === 'person' ? { family: a.family, given: a.given } : { literal: a.name },
          ),
        }
      : {}),
    'container-title': c.container,
    ...(c.issued ? { issued: cslDate(c.issued) } : {}),
    URL: c.url,
    ...(c.accessed ? { accessed: cslDate(c.accessed) } : {}),
    ...(c.lang ? { language: c.lang } : {}),
  }));
  return `${JSON.stringify(items, null, 2)}\n`;
}
