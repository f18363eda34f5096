/**
 * The Hypothesis client's own JSON export format, which its "Import annotations" (share dialog, Import tab)
 * reads back: `{export_date, export_userid, client_version, annotations: [...]}`, each annotation in the
 * shape of Hypothesis's API (`APIAnnotationData`). The client keeps `target`, `uri`, `text`, `tags` and
 * `document` of each annotation it imports and makes it the importing user's, in the group they chose; it
 * lists the file's annotations by `user` and imports those of the user picked there.
 *
 * - `text` is Markdown in Hypothesis (it renders it): a note is text in Clipmark, so it is escaped like the
 *   Markdown export's (`markdownText`), and shows as written.
 * - `target[0].selector`: the quote and, when known, the position in code points (as in the W3C export).
 * - Clipmark's colour, and the address opening the passage, have no Hypothesis field: they travel in
 *   `clipmark` on each annotation, which the client ignores, with Clipmark's own position (UTF-16 units) and,
 *   when escaping changed it, the note as typed — so our import (import-hypothesis.ts) gives back the same
 *   highlights.
 * - An article's own note is a page note: an annotation whose target has no selector, only the page.
 */
import type { Article, Highlight } from '../schema';
import { citeUrl, groupByArticle, utcIso } from './common';
import { textFragmentLink } from './deep-link';
import { markdownText } from './markdown';
import type { Selection } from './types';
import { hashUuid, w3cSelectors } from './web-annotation';

/** The `user` of every exported annotation: the file's author, as Hypothesis's import lists it. */
export const HYPOTHESIS_USER = 'acct:clipmark@clipmark.app';
/** Names the exporting program in the `client_version` field (Hypothesis writes its client's version). */
export const CLIENT_VERSION = 'clipmark';

/** The selection in the Hypothesis client's export format, annotations by article then in reading order. */
export function selectionToHypothesis(selection: Selection, exportedAt: number): string {
  const annotations = groupByArticle(selection).flatMap(({ article, highlights }) => [
    ...(article.note?.trim() ? [pageNote(article)] : []),
    ...highlights.map((h) => toHypothesis(h, article.title, citeUrl(article))),
  ]);
  const file = {
    export_date: utcIso(exportedAt) ?? new Date(0).toISOString(),
    export_userid: HYPOTHESIS_USER,
    client_version: CLIENT_VERSION,
    annotations,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const permissions = {
  read: ['group:__world__'],
  admin: [HYPOTHESIS_USER],
  update: [HYPOTHESIS_USER],
  delete: [HYPOTHESIS_USER],
};

/** The article's own note as a Hypothesis page note: no selector; its id derived from the address. */
function pageNote(article: Article) {
  const created = utcIso(article.noteUpdatedAt ?? article.updatedAt) ?? new Date(0).toISOString();
  const text = (article.note ?? '').normalize('NFC');
  const escaped = markdownText(text);
  return {
    id: hashUuid(`page note ${article.url}`),
    created,
    updated: created,
    user: HYPOTHESIS_USER,
    uri: article.url,
    text: escaped,
    tags: [],
    group: '__world__',
    permissions,
    target: [{ source: article.url }],
    document: article.title.trim() ? { title: [article.title.normalize('NFC')] } : {},
    ...(escaped === text ? {} : { clipmark: { note: text } }),
  };
}

function toHypothesis(h: Highlight, title: string, pageUrl: string) {
  const created = utcIso(h.createdAt) ?? utcIso(h.updatedAt) ?? new Date(0).toISOString();
  const text = h.note.normalize('NFC');
  const escaped = text ? markdownText(text) : '';
  const { start, end, astralBefore } = h.position;
  return {
    id: h.id,
    created,
    updated: utcIso(h.updatedAt) ?? created,
    user: HYPOTHESIS_USER,
    uri: h.url,
    text: escaped,
    tags: h.tags.map((t) => t.normalize('NFC')),
    group: '__world__',
    permissions,
    target: [{ source: h.url, selector: w3cSelectors(h) }],
    document: title.trim() ? { title: [title.normalize('NFC')] } : {},
    clipmark: {
      color: h.color,
      link: textFragmentLink(pageUrl, h.quote),
      position: { start, end, ...(astralBefore === undefined ? {} : { astralBefore }) },
      ...(escaped === text ? {} : { note: text }),
    },
  };
}
