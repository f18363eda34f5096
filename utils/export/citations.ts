/**
 * Citations of the annotated articles for reference managers: BibTeX (biblatex), RIS (Zotero, EndNote,
 * Mendeley) and CSL-JSON (Zotero, Pandoc, citeproc). Every article is cited as a news article on the web —
 * what Clipmark is for — in each format's own terms: RIS `NEWS` with `T2` (Zotero: Newspaper Article), CSL
 * `article-newspaper` with `container-title`, and biblatex `@online` with the site as `organization` and
 * `journaltitle`. Why `@online` and not biblatex's `@article` + `entrysubtype = {newspaper}`: stock Zotero's
 * BibTeX importer reads every `@article` as a Journal Article (it has no `entrysubtype`), but `@online` as a
 * Web Page, with `journaltitle` as its Website Title, `urldate` as its access date — the closest type it
 * offers; biblatex styles print `@online` with its `organization` and `urldate`. Better BibTeX reads both.
 *
 * Citation keys are shared by the three formats, and derived from the article alone (`citationKey`), so an
 * article has the same key in a one-page export, a search's and the whole library's. All text is NFC: pages
 * (and so titles and site names) may come in NFD, and a reference manager compares and sorts code points.
 */
import type { Article, Highlight } from '../schema';
import { type Author, authorName, parseByline } from './authors';
import {
  citeUrl,
  type DateParts,
  dayOf,
  displayTime,
  groupByArticle,
  pad2,
  publishedParts,
  siteName,
  slugify,
} from './common';
import { textFragmentLink } from './deep-link';
import type { Selection } from './types';
import { hashUuid } from './web-annotation';

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

/** The cited articles of a selection, in export order, each with its record, highlights and `citationKey`. */
export function citationFacts(
  selection: Selection,
): (CitationFacts & { article: Article; highlights: Highlight[] })[] {
  const used = new Set<string>();
  return groupByArticle(selection).map(({ article, highlights }) => {
    const facts = factsOf(article);
    // Two articles with the same key would need the same author, year, first word and hash: a clash is
    // all but impossible, but a file must never hold one, so the later one gets "-2" (in this file only).
    let key = facts.key;
    for (let n = 2; used.has(key); n++) key = `${facts.key}-${n}`;
    used.add(key);
    return { ...facts, key, article, highlights };
  });
}

/**
 * The article's citation key, from the article alone: first author (or the site) + year + first word of the
 * title, folded to ASCII, then "-" and four characters of a hash of the article's library key (its URL):
 * "xuanthu2026hop-k7q2". The hash tells apart two articles whose words agree without looking at the other
 * articles of the export, so the key is the same in every export the article is in.
 */
export function citationKey(article: Article): string {
  return factsOf(article).key;
}

const nfc = (text: string) => text.normalize('NFC');

function keyHash(url: string): string {
  const n = Number.parseInt(hashUuid(url).slice(0, 8), 16);
  return (n % 36 ** 4).toString(36).padStart(4, '0');
}

/** What a citation says about one article (its key without the per-file "-2"). */
export function factsOf(article: Article): CitationFacts {
  const lang = article.meta.lang?.toLowerCase().split(/[-_]/)[0] || null;
  const authors = parseByline(article.meta.byline, lang);
  const issued = publishedParts(article);
  const title = nfc(article.title).replace(/\s+/g, ' ').trim();
  const first = authors[0];
  const who = first ? (first.kind === 'person' ? first.family : first.name) : siteName(article);
  const key =
    (slugify(who).replace(/-/g, '').slice(0, 24) || 'clipmark') +
    (issued ? String(issued[0]) : 'nd') +
    (slugify(title).split('-')[0] ?? '') +
    `-${keyHash(article.url)}`;
  return {
    key,
    title,
    authors,
    container: nfc(siteName(article)),
    issued,
    url: citeUrl(article),
    accessed: dayOf(article.createdAt, article),
    lang,
  };
}

