/**
 * An annotated page per article, to read offline, share or print: one self-contained HTML file (inline CSS,
 * no script, no remote resource — a Content-Security-Policy says so to the browser too). With a clipping,
 * the article text is shown with the highlights in their colours and numbered notes; without, the quotes
 * are listed. Every string from the page or the user is escaped: notes are text, never HTML.
 *
 * The saved text is the clipping's plain `article.text`, not its HTML: the page must stay self-contained,
 * and the clipping's images (its `mainImage` and any `<img>` in its HTML) are addresses on the original
 * site, so they are not embedded — showing them would be a remote load, which the CSP would block anyway.
 */
import { COLOR_SWATCHES, HIGHLIGHT_COLORS } from '../colors';
import type { Article, Highlight, TagRecord } from '../schema';
import { tagKey } from '../tag-names';
import {
  byReadingOrder,
  citeUrl,
  displayTime,
  fileNames,
  groupByArticle,
  publishedIso,
  siteName,
  utcIso,
} from './common';
import { escapeHtml as esc } from './html-escape';
import { markClipping } from './html-text';
import { labelsFor } from './labels';
import type { Clipping, ExportFile, ExportLang, Selection } from './types';

export interface HtmlOptions {
  lang?: ExportLang;
  /** The saved copy of the article, when there is one: its text is shown with the highlights marked. */
  clipping?: Clipping | null;
  /** Tag records, for the tags' colours. */
  tags?: readonly TagRecord[];
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light; }
body { font: 17px/1.6 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font: 600 1.1rem/1.4 system-ui, sans-serif; margin: 2rem 0 1rem; }
.meta, .source, .when, footer, .tags li, .ref { font-family: system-ui, sans-serif; }
.meta, .source, .when, footer { font-size: 14px; color: #555; margin: .25rem 0; }
.source a { color: #0b57d0; overflow-wrap: anywhere; }
.text p { margin: 0 0 1em; }
mark { color: inherit; padding: 0 .05em; }
.ref { font-size: 11px; vertical-align: super; line-height: 0; color: #555; text-decoration: none; padding: 0 .15em; }
ol.list { padding-left: 1.75rem; }
.hl { margin: 0 0 1.5rem; }
.hl blockquote { margin: 0; padding: .3rem .75rem; border-left: 4px solid rgba(0, 0, 0, .3); white-space: pre-wrap; }
.note { margin: .5rem 0 0; white-space: pre-wrap; }
.tags { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .3rem; }
.tags li { font-size: 13px; border: 1px solid #bbb; border-radius: 1em; padding: 0 .6em; }
.missing { font-style: italic; color: #a00; }
footer { margin-top: 3rem; border-top: 1px solid #ddd; padding-top: .5rem; }
${HIGHLIGHT_COLORS.map((c) => `.c-${c} { background: ${COLOR_SWATCHES[c]}; }`).join('\n')}
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  .hl, .text p { break-inside: avoid; }
  h1, h2 { break-after: avoid; }
  mark, blockquote, .tags li { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** One article's annotated page. */
export function articleToHtml(
  article: Article,
  unordered: readonly Highlight[],
  options: HtmlOptions = {},
): string {
  const l = labelsFor(options.lang);
  const highlights = [...unordered].sort(byReadingOrder);
  const numberOf = new Map(highlights.map((h, i) => [h.id, i + 1]));
  const marked = options.clipping ? markClipping(options.clipping.article.text, highlights, numberOf) : null;
  const tagColor = new Map((options.tags ?? []).map((t) => [t.key, t.color]));
  const title = article.title.trim() || siteName(article) || article.url;
  const url = citeUrl(article);
  // Records are validated as http(s), but a link is the one place a `javascript:` address would run.
  const href = /^https?:\/\//i.test(url) ? url : '#';
  const published = publishedIso(article);
  const meta = [
    esc(siteName(article)),
    article.meta.byline ? esc(article.meta.byline) : '',
    published ? `<time datetime="${esc(published)}">${esc(published)}</time>` : '',
  ].filter(Boolean);

  const items = highlights.map((h, i) => {
    const n = i + 1;
    const tags = h.tags.map((t) => {
      const color = tagColor.get(tagKey(t));
      return `<li${color ? ` class="c-${color}"` : ''}>${esc(t)}</li>`;
    });
    // A time no date can say (a record from an older version) is left out, with its label.
    const shown = displayTime(h.createdAt, article);
    const utc = utcIso(h.createdAt);
    const when =
      shown && utc ? `${esc(l.highlightedAt)} <time datetime="${esc(utc)}">${esc(shown)}</time>` : '';
    const back = marked?.found.has(h.id) ? `${when ? ' ' : ''}<a href="#r${n}">↑</a>` : '';
    const missing =
      marked && !marked.found.has(h.id)
        ? `${when || back ? ' · ' : ''}<span class="missing">${esc(l.notInText)}</span>`
        : '';
    const footer = when + back + missing;
    return [
      `<li class="hl" id="n${n}">`,
      `<blockquote class="c-${h.color}">${esc(h.quote.exact)}</blockquote>`,
      h.note.trim() ? `<p class="note">${esc(h.note.trim())}</p>` : '',
      tags.length ? `<ul class="tags" aria-label="${esc(l.tags)}">${tags.join('')}</ul>` : '',
      footer ? `<p class="when">${footer}</p>` : '',
      '</li>',
    ]
      .filter(Boolean)
      .join('\n');
  });

  const articleNote = article.note?.trim() ?? '';
  const noteSection = articleNote
    ? `<section class="article-note">\n<h2>${esc(l.articleNote)}</h2>\n<p class="note">${esc(articleNote)}</p>\n</section>\n`
    : '';
  const articleLang = article.meta.lang ? ` lang="${esc(article.meta.lang)}"` : '';
  return `<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Clipmark">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<article${articleLang}>
<header>
<h1>${esc(title)}</h1>
<p class="meta">${meta.join(' · ')}</p>
${url ? `<p class="source"><a href="${esc(href)}">${esc(url)}</a></p>` : ''}
</header>
${noteSection}${marked ? `<section class="text">\n${marked.html}\n</section>\n` : ''}<section>
<h2>${esc(l.highlights)}</h2>
${items.length ? `<ol class="list">\n${items.join('\n')}\n</ol>` : `<p>${esc(l.noHighlights)}</p>`}
</section>
</article>
<footer>${esc(l.exportedFrom)}</footer>
</body>
</html>
`;
}

/**
 * One page per article of the selection, named like the Markdown notes; an article with a clipping (from
 * `options.clippings`, else the selection's) shows its saved text.
 */
export function selectionToHtmlFiles(
  selection: Selection,
  options: { lang?: ExportLang; clippings?: readonly Clipping[] } = {},
): ExportFile[] {
  const groups = groupByArticle(selection);
  const names = fileNames(groups, 'html');
  const clippings = new Map((options.clippings ?? selection.clippings ?? []).map((c) => [c.url, c]));
  return groups.map((g, i) => ({
    filename: names[i] as string,
    mimeType: 'text/html;charset=utf-8',
    content: articleToHtml(g.article, g.highlights, {
      lang: options.lang,
      clipping: clippings.get(g.article.url) ?? null,
      tags: selection.tags,
    }),
  }));
}
