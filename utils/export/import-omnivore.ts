/**
 * Import of Omnivore's export (Omnivore closed in November 2024; its export is a zip). Clipmark reads either
 * the zip — unpacked in the library page (utils/export/omnivore-zip.ts), which sends its metadata, highlights
 * Markdown and sanitised saved copies as one text — or one of its metadata files, `metadata_<from>_to_<to>.json`,
 * picked alone: a JSON array of saved items, each with id, slug, title, author, description, url, state, labels,
 * savedAt, updatedAt, publishedAt, and — in exports made by other means — `highlights`, each with quote, prefix,
 * suffix, annotation, color, type (HIGHLIGHT, NOTE, REDACTION), createdAt and updatedAt.
 *
 * Omnivore's own exporter (packages/api/src/jobs/export.ts) puts no highlights in the metadata: they are only in
 * `highlights/<slug>.md`, written by its `highlightToMarkdown` — per highlight `> quote` (blank lines inside the
 * quote written as `> `), then a blank line and its labels as `#name` words, then a blank line and its note;
 * a note on the whole article is its text alone. So an item's highlights come from its metadata when it has
 * them (they carry context, colour and times), else from its Markdown (quote, labels and note only: they anchor
 * by the quote, dated by the item's `savedAt`). A note after a quote that is only `#words` reads as labels;
 * a note paragraph that begins with `> ` reads as a new highlight (the Markdown cannot tell them apart).
 *
 * Each item with highlights becomes an article at its address; its labels become the highlights' tags
 * (Clipmark has no tags per article); its `content/<slug>.html` becomes the article's saved copy (a clipping,
 * dated by `savedAt`: importing again changes nothing, and a copy saved here later is kept; one saved here
 * earlier is replaced only after the preview, the replaced copy kept to put back). Items and highlights
 * Clipmark cannot hold are left out, each named with why.
 */
import { z } from 'zod';
import { normalizeUrl } from '../url';
import { OMNIVORE_ZIP_FORMAT } from './formats';
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
  description: z.string().nullish(),
  highlights: z.array(z.unknown()).max(100_000).nullish(),
});
type OmnivoreItem = z.infer<typeof ItemSchema>;

/** True when the text is a JSON array whose first item has Omnivore's `slug` and `savedAt`. */
export function looksLikeOmnivore(text: string): boolean {
  const head = text
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 4000);
  return head.startsWith('[') && /"slug"\s*:/.test(head) && /"savedAt"\s*:/.test(head);
}

/** What the library page sends for an Omnivore zip (utils/export/omnivore-zip.ts `omnivoreImportText`). */
const ZipTextSchema = z.object({
  format: z.literal(OMNIVORE_ZIP_FORMAT),
  metadata: z.array(z.object({ name: z.string().max(200), text: z.string() })).max(100_000),
  highlights: z.record(z.string().max(2000), z.string()),
  copies: z.record(
    z.string().max(2000),
    z.object({
      html: z.string().max(5_000_000),
      text: z.string().max(2_000_000),
      wordCount: z.number().int().nonnegative(),
    }),
  ),
  refusedCopies: z.array(z.string().max(2000)).max(100_000).default([]),
});
type ZipText = z.infer<typeof ZipTextSchema>;

/** One highlight read from `highlights/<slug>.md`. */
export interface MarkdownHighlight {
  quote: string;
  labels: string[];
  note: string;
}

/**
 * The highlights of Omnivore's `highlights/<slug>.md` (its `highlightToMarkdown`, joined by blank lines), and
 * the notes on the whole article it holds (text before any quote).
 */
export function parseOmnivoreMarkdown(md: string): { highlights: MarkdownHighlight[]; notes: string[] } {
  const blocks = md
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => b.replace(/^\n+|\s+$/g, ''))
    .filter((b) => b !== '');
  const highlights: MarkdownHighlight[] = [];
  const notes: string[] = [];
  let current: (MarkdownHighlight & { noteParts: string[] }) | null = null;
  for (const block of blocks) {
    if (block.startsWith('>')) {
      // Lines of a quote: `> text`, `> ` for a blank line inside it; a line without `>` continues it.
      const quote = block
        .split('\n')
        .map((line) => line.replace(/^> ?/, ''))
        .join('\n')
        .trim();
      current = { quote, labels: [], note: '', noteParts: [] };
      highlights.push(current);
      continue;
    }
    if (!current) {
      notes.push(block);
      continue;
    }
    const words = block.split(/[ \t]+/);
    if (
      current.labels.length === 0 &&
      current.noteParts.length === 0 &&
      words.every((w) => /^#\S+$/.test(w))
    ) {
      current.labels = words.map((w) => w.slice(1));
      continue;
    }
    current.noteParts.push(block);
    current.note = current.noteParts.join('\n\n');
  }
  return {
    highlights: highlights.map(({ quote, labels, note }) => ({ quote, labels, note })),
    notes,
  };
}