const LATEX: Record<string, string> = {
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  // A backtick in braces: no ligature with the next one ("``" is an opening double quote), and Better
  // BibTeX reads it back as a backtick (it reads `\textasciigrave` as U+02CB).
  '`': '{`}',
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

/**
 * Text for a BibTeX field: LaTeX's special characters escaped, one line, NFC. Vietnamese stays UTF-8
 * (biber). Also what TeX fonts would turn into other characters: `<` and `>` (¡ and ¿ in the OT1 encoding),
 * the ligatures `--`, `---` (dashes) and `''` (a closing double quote) — broken with an empty group
 * — and backticks.
 */
export function latexEscape(text: string): string {
  return nfc(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}$&%#_^~<>`]/g, (c) => LATEX[c] as string)
    .replace(/([-'])(?=\1)/g, '$1{}');
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

/**
 * biblatex `@online` entries (see the top of this file for why). `url` is a verbatim field: only what would
 * unbalance braces is percent-encoded.
 */
export function selectionToBibtex(selection: Selection): string {
  return citationFacts(selection)
    .map((c) => {
      const site = latexEscape(c.container);
      const fields: [string, string | null][] = [
        ['title', c.title ? latexEscape(c.title) : null],
        ['author', c.authors.length ? c.authors.map(bibAuthor).join(' and ') : null],
        // biblatex prints `organization` for `@online`; Zotero takes `journaltitle` as the Website Title.
        ['organization', site],
        ['journaltitle', site],
        ['date', c.issued && isoDay(c.issued)],
        ['url', c.url.replace(/[{}\\\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)],
        ['urldate', c.url && c.accessed ? isoDay(c.accessed) : null],
        ['langid', (c.lang && LANGID[c.lang]) ?? null],
        // The article's own note, on one line like every field: `annote` (biblatex's alias of `annotation`),
        // which Zotero imports as a note.
        ['annote', articleNote(c.article) ? latexEscape(articleNote(c.article)) : null],
      ];
      const body = fields.filter(([, v]) => v).map(([k, v]) => `  ${k} = {${v}}`);
      // A book (Kindle, Readwise) is a @book: no address, no date it was visited.
      return `@${c.url ? 'online' : 'book'}{${c.key},\n${body.join(',\n')}\n}\n`;
    })
    .join('\n');
}

/** The article's own note, trimmed ('' when none). */
const articleNote = (article: Article) => article.note?.trim() ?? '';

const risDay = (d: DateParts) => `${d[0]}/${pad2(d[1])}/${pad2(d[2])}`;

const htmlText = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
/** Text as note HTML: line breaks as `<br/>`, indentation and runs of spaces as no-break spaces. */
const htmlLines = (text: string) =>
  htmlText(nfc(text))
    .replace(/\r\n?|[\n\v\f\u0085\u2028\u2029]/g, '<br/>')
    .replace(/\t/g, '    ')
    .replace(/ {2,}/g, (run) => '&nbsp;'.repeat(run.length));

/**
 * One highlight as the HTML of a Zotero note, on one line: the quote, its colour and time, the deep link
 * that opens the page at the passage, the note, the tags. HTML on purpose: Zotero's RIS reader takes an
 * `N1` holding any `<…>` as HTML, so a note's own `<script>` written as text would be read as markup; escaped
 * inside `<p>`s, it shows as written, line breaks kept.
 */
function risNote(h: Highlight, article: Article, url: string): string {
  const time = displayTime(h.createdAt, article);
  const parts = [
    `<blockquote><p>${htmlLines(h.quote.exact)}</p></blockquote>`,
    `<p>${htmlText(h.color)}${time ? ` · ${time}` : ''}${url ? ` · <a href="${htmlText(textFragmentLink(url, h.quote))}">${htmlText(url)}</a>` : ''}</p>`,
  ];
  if (h.note.trim()) parts.push(`<p>${htmlLines(h.note)}</p>`);
  if (h.tags.length) parts.push(`<p>${htmlText(h.tags.map(nfc).join(', '))}</p>`);
  return parts.join('');
}

/**
 * RIS records with CRLF line endings, as Zotero and EndNote expect; one value per line. Each highlight is an
 * `N1`, which Zotero imports as a child note of the item.
 */
export function selectionToRis(selection: Selection): string {
  const records = citationFacts(selection).map((c) => {
    const lines: [string, string | null][] = [
      ['TY', c.url ? 'NEWS' : 'BOOK'],
      ['ID', c.key],
      ['TI', c.title || null],
      ...c.authors.map((a): [string, string] => ['AU', authorName(a)]),
      ['T2', c.container],
      ['DA', c.issued && risDay(c.issued)],
      ['PY', c.issued && String(c.issued[0])],
      ['UR', c.url],
      ['Y2', c.url && c.accessed ? risDay(c.accessed) : null],
      ['LA', c.lang],
      // The article's own note first, as a child note like the highlights'.
      ['N1', articleNote(c.article) ? `<p>${htmlLines(articleNote(c.article))}</p>` : null],
      ...c.highlights.map((h): [string, string] => ['N1', risNote(h, c.article, c.url)]),
    ];
    const out = lines
      .filter(([, v]) => v)
      // N1 is HTML on one line already (spaces it keeps are entities); the rest is collapsed to one line.
      .map(([tag, v]) => `${tag}  - ${tag === 'N1' ? v : nfc(v as string).replace(/\s+/g, ' ')}`);
    return `${[...out, 'ER  - '].join('\r\n')}\r\n`;
  });
  return records.join('\r\n');
}

const cslDate = (d: DateParts) => ({ 'date-parts': [d] });

/** CSL-JSON items; pen names and organisations as `literal`, so styles print them as written. */
export function selectionToCslJson(selection: Selection): string {
  const items = citationFacts(selection).map((c) => ({
    id: c.key,
    type: c.url ? 'article-newspaper' : 'book',
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
    ...(c.url ? { URL: c.url } : {}),
    ...(c.accessed ? { accessed: cslDate(c.accessed) } : {}),
    ...(c.lang ? { language: c.lang } : {}),
    // CSL's variable for a note on the item that styles do not print in a reference (`note` some do).
    ...(articleNote(c.article) ? { annote: nfc(articleNote(c.article)) } : {}),
  }));
  return `${JSON.stringify(items, null, 2)}\n`;
}
