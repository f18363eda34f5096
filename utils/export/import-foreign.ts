/**
 * What the importers of other tools' files share (Kindle, Readwise, Omnivore): each entry becomes a highlight
 * with a stable id (the same file imported twice gives the same ids, so nothing changes the second time), each
 * book or page an article record; an entry Clipmark cannot hold is left out with its reason (`FileTimes.leave`), never
 * cut short or guessed at; times from the future are refused as for every import (`FileTimes`).
 */
import { DEFAULT_COLOR, HIGHLIGHT_COLORS, type HighlightColor } from '../colors';
import {
  type Article,
  ArticleSchema,
  type Clipping,
  ClippingSchema,
  type Highlight,
  HighlightSchema,
} from '../schema';
import { parseTags } from '../tag-names';
import { siteOf } from '../url';
import { FileTimes, type ImportRecords, type ParsedImport, type ParseOptions } from './import-records';
import { Progress } from './progress';
import { foreignRecordId } from './uuid';

/** Clipmark's limits on what a highlight holds (utils/schema.ts). */
export const MAX_QUOTE_CHARS = 20_000;
export const MAX_NOTE_CHARS = 50_000;

/** One entry of another tool's file, read. */
export interface ForeignEntry {
  /** Where it is in the file: "line 12", "row 3", "[4].highlights[2]". */
  path: string;
  /** Its article's key: a page's normalised address or a book's key (utils/export/book-key.ts). */
  key: string;
  /** What identifies it in its tool, hashed into the highlight's id: "kindle\n<book>\n<location>\n<text>". */
  idName: string;
  quote: string;
  prefix?: string;
  suffix?: string;
  note: string;
  tags: readonly string[];
  color: HighlightColor;
  createdAt: number;
  updatedAt: number;
  /**
   * Where it is in its book (a Kindle or Readwise location or page), kept as the position: a book has no
   * page to anchor on, so the position only gives the reading order. Web highlights have none: they anchor by
   * their quote and its context, like highlights made before raw positions.
   */
  start?: number;
}

/** A colour name from another tool as the nearest of Clipmark's; unknown names get the default. */
export function colorOf(name: string | null | undefined): HighlightColor {
  const n = (name ?? '').trim().toLowerCase();
  if ((HIGHLIGHT_COLORS as readonly string[]).includes(n)) return n as HighlightColor;
  if (n === 'orange') return 'yellow';
  if (n === 'red') return 'pink';
  if (n === 'violet') return 'purple';
  return DEFAULT_COLOR;
}

const count = (n: number) => n.toLocaleString('en');

/** Collects an import's highlights and articles as they are read, then hands them to the merge. */
export class ForeignImport {
  readonly records: ImportRecords = { articles: [], highlights: [], tags: [], trash: [] };
  readonly times: FileTimes;
  private readonly articles = new Map<string, Article>();
  private readonly clippings = new Map<string, Clipping>();
  private readonly ids = new Map<string, string>();
  /** Each article's earliest highlight in the file. */
  private readonly first = new Map<string, number>();

  constructor(options: ParseOptions) {
    this.times = new FileTimes(options.now);
  }

