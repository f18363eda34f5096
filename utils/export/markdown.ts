/**
 * Markdown for note apps (Obsidian, Logseq): YAML front matter (title, author, site, published, url, tags,
 * citation key), a citation line, then one block quote per highlight with its colour, time, a deep link that
 * opens the page at the passage (`deep-link.ts`), its note and tags, then — when the article was clipped —
 * the saved article text under its own heading, one paragraph per block, escaped like every other text. One
 * article → one note (also the one-file export of one page, and the popup's "Copy as Markdown"); many → one
 * file each, or one combined file. Everything is NFC. The formats are described in docs/exports.md.
 */
import type { Article, Clipping, Highlight } from '../schema';
import { authorName, parseByline } from './authors';
import { citationFacts, citationKey } from './citations';
import {
  type ArticleGroup,
  byReadingOrder,
  citeUrl,
  displayTime,
  fileNames,
  groupByArticle,
  publishedIso,
  siteName,
  tagsInUse,
} from './common';
import { textFragmentLink } from './deep-link';
import { type Labels, labelsFor } from './labels';
import type { ExportFile, ExportLang, Selection } from './types';

export interface MarkdownOptions {
  lang?: ExportLang;
}

export interface ArticleMarkdownOptions extends MarkdownOptions {
  /** The saved copy of the article, when there is one. */
  clipping?: Clipping | null;
}

export interface SelectionMarkdownOptions extends MarkdownOptions {
  /** Clippings of the selection's articles; the selection's own when absent. */
  clippings?: readonly Clipping[];
}

const YAML_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

/**
 * A YAML double-quoted scalar. Always quoted, so `: `, `#`, a leading `-`, "yes"/"no" and numbers stay
 * strings; line breaks and control characters become escapes, so a value is always one line.
 */