export async function parseOmnivore(text: string, options: ParseOptions = {}): Promise<ParsedImport> {
  checkSize(text);
  const data = parseJson(text);
  const out = new ForeignImport(options);
  if (Array.isArray(data)) {
    await readItems(out, data, '');
    return out.done(options);
  }
  const zip = ZipTextSchema.safeParse(data);
  if (!zip.success) {
    throw new ImportError(
      'wrong-format',
      'This is not an Omnivore export (expected its zip, or a metadata file: a JSON array of saved items, as in metadata_0_to_20.json).',
    );
  }
  for (const file of zip.data.metadata) {
    let items: unknown;
    try {
      items = parseJson(file.text);
    } catch (error) {
      out.leave(file.name, (error as Error).message);
      continue;
    }
    if (!Array.isArray(items)) {
      out.leave(file.name, 'not a JSON array of saved items');
      continue;
    }
    await readItems(out, items, file.name, zip.data);
  }
  return out.done(options);
}

/** Reads a metadata file's items into `out`; `zip`: the rest of the export, when the zip was read. */
async function readItems(out: ForeignImport, data: unknown[], file: string, zip?: ZipText): Promise<void> {
  const refusedCopies = new Set(zip?.refusedCopies);
  const articles = new Map<string, { title: string; author?: string; publishedAt?: string }>();
  const copies: { key: string; slug: string; savedAt: number; path: string; item: OmnivoreItem }[] = [];
  for (const [i, value] of data.entries()) {
    const path = `${file}[${i}]`;
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
    const markdown = it.slug !== undefined && zip ? Object.hasOwn(zip.highlights, it.slug) : false;
    const saved = Date.parse(it.savedAt);
    const tags = (it.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name).replace(/,/g, ' '));
    let added = 0;
    if (it.highlights?.length) {
      added = await readMetadataHighlights(out, it.highlights, path, key, tags, saved);
    } else if (markdown) {
      const mdPath = `highlights/${it.slug}.md`;
      const md = parseOmnivoreMarkdown(zip?.highlights[it.slug as string] as string);
      if (md.notes.length > 0) {
        out.leave(mdPath, 'a note on the whole article: per-article notes are not imported yet');
      }
      for (const [j, h] of md.highlights.entries()) {
        const highlight = await out.add({
          path: `${mdPath} #${j + 1}`,
          key,
          idName: `omnivore\n${key}\n${h.quote.trim()}`,
          quote: h.quote,
          note: h.note.trim(),
          tags: [...tags, ...h.labels.map((l) => l.replace(/,/g, ' '))],
          color: colorOf(null),
          createdAt: saved,
          updatedAt: saved,
        });
        if (highlight) added++;
      }
    } else {
      out.leave(path, 'an item without highlights: Clipmark keeps the articles you highlighted');
      continue;
    }
    if (added === 0) continue;
    if (!articles.has(key)) {
      articles.set(key, {
        title: it.title,
        author: it.author ?? undefined,
        publishedAt: it.publishedAt ?? undefined,
      });
    }
    if (it.slug !== undefined && zip) {
      if (refusedCopies.has(it.slug)) {
        out.leave(`content/${it.slug}.html`, 'the saved copy has no text left once made safe');
      } else if (Object.hasOwn(zip.copies, it.slug)) {
        copies.push({ key, slug: it.slug, savedAt: saved, path, item: it });
      }
    }
  }
  for (const [key, facts] of articles) out.article(key, facts);
  for (const { key, slug, savedAt, item } of copies) {
    const copy = zip?.copies[slug];
    if (!copy) continue;
    out.clipping(
      {
        url: key,
        savedAt,
        article: {
          url: item.url,
          canonicalUrl: null,
          title: item.title.normalize('NFC').trim().slice(0, 1000),
          byline: item.author ? item.author.normalize('NFC').trim().slice(0, 500) : null,
          siteName: null,
          lang: null,
          publishedAt: item.publishedAt ?? null,
          modifiedAt: null,
          lead: null,
          excerpt: item.description ? item.description.normalize('NFC').trim().slice(0, 5000) : null,
          mainImage: null,
          wordCount: copy.wordCount,
          html: copy.html,
          text: copy.text,
          adapter: 'omnivore',
        },
      },
      `content/${slug}.html`,
    );
  }
}

/** The highlights of an item's metadata (exports that carry them); answers how many were added. */
async function readMetadataHighlights(
  out: ForeignImport,
  highlights: unknown[],
  path: string,
  key: string,
  tags: string[],
  saved: number,
): Promise<number> {
  let added = 0;
  for (const [j, raw] of highlights.entries()) {
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
    const highlight = await out.add({
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
    if (highlight) added++;
  }
  return added;
}
