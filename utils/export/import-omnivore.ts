/**
 * Import of Omnivore's export (Omnivore closed in November 2024; its export is a zip). Clipmark reads the
 * zip's metadata files, `metadata_<from>_to_<to>.json`: a JSON array of saved items, each with id, slug,
 * title, author, description, url, state, labels, savedAt, updatedAt, publishedAt, and — in the exports
 * that have them — `highlights`, each with quote, prefix, suffix, annotation, color, type (HIGHLIGHT, NOTE,
 * REDACTION), createdAt and updatedAt. Each item with highlights becomes an article at its address; its
 * labels become the highlights' tags (Clipmark has no tags per article); the highlights anchor on the live
 * page by their quote and context, like highlights made before raw positions. The zip itself is not read
 * (Clipmark has no zip reader, and the import reads text): the user picks each metadata file. The
 * highlights Markdown (`highlights/<slug>.md`) and saved HTML (`content/<slug>.html`) are not imported: the
 * Markdown holds no more than the metadata's highlights, and a saved copy of a page comes from the page.
 * Items and highlights Clipmark cannot hold are left out, each named with why.
 */
import { z } from 'zod';
import { normalizeUrl } from '../url';
import { checkSize, formatPath, ImportError, parseJson } from './import-errors';
import { colorOf, ForeignImport } from './import-foreign';
import type { ParsedImport, ParseOptions } from './import-records';

const IsoDate = z.iso.datetime({ offset: true });
const LabelSchema = z.union([z.string(), z.looseObject({ name: z.string() })]);
const HighlightSchema = z.looseObject({
  id: z.string().max(200).optional(),
  type: z.string().max(40).optional(),
  quote: z.string().nullish(),
  prefix: z.string().nullish(),
  suffix: z.string().nullish(),
  annotation: z.string().nullish(),
  color: z.string().max(40).nullish(),
  createdAt: IsoDate.nullish(),
  updatedAt: IsoDate.nullish(),
});
const ItemSchema = z.looseObject({
  id: z.string().max(200).optional(),
  slug: z.string().max(2000).optional(),
  title: z.string().max(100_000).default(''),
  author: z.string().max(100_000).nullish(),
  url: z.string().max(4096),
  labels: z.array(LabelSchema).max(10_000).nullish(),
  savedAt: IsoDate,
  updatedAt: IsoDate.nullish(),
  publishedAt: IsoDate.nullish(),
  highlights: z.array(z.unknown()).max(100_000).nullish(),
});

/** True when the text is a JSON array whose first item has Omnivore's `slug` and `savedAt`. */
export function looksLikeOmnivore(text: string): boolean {
  const head = text
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 4000);
  return head.startsWith('[') && /"slug"\s*:/.test(head) && /"savedAt"\s*:/.test(head);
}

export async function parseOmnivore(text: string, options: ParseOptions = {}): Promise<ParsedImport> {
  checkSize(text);
  const data = parseJson(text);
  if (!Array.isArray(data)) {
    throw new ImportError(
      'wrong-format',
      'This is not an Omnivore metadata file (expected a JSON array of saved items, as in metadata_0_to_20.json).',
    );
  }
  const out = new ForeignImport(options);
  const articles = new Map<string, { title: string; author?: string; publishedAt?: string }>();
  for (const [i, value] of data.entries()) {
    const path = `[${i}]`;
    const item = ItemSchema.safeParse(value);
    if (!item.success) {
      const issue = item.error.issues[0];
      out.leave(formatPath(path, issue?.path ?? []), issue?.message ?? 'not a saved item');
      continue;
    }
    const it = item.data;
    const key = normalizeUrl(it.url);
    if (!key) {
      out.leave(`${path}.url`, 'not a web page address (http or https)');
      continue;
    }
    if (!it.highlights?.length) {
      out.leave(path, 'an item without highlights: Clipmark keeps the articles you highlighted');
      continue;
    }
    const tags = (it.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name).replace(/,/g, ' '));
    const saved = Date.parse(it.savedAt);
    for (const [j, raw] of it.highlights.entries()) {
      const hPath = `${path}.highlights[${j}]`;
      const h = HighlightSchema.safeParse(raw);
      if (!h.success) {
        const issue = h.error.issues[0];
        out.leave(formatPath(hPath, issue?.path ?? []), issue?.message ?? 'not a highlight');
        continue;
      }
      const type = (h.data.type ?? 'HIGHLIGHT').toUpperCase();
      if (type === 'NOTE') {
        out.leave(hPath, 'a note on the whole article: per-article notes are not imported yet');
        continue;
      }
      if (type !== 'HIGHLIGHT') {
        out.leave(hPath, `a ${type.toLowerCase()}, not a highlight`);
        continue;
      }
      const quote = h.data.quote ?? '';
      const created = h.data.createdAt ? Date.parse(h.data.createdAt) : saved;
      const updated = h.data.updatedAt ? Date.parse(h.data.updatedAt) : created;
      const added = await out.add({
        path: hPath,
        key,
        idName: h.data.id ? `omnivore\n${h.data.id}` : `omnivore\n${key}\n${quote.trim()}`,
        quote,
        prefix: h.data.prefix ?? '',
        suffix: h.data.suffix ?? '',
        note: (h.data.annotation ?? '').trim(),
        tags,
        color: colorOf(h.data.color),
        createdAt: created,
        updatedAt: updated,
      });
      if (added && !articles.has(key)) {
        articles.set(key, {
          title: it.title,
          author: it.author ?? undefined,
          publishedAt: it.publishedAt ?? undefined,
        });
      }
    }
  }
  for (const [key, facts] of articles) out.article(key, facts);
  return out.done(options);
}