export function yamlString(value: string): string {
  const escaped = value
    .normalize('NFC')
    .replace(
      /[\\"\p{Cc}\u2028\u2029\ufffe\uffff]/gu,
      (c) => YAML_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  return `"${escaped}"`;
}

/**
 * A tag as Obsidian (and Logseq) read it, reversibly (`tagFromMarkdown` gives the tag back). Obsidian takes
 * letters, digits, `_`, `-` and `/` (nesting) and needs one character that is not a digit; everything else
 * ends or spoils a `#tag`. So, on the NFC form of the tag:
 *
 * - letters (with their combining marks) and digits stay; `/` stays between two non-slashes (a nested tag);
 * - a space becomes `-` ("nông nghiệp" → `nông-nghiệp`, as people write tags by hand);
 * - `_` is the escape character: `_` itself is `__`, a real `-` is `_-` ("covid-19" → `covid_-19`), and any
 *   other character is `_` + its code point in lower-case hex + `_` ("C++" → `C_2b__2b_`, "50%" → `50_25_`,
 *   "😀 vui" → `_1f600_-vui`, a leading, trailing or doubled `/` → `_2f_`);
 * - a tag of digits alone gets its first digit escaped ("2026" → `_32_026`), so Obsidian sees a tag.
 *
 * Two different tags never give the same form, and the form reads back to the tag. The same form is used in
 * the front matter, so a tag reads the same in the whole vault. (docs/exports.md)
 */
export function markdownTag(tag: string): string {
  const chars = [...tag.normalize('NFC').trim()];
  const hex = (c: string) => `_${(c.codePointAt(0) as number).toString(16)}_`;
  const out = chars.map((c, i) => {
    if (c === ' ') return '-';
    if (c === '_') return '__';
    if (c === '-') return '_-';
    if (c === '/' && i > 0 && i < chars.length - 1 && chars[i - 1] !== '/' && chars[i + 1] !== '/') return c;
    if (/^[\p{L}\p{M}\p{N}]$/u.test(c) && c !== '/') return c;
    return hex(c);
  });
  if (/^\p{N}+$/u.test(chars.join(''))) out[0] = hex(chars[0] as string);
  return out.join('');
}

/** The tag a `markdownTag` form stands for (without the `#`); null when it is not such a form. */
export function tagFromMarkdown(form: string): string | null {
  let out = '';
  for (let i = 0; i < form.length; ) {
    const c = form[i] as string;
    if (c === '-') {
      out += ' ';
      i++;
    } else if (c !== '_') {
      out += c;
      i++;
    } else if (form[i + 1] === '_' || form[i + 1] === '-') {
      out += form[i + 1];
      i += 2;
    } else {
      const m = /^_([0-9a-f]{1,6})_/.exec(form.slice(i));
      if (!m) return null;
      const code = Number.parseInt(m[1] as string, 16);
      if (code > 0x10ffff) return null;
      out += String.fromCodePoint(code);
      i += m[0].length;
    }
  }
  return out;
}

/**
 * Text shown as written. Notes are text in Clipmark, so `<b>` stays the characters `<b>`: HTML, links, code,
 * emphasis, tables and Obsidian's own syntax (#tags, ==marks==, %%comments%%, $maths$, [[links]], ^ids)
 * are backslash-escaped, and line starts that would open a list or code block are neutralised. Web addresses
 * in the text become autolinks (`<https://…>`), inside which nothing is escaped, so they stay links that work;
 * the indentation of a line is kept as no-break spaces (`&nbsp;`), which no Markdown reads as a code block.
 */
export function markdownText(text: string): string {
  return text
    .normalize('NFC')
    .split(/\r\n|\r|\n/)
    .map(escapeLine)
    .join('\n');
}

// An address in running text: up to a space or a character no autolink may hold, without the punctuation
// that usually ends a sentence after it (as GitHub's autolinks do); `)` is kept when the address opened one.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"`\p{Cc}]+/gu;

function splitUrl(raw: string): [url: string, rest: string] {
  let url = raw;
  for (;;) {
    const last = url.at(-1) ?? '';
    if (/[.,;:!?'*_~]/.test(last)) url = url.slice(0, -1);
    else if (last === ')' && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
      url = url.slice(0, -1);
    } else break;
  }
  return [url, raw.slice(url.length)];
}

function escapeLine(line: string): string {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  const body = line.slice(indent.length);
  const parts: string[] = [];
  let at = 0;
  for (const m of body.matchAll(URL_IN_TEXT)) {
    const [url, rest] = splitUrl(m[0]);
    if (!URL.canParse(url)) continue;
    parts.push(escapeText(body.slice(at, m.index), at === 0), `<${url}>`);
    at = (m.index as number) + m[0].length - rest.length;
  }
  parts.push(escapeText(body.slice(at), at === 0));
  // A tab is four columns: four no-break spaces.
  const kept = indent.replace(/\t/g, '    ').replace(/ /g, '&nbsp;');
  return kept + parts.join('');
}

function escapeText(text: string, lineStart: boolean): string {
  const escaped = text
    .replace(/[\\`*_[\]<>#|~$^]/g, '\\$&')
    // `==` marks text in Obsidian; a line of `=` under a paragraph makes it a heading.
    .replace(/=(?==)|(?<==)=|^=/g, '\\=')
    .replace(/%%/g, '\\%\\%')
    .replace(/&(?=#?\w+;)/g, '\\&'); // "&lt;" would show as "<"
  return lineStart ? escaped.replace(/^[-+]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2') : escaped;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Front matter of one article, as Obsidian's properties: strings quoted (`yamlString`), lists as YAML lists:
 * title, author (the byline's names, "Family, Given" for persons), byline as printed, site, published, url,
 * tags (`markdownTag` forms) and the citation key the BibTeX, RIS and CSL-JSON exports give the article.
 */
function frontMatter(article: Article, highlights: readonly Highlight[]): string[] {
  const list = (key: string, values: readonly string[]) =>
    values.length ? [`${key}:`, ...values.map((v) => `  - ${yamlString(v)}`)] : [`${key}: []`];
  const lines = [`title: ${yamlString(article.title)}`];
  lines.push(...list('author', authorsOf(article).map(authorName)));
  if (article.meta.byline) lines.push(`byline: ${yamlString(article.meta.byline)}`);
  lines.push(`site: ${yamlString(siteName(article))}`);
  const published = publishedIso(article);
  if (published) lines.push(`published: ${yamlString(published)}`);
  // A book (Kindle, Readwise) has no address: no url, no link.
  if (citeUrl(article)) lines.push(`url: ${yamlString(citeUrl(article))}`);
  lines.push(...list('tags', uniqueTags(highlights)));
  lines.push(`citekey: ${yamlString(citationKey(article))}`);
  return ['---', ...lines, '---'];
}

const authorsOf = (article: Article) =>
  parseByline(article.meta.byline, article.meta.lang?.toLowerCase().split(/[-_]/)[0] || null);

/**
 * One line that cites the article: authors (or none), the publication date (ISO, or "n.d."), the title in
 * italics, the site, the address — the order APA 7 gives a news article on the web, without its
 * language-specific date and name forms (those are citeproc's, in the citation exports).
 */
function citationLine(article: Article, labels: Labels): string {
  const [facts] = citationFacts({ articles: [article], highlights: [], tags: [] });
  const who = facts ? facts.authors.map(authorName).join(' & ') : '';
  const date = facts?.issued
    ? facts.issued.map((n, i) => (i ? String(n).padStart(2, '0') : n)).join('-')
    : labels.noDate;
  const title = oneLine(facts?.title ?? '') || labels.untitled;
  const parts = [
    `${who ? `${markdownText(who)} ` : ''}(${date}).`,
    `*${markdownText(title)}*.`,
    `${markdownText(oneLine(siteName(article)))}.`,
    citeUrl(article) ? link(citeUrl(article)) : '',
  ];
  return parts.filter((p) => p && p !== '.').join(' ');
}

const uniqueTags = (highlights: readonly Highlight[]) => [
  ...new Set(tagsInUse(highlights).map(markdownTag).filter(Boolean)),
];

/**
 * One highlight: the quote with `> ` on every line; a line with its colour, its time (in the article's
 * offset) and a deep link to the passage; its note (indentation kept); its tags as `#tags`.
 */
function highlightBlock(h: Highlight, article: Article, labels: Labels): string[] {
  const lines = h.quote.exact.split(/\r\n|\r|\n/).map((line) => `> ${markdownText(line)}`);
  const time = displayTime(h.createdAt, article);
  const facts = [`${labels.color}: ${h.color}`];
  if (time) facts.push(`${labels.highlightedAt}: ${time}`);
  if (citeUrl(article))
    facts.push(`[${labels.openPassage}](<${textFragmentLink(citeUrl(article), h.quote)}>)`);
  lines.push('', facts.join(' · '));
  // Leading blank lines and trailing space go; the first line's indentation stays.
  const note = h.note.replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, '').trimEnd();
  if (note) lines.push('', markdownText(note));
  const tags = uniqueTags([h]);
  if (tags.length) lines.push('', tags.map((t) => `#${t}`).join(' '));
  return lines;
}

/**
 * The saved article text: a heading, then a paragraph per block of the clipping's text (blocks are separated
 * by a blank line; a line break inside a block is kept). Text, not Markdown: each line is escaped.
 */
function savedArticle(clipping: Clipping | null | undefined, level: string, labels: Labels): string[] {
  if (!clipping) return [];
  const blocks = clipping.article.text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    // Indentation in an extracted page's text is the HTML source's, not the author's: dropped.
    .map((block) => markdownText(block.replace(/^[ \t]+/gm, '').trim()))
    .filter((block) => block.trim() !== '');
  if (blocks.length === 0) return [];
  return ['', `${level} ${labels.savedArticle}`, ...blocks.flatMap((b) => ['', b])];
}

const clippingsByUrl = (selection: Selection, options: SelectionMarkdownOptions) =>
  new Map((options.clippings ?? selection.clippings ?? []).map((c) => [c.url, c]));

/** The article's own note under its heading, as text (indentation kept, like a highlight's note). */
function articleNote(article: Article, level: string, labels: Labels): string[] {
  const note = (article.note ?? '').replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, '').trimEnd();
  return note ? ['', `${level} ${labels.articleNote}`, '', markdownText(note)] : [];
}

function heading(article: Article): string {
  return markdownText(oneLine(article.title) || siteName(article) || article.url);
}

// `<…>` keeps parentheses in the address from ending the link; URL serialisation escapes `<`, `>`, spaces.
const link = (url: string) => `<${new URL(url).href}>`;

/** One article as a note: front matter, title, citation line, highlights in reading order. */
export function articleToMarkdown(
  article: Article,
  unordered: readonly Highlight[],
  options: ArticleMarkdownOptions = {},
): string {
  const labels = labelsFor(options.lang);
  const highlights = [...unordered].sort(byReadingOrder);
  const lines = [
    ...frontMatter(article, highlights),
    '',
    `# ${heading(article)}`,
    '',
    citationLine(article, labels),
  ];
  lines.push(...articleNote(article, '##', labels));
  if (highlights.length === 0) lines.push('', labels.noHighlights);
  for (const h of highlights) lines.push('', ...highlightBlock(h, article, labels));
  lines.push(...savedArticle(options.clipping, '##', labels));
  return `${lines.join('\n')}\n`;
}

/** Every article of the selection as its own note, with safe, unique, diacritic-free file names. */
export function selectionToMarkdownFiles(
  selection: Selection,
  options: SelectionMarkdownOptions = {},
): ExportFile[] {
  const groups = groupByArticle(selection);
  const names = fileNames(groups, 'md');
  const clippings = clippingsByUrl(selection, options);
  return groups.map((g, i) => ({
    filename: names[i] as string,
    mimeType: 'text/markdown;charset=utf-8',
    content: articleToMarkdown(g.article, g.highlights, {
      lang: options.lang,
      clipping: clippings.get(g.article.url) ?? null,
    }),
  }));
}

/**
 * The whole selection as one Markdown file. One article (a page's export): that article's note, front
 * matter and all, so it pastes into Obsidian as a note. More: a section per article, its details as a list.
 */
export function selectionToMarkdown(selection: Selection, options: SelectionMarkdownOptions = {}): string {
  const labels = labelsFor(options.lang);
  const groups = groupByArticle(selection);
  const clippings = clippingsByUrl(selection, options);
  if (groups.length === 1) {
    const [{ article, highlights }] = groups as [ArticleGroup];
    return articleToMarkdown(article, highlights, {
      lang: options.lang,
      clipping: clippings.get(article.url) ?? null,
    });
  }
  const total = groups.reduce((n, g) => n + g.highlights.length, 0);
  const lines = [`# Clipmark: ${labels.summary(groups.length, total)}`];
  for (const group of groups) {
    lines.push(
      '',
      ...section(group, labels),
      ...savedArticle(clippings.get(group.article.url), '###', labels),
    );
  }
  return `${lines.join('\n')}\n`;
}

function section({ article, highlights }: ArticleGroup, labels: Labels): string[] {
  const lines = [
    `## ${heading(article)}`,
    '',
    citationLine(article, labels),
    '',
    ...(citeUrl(article) ? [`- ${labels.url}: ${link(citeUrl(article))}`] : []),
  ];
  lines.push(`- ${labels.site}: ${markdownText(oneLine(siteName(article)))}`);
  if (article.meta.byline) lines.push(`- ${labels.byline}: ${markdownText(oneLine(article.meta.byline))}`);
  const published = publishedIso(article);
  if (published) lines.push(`- ${labels.published}: ${published}`);
  const tags = uniqueTags(highlights);
  if (tags.length) lines.push(`- ${labels.tags}: ${tags.map((t) => `#${t}`).join(' ')}`);
  lines.push(...articleNote(article, '###', labels));
  for (const h of highlights) lines.push('', ...highlightBlock(h, article, labels));
  return lines;
}