  /** Adds an entry as a highlight, or leaves it out with why. */
  async add(entry: ForeignEntry): Promise<Highlight | null> {
    const quote = entry.quote.trim();
    const out = (reason: string) => {
      this.times.leave(entry.path, reason);
      return null;
    };
    if (!quote) return out('no highlighted text: Clipmark keeps highlights of text');
    if (quote.length > MAX_QUOTE_CHARS) {
      return out(
        `the highlight has ${count(quote.length)} characters; Clipmark keeps at most ${count(MAX_QUOTE_CHARS)}`,
      );
    }
    if (entry.note.length > MAX_NOTE_CHARS) {
      return out(
        `the note has ${count(entry.note.length)} characters; Clipmark keeps at most ${count(MAX_NOTE_CHARS)}`,
      );
    }
    const id = await foreignRecordId(entry.idName);
    const earlier = this.ids.get(id);
    if (earlier) return out(`the same highlight as ${earlier}`);
    const start = entry.start ?? 0;
    const parsed = HighlightSchema.safeParse({
      id,
      url: entry.key,
      quote: {
        type: 'TextQuoteSelector',
        exact: quote,
        prefix: (entry.prefix ?? '').slice(-256),
        suffix: (entry.suffix ?? '').slice(0, 256),
      },
      position: { type: 'TextPositionSelector', start, end: start + quote.length },
      color: entry.color,
      tags: parseTags(entry.tags.join(',')),
      note: entry.note,
      createdAt: entry.createdAt,
      updatedAt: Math.max(entry.createdAt, entry.updatedAt),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return out(`${issue?.path.join('.') ?? 'highlight'}: ${issue?.message ?? 'invalid'}`);
    }
    if (!this.times.admit('highlights', parsed.data, entry.path)) return null;
    this.ids.set(id, entry.path);
    this.records.highlights.push(parsed.data);
    this.first.set(
      entry.key,
      Math.min(this.first.get(entry.key) ?? parsed.data.createdAt, parsed.data.createdAt),
    );
    return parsed.data;
  }

  /**
   * The article record of a book or page, with its title and author, dated by its earliest highlight in the
   * file (so importing the same file again finds it unchanged). Call after its highlights were added.
   */
  article(key: string, facts: { title: string; author?: string; siteName?: string; publishedAt?: string }) {
    const first = this.first.get(key);
    if (first === undefined || this.articles.has(key)) return;
    const parsed = ArticleSchema.safeParse({
      url: key,
      site: siteOf(key),
      title: facts.title.normalize('NFC').trim().slice(0, 1000),
      meta: {
        ...(facts.author ? { byline: facts.author.normalize('NFC').trim().slice(0, 500) } : {}),
        ...(facts.siteName ? { siteName: facts.siteName.slice(0, 500) } : {}),
        ...(facts.publishedAt ? { publishedAt: facts.publishedAt } : {}),
      },
      createdAt: first,
      updatedAt: first,
    });
    // Facts that do not fit are dropped; the merge then makes a stand-in from the highlights' key alone.
    if (parsed.success) this.articles.set(key, parsed.data);
  }

  /**
   * A saved copy of a page whose highlights were added (Omnivore's `content/<slug>.html`, sanitised by the
   * library page): validated as every clipping is, its time checked; left out with why when it does not fit.
   */
  clipping(candidate: Clipping, path: string): boolean {
    if (!this.first.has(candidate.url)) return false;
    const parsed = ClippingSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.leave(
        path,
        `the saved copy: ${issue?.path.join('.') ?? 'clipping'}: ${issue?.message ?? 'invalid'}`,
      );
      return false;
    }
    if (!this.times.admit('clippings', parsed.data, path)) return false;
    this.clippings.set(parsed.data.url, parsed.data);
    return true;
  }

  /** Leaves an entry of the file out, with why (`FileTimes.leave`: the preview lists it). */
  leave(path: string, reason: string): void {
    this.times.leave(path, reason);
  }

  /** The records, ready for the merge (another tool's file is always previewed: the handler asks). */
  done(options: ParseOptions): ParsedImport {
    this.records.articles = [...this.articles.values()];
    if (this.clippings.size > 0) this.records.clippings = [...this.clippings.values()];
    const total =
      this.records.highlights.length + this.records.articles.length + (this.records.clippings?.length ?? 0);
    const progress = new Progress(2 * total, options.onProgress);
    progress.tick(total);
    return { records: this.records, progress, times: this.times };
  }
}

/** Lines of a text file: BOM dropped (also one Kindle puts before each entry), CRLF and CR read as LF. */
export function textLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^\ufeff+/, ''));
}
