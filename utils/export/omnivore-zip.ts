/**
 * Omnivore's export zip, read in the library page (it has a document to sanitise with; the background, a
 * service worker in Chrome, has none). Omnivore's exporter (packages/api/src/jobs/export.ts) writes, per batch
 * of 20 items, `metadata_<from>_to_<to>.json` at the root; for each item its readable HTML as
 * `content/<slug>.html` and, when it has highlights, `highlights/<slug>.md` (its metadata then has no
 * highlights: the Markdown is the only place they are; some exports made by other means carry them in the
 * metadata, import-omnivore.ts reads both).
 *
 * The zip is hostile: only the entries named as above are inflated (everything else is never decompressed);
 * the number of entries, each needed entry's size and their total are capped before anything is inflated, from
 * the sizes the zip declares; fflate inflates each entry into a buffer of exactly its declared size and never
 * grows it, so an entry that lies about its size is cut at what it declared (its memory is bounded by the caps;
 * the time spent inflating it is not, but it is the user's own file in the user's own tab), and one whose data
 * does not fill its declared size is refused as damaged. Nothing is written to disk, so a path cannot escape anywhere; names are still
 * checked (a slug with a slash, a backslash, `..` or a control character is not an Omnivore slug and is left
 * alone). Each saved copy is sanitised here with DOMPurify as an article saved from a page is
 * (utils/article/sanitize.ts), and sent to the background as text with the metadata and the Markdown
 * (`omnivoreImportText`); the reader sanitises it again on display (utils/reader/clipping-html.ts).
 */
import type { WindowLike } from 'dompurify';
import { unzipSync } from 'fflate';
import { sanitize } from '../article/sanitize';
import { blockText, countWords } from '../article/text';
import { OMNIVORE_ZIP_FORMAT } from './formats';
import { ImportError, MAX_IMPORT_BYTES, tooLargeMessage } from './import-errors';

/** What the reader of a zip accepts at most. */
export interface ZipLimits {
  /** Entries in the zip, all kinds (the central directory is read whole). */
  entries: number;
  /** Uncompressed bytes of one needed entry. */
  entryBytes: number;
  /** Uncompressed bytes of all needed entries together. */
  totalBytes: number;
}

/** An Omnivore export of 10,000 items has about 20,500 entries; a saved copy is rarely over a few MB. */
export const OMNIVORE_ZIP_LIMITS: ZipLimits = {
  entries: 100_000,
  entryBytes: 20 * 1024 * 1024,
  totalBytes: MAX_IMPORT_BYTES,
};

/** The entries of an Omnivore export Clipmark reads, as text. */
export interface OmnivoreZip {
  /** The metadata files, by name order (metadata_0_to_20.json, metadata_20_to_40.json, …). */
  metadata: { name: string; text: string }[];
  /** Each item's saved HTML, by slug. */
  content: Map<string, string>;
  /** Each item's highlights Markdown, by slug. */
  highlights: Map<string, string>;
}

// An optional folder first (a zip made again from the unpacked export), then Omnivore's names.
const METADATA = /^(?:[^/\\]{1,200}\/)?(metadata_\d{1,9}_to_\d{1,9}\.json)$/;
const ITEM_FILE = /^(?:[^/\\]{1,200}\/)?(content|highlights)\/([^/\\]{1,2000})\.(html|md)$/;

/** A slug as Omnivore makes them: no path separators, no `..`, no control characters. */
function validSlug(slug: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  return slug !== '' && !slug.includes('..') && !/[\u0000-\u001f\u007f]/.test(slug);
}

type Wanted = { kind: 'metadata'; name: string } | { kind: 'content' | 'highlights'; slug: string };

function wanted(name: string): Wanted | null {
  const meta = METADATA.exec(name);
  if (meta) return { kind: 'metadata', name: meta[1] as string };
  const item = ITEM_FILE.exec(name);
  if (!item) return null;
  const [, dir, slug, ext] = item as unknown as [string, string, string, string];
  if ((dir === 'content') !== (ext === 'html') || !validSlug(slug)) return null;
  return { kind: dir as 'content' | 'highlights', slug };
}

const mb = (n: number) => `${Math.ceil(n / 1048576).toLocaleString('en')} MB`;

/**
 * Reads an Omnivore export zip's metadata, saved HTML and highlights Markdown. Throws `ImportError` when the
 * bytes are not a zip, hold too many entries or too much, or hold no metadata file.
 */
