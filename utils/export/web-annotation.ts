/**
 * W3C Web Annotation (JSON-LD): the interchange format of Hypothesis, Recogito and annotation servers.
 * One `AnnotationCollection` whose embedded first `AnnotationPage` holds every highlight. Clipmark's own
 * facts that the model has no term for travel in the `clipmark:` namespace, so importing the file back
 * loses nothing: the colour on each annotation, the article and tag records on the collection.
 */
import type { Article, Highlight } from '../schema';
import type { TextPositionSelector, TextQuoteSelector } from '../selectors';
import { groupByArticle, utcIso } from './common';
import type { Selection } from './types';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Namespace of Clipmark's extension properties (an identifier; nothing is fetched from it). */
export const CLIPMARK_NS = 'https://clipmark.app/ns#';

/** `clipmark:articles` and `clipmark:tags` are JSON literals (JSON-LD 1.1 `@json`): records as stored. */
export const WEB_ANNOTATION_CONTEXT = [
  ANNO_CONTEXT,
  {
    '@version': 1.1,
    clipmark: CLIPMARK_NS,
    'clipmark:articles': { '@type': '@json' },
    'clipmark:tags': { '@type': '@json' },
    'clipmark:position': { '@type': '@json' },
  },
] as const;

/** Characters above U+FFFF in `text`: each is two UTF-16 units but one code point. */
export function astralIn(text: string): number {
  let n = 0;
  for (const c of text) if (c.length === 2) n++;
  return n;
}

/**
 * The position in code points, as the model counts (§4.2.5), or null when it cannot be known. Clipmark
 * measures in UTF-16 units; the two differ by the characters above U+FFFF before the passage, which a
 * highlight made since this was measured carries (`astralBefore`); for an older one they are known only when
 * its prefix reaches the start of the text (the prefix holds everything before the passage).
 */
export function codePointPosition(
  quote: TextQuoteSelector,
  position: TextPositionSelector,
): { start: number; end: number } | null {
  const before =
    position.astralBefore ?? (quote.prefix.length === position.start ? astralIn(quote.prefix) : null);
  if (before === null) return null;
  const start = position.start - before;
  return { start, end: start + [...quote.exact].length };
}

/** The W3C selectors of a highlight: its quote, and its position in code points when that is known. */
export function w3cSelectors(h: Highlight) {
  // Clipmark measures over NFC text (utils/selectors.ts); an imported quote may have come in NFD.
  const [exact, prefix, suffix] = [h.quote.exact, h.quote.prefix, h.quote.suffix].map((t) =>
    t.normalize('NFC'),
  );
  const position = codePointPosition(h.quote, h.position);
  return [
    { type: 'TextQuoteSelector', exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) },
    ...(position ? [{ type: 'TextPositionSelector', ...position }] : []),
  ];
}

/**
 * The W3C form of one highlight. Besides the model's selectors, `clipmark:position` keeps Clipmark's own
 * position (UTF-16 units of its normalised text, with `astralBefore` when known), so our import puts back
 * exactly what was exported, even where the code-point position could not be written.
 */
export function toAnnotation(h: Highlight) {
  const body: Record<string, string>[] = [];
  // `format: text/plain` says the note is text, never markup to render.
  if (h.note) body.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: h.note });
  for (const tag of h.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  // Both optional in the model: a time no date can say (a record from an older version) is left out.
  const created = utcIso(h.createdAt);
  const modified = utcIso(h.updatedAt);
  return {
    id: `urn:uuid:${h.id}`,
    type: 'Annotation',
    motivation: h.note ? 'commenting' : 'highlighting',
    ...(created ? { created } : {}),
    ...(modified ? { modified } : {}),
    ...(body.length ? { body } : {}),
    target: { source: h.url, selector: w3cSelectors(h) },
    'clipmark:color': h.color,
    'clipmark:position': {
      start: h.position.start,
      end: h.position.end,
      ...(h.position.astralBefore === undefined ? {} : { astralBefore: h.position.astralBefore }),
    },
  };
}

/**
 * An article's own note as a page-level annotation: its target is just the page's IRI (no selector), its
 * motivation `commenting`; the id is derived from the article's key, so the same note gives the same file.
 */
export function pageNoteAnnotation(article: Article) {
  const modified = utcIso(article.noteUpdatedAt ?? article.updatedAt);
  return {
    id: `urn:uuid:${hashUuid(`page note ${article.url}`)}`,
    type: 'Annotation',
    motivation: 'commenting',
    ...(modified ? { created: modified, modified } : {}),
    body: [{ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: article.note ?? '' }],
    target: article.url,
  };
}

// Stands for the items while the rest is indented. A string with unescaped quotes cannot occur inside
// any JSON string value, and the collection's own keys come first, so the first match is this one.
const ITEMS = '__clipmark_items__';

/** The selection as an `AnnotationCollection`, annotations by article then in reading order. */
export function selectionToWebAnnotations(selection: Selection): string {
  const groups = groupByArticle(selection);
  const items = groups.flatMap((g) => [
    ...(g.article.note?.trim() ? [pageNoteAnnotation(g.article)] : []),
    ...g.highlights.map(toAnnotation),
  ]);
  // The model requires IRIs for the collection and its page; derived from the content, so the same
  // selection always gives the same file.
  const seed = items.map((a) => `${a.id}@${a.modified ?? ''}`).join(' ');
  const collection = {
    '@context': WEB_ANNOTATION_CONTEXT,
    id: `urn:uuid:${hashUuid(seed)}`,
    type: 'AnnotationCollection',
    label: 'Clipmark',
    total: items.length,
    first: {
      id: `urn:uuid:${hashUuid(`page 1 ${seed}`)}`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: ITEMS,
    },
    'clipmark:articles': groups.map((g) => g.article),
    'clipmark:tags': [...selection.tags].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
  // One annotation per line: a third smaller and faster than indenting everything, still readable.
  const lines = items.map((a) => `      ${JSON.stringify(a)}`).join(',\n');
  const text = JSON.stringify(collection, null, 2).replace(JSON.stringify(ITEMS), () =>
    lines ? `[\n${lines}\n    ]` : '[]',
  );
  return `${text}\n`;
}

/** A UUID (version 8, "custom") from a 128-bit non-cryptographic hash (cyrb128) of `text`. */
export function hashUuid(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  const hex = [h1 ^ h2 ^ h3 ^ h4, h2 ^ h1, h3 ^ h1, h4 ^ h1]
    .map((h) => (h >>> 0).toString(16).padStart(8, '0'))
    .join('');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 3) | 8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}
