/**
 * Markdown for note apps (Obsidian, Logseq): YAML front matter, then one block quote per highlight with its
 * note and tags, then — when the article was clipped — the saved article text under its own heading, one
 * paragraph per block, escaped like every other text. One article → one note; many → one file each, or one
 * combined file.
 */
import type { Article, Clipping, Highlight } from '../schema';
import {
  type ArticleGroup,
  byReadingOrder,
  citeUrl,
  fileNames,
  groupByArticle,
  publishedIso,
  siteName,
  tagsInUse,
} from './common';
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
  const escaped = value.replace(
    /[\\"\p{Cc}\u2028\u2029\ufffe\uffff]/gu,
    (c) => YAML_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}

/**
 * A tag as Obsidian (and Logseq) read it: a space ends a `#tag`, so "nông nghiệp" becomes "nông-nghiệp";
 * only letters, digits, `_`, `-` and `/` (nesting) are kept; Obsidian ignores all-digit tags, so "2026"
 * becomes "_2026". The same form is used in the front matter, so a tag reads the same in the whole vault.
 */
export function markdownTag(tag: string): string {
  const t = tag
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M}_/-]+/gu, '-')
    .replace(/\/{2,}/g, '/')
    .replace(/^[-/]+|[-/]+$/g, '');
  return /^\p{N}+$/u.test(t) ? `_${t}` : t;
}

/**
 * Text shown as written. Notes are text in Clipmark, so `<b>` stays the characters `<b>`: HTML, links, code,
 * emphasis, tables and Obsidian's own syntax (#tags, ==marks==, %%comments%%, $maths$, [[links]], ^ids)
 * are backslash-escaped, and line starts that would open a list or code block are neutralised.
 */
export function markdownText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeLine)
    .join('\n');
}

function escapeLine(line: string): string {
  return (
    line
      .trimStart() // four spaces of indentation would make a code block
      .replace(/[\\`*_[\]<>#|~$^]/g, '\\$&')
      // `==` marks text in Obsidian; a line of `=` under a paragraph makes it a heading.
      .replace(/=(?==)|(?<==)=|^=/g, '\\=')
      .replace(/%%/g, '\\%\\%')
      .replace(/&(?=#?\w+;)/g, '\\&') // "&lt;" would show as "<"
      .replace(/^[-+]/, '\\$&')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Front matter of one article, as Obsidian's properties: strings quoted, `tags` a YAML list. */
function frontMatter(article: Article, highlights: readonly Highlight[]): string[] {
  const lines = [`title: ${yamlString(article.title)}`, `url: ${yamlString(citeUrl(article))}`];
  lines.push(`site: ${yamlString(siteName(article))}`);
  if (article.meta.byline) lines.push(`byline: ${yamlString(article.meta.byline)}`);
  const published = publishedIso(article);
  if (published) lines.push(`published: ${yamlString(published)}`);
  const tags = uniqueTags(highlights);
  lines.push(tags.length ? 'tags:' : 'tags: []', ...tags.map((t) => `  - ${yamlString(t)}`));
  return ['---', ...lines, '---'];
}

const uniqueTags = (highlights: readonly Highlight[]) => [
  ...new Set(tagsInUse(highlights).map(markdownTag).filter(Boolean)),
];

/** One highlight: the quote with `> ` on every line, then its note, then its tags as `#tags`. */
function highlightBlock(h: Highlight): string[] {
  const lines = h.quote.exact.split(/\r\n|\r|\n/).map((line) => `> ${markdownText(line)}`);
  if (h.note.trim()) lines.push('', markdownText(h.note.trim()));
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
    .map((block) => markdownText(block.trim()))
    .filter((block) => block.trim() !== '');
  if (blocks.length === 0) return [];
  return ['', `${level} ${labels.savedArticle}`, ...blocks.flatMap((b) => ['', b])];
}

const clippingsByUrl = (selection: Selection, options: SelectionMarkdownOptions) =>
  new Map((options.clippings ?? selection.clippings ?? []).map((c) => [c.url, c]));

function heading(article: Article): string {
  return markdownText(oneLine(article.title) || siteName(article) || article.url);
}

// `<…>` keeps parentheses in the address from ending the link; URL serialisation escapes `<`, `>`, spaces.
const link = (url: string) => `<${new URL(url).href}>`;

/** One article as a note: front matter, title, source link, highlights in reading order. */
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
    link(citeUrl(article)),
  ];
  if (highlights.length === 0) lines.push('', labels.noHighlights);
  for (const h of highlights) lines.push('', ...highlightBlock(h));
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

/** The whole selection as one Markdown file: a section per article, its details as a list. */
export function selectionToMarkdown(selection: Selection, options: SelectionMarkdownOptions = {}): string {
  const labels = labelsFor(options.lang);
  const groups = groupByArticle(selection);
  const clippings = clippingsByUrl(selection, options);
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
  const lines = [`## ${heading(article)}`, '', `- ${labels.url}: ${link(citeUrl(article))}`];
  lines.push(`- ${labels.site}: ${markdownText(oneLine(siteName(article)))}`);
  if (article.meta.byline) lines.push(`- ${labels.byline}: ${markdownText(oneLine(article.meta.byline))}`);
  const published = publishedIso(article);
  if (published) lines.push(`- ${labels.published}: ${published}`);
  const tags = uniqueTags(highlights);
  if (tags.length) lines.push(`- ${labels.tags}: ${tags.map((t) => `#${t}`).join(' ')}`);
  for (const h of highlights) lines.push('', ...highlightBlock(h));
  return lines;
}