export function readOmnivoreZip(bytes: Uint8Array, limits: ZipLimits = OMNIVORE_ZIP_LIMITS): OmnivoreZip {
  let entries = 0;
  let total = 0;
  const declared = new Map<string, number>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(entry) {
        entries++;
        if (entries > limits.entries) {
          throw new ImportError(
            'too-large',
            `This zip has more than ${limits.entries.toLocaleString('en')} entries; an Omnivore export has about two per saved item.`,
          );
        }
        if (!wanted(entry.name)) return false;
        if (entry.originalSize > limits.entryBytes) {
          throw new ImportError(
            'too-large',
            `${entry.name} is too large to import (${mb(entry.originalSize)}; the limit is ${mb(limits.entryBytes)}).`,
          );
        }
        total += entry.originalSize;
        if (total > limits.totalBytes) throw new ImportError('too-large', tooLargeMessage(limits.totalBytes));
        if (entry.compression !== 0 && entry.compression !== 8) return false; // fflate inflates only these
        declared.set(entry.name, entry.originalSize);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(
      'wrong-format',
      'This is not a zip file that can be read (Omnivore’s export is a zip of metadata, content and highlights).',
    );
  }
  const decoder = new TextDecoder('utf-8');
  const out: OmnivoreZip = { metadata: [], content: new Map(), highlights: new Map() };
  for (const name of Object.keys(files).sort()) {
    const data = files[name] as Uint8Array;
    if (data.length !== declared.get(name)) {
      throw new ImportError(
        'invalid',
        `${name} in the zip is damaged (its size is not the one the zip gives).`,
      );
    }
    const text = decoder.decode(data);
    const entry = wanted(name) as Wanted;
    if (entry.kind === 'metadata') out.metadata.push({ name: entry.name, text });
    else out[entry.kind].set(entry.slug, text);
  }
  if (out.metadata.length === 0) {
    throw new ImportError(
      'wrong-format',
      'This zip has no Omnivore metadata file (metadata_0_to_20.json and so on): it is not an Omnivore export.',
    );
  }
  // Sorted by the numbers in the names, so the items keep Omnivore's order.
  const from = (n: string) => Number(/^metadata_(\d+)/.exec(n)?.[1] ?? 0);
  out.metadata.sort((a, b) => from(a.name) - from(b.name) || a.name.localeCompare(b.name));
  return out;
}

/** A saved copy, sanitised: its HTML, plain text and word count. */
export interface SavedCopy {
  html: string;
  text: string;
  wordCount: number;
}

/** The slugs of the items that have highlights: in their metadata, or a highlights Markdown. */
function highlightedSlugs(zip: OmnivoreZip): Set<string> {
  const slugs = new Set(zip.highlights.keys());
  for (const { text } of zip.metadata) {
    let items: unknown;
    try {
      items = JSON.parse(text.replace(/^\ufeff/, ''));
    } catch {
      continue; // the background names the file that is not JSON
    }
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const { slug, highlights } = (item ?? {}) as { slug?: unknown; highlights?: unknown };
      if (typeof slug === 'string' && Array.isArray(highlights) && highlights.length > 0) slugs.add(slug);
    }
  }
  return slugs;
}

/** `html` sanitised as an article saved from a page is, or null when DOMPurify refuses it or nothing is left. */
export function sanitizeCopy(html: string, view: WindowLike): SavedCopy | null {
  // DOMPurify parses the HTML itself, in an inert document: nothing in it runs or loads.
  const clean = sanitize(html, view);
  if (!clean) return null;
  const text = blockText(clean);
  if (!text.trim()) return null;
  return { html: clean.innerHTML.normalize('NFC'), text, wordCount: countWords(text) };
}

/**
 * The text the library page sends for an Omnivore zip (`library.import`, kind `omnivore`): the metadata files as
 * they are, the highlights Markdown, and the saved copies of the highlighted items, sanitised. The same zip
 * gives the same text (the preview's token binds to it).
 */
export function omnivoreImportText(zip: OmnivoreZip, view: WindowLike): string {
  const highlighted = highlightedSlugs(zip);
  const copies: [string, SavedCopy][] = [];
  const refused: string[] = [];
  for (const [slug, html] of [...zip.content].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!highlighted.has(slug)) continue;
    const copy = sanitizeCopy(html, view);
    if (copy) copies.push([slug, copy]);
    else refused.push(slug);
  }
  return JSON.stringify({
    format: OMNIVORE_ZIP_FORMAT,
    metadata: zip.metadata,
    highlights: Object.fromEntries(zip.highlights),
    copies: Object.fromEntries(copies),
    refusedCopies: refused,
  });
}
