/**
 * Import of Hypothesis's own files: the client's "Export annotations" JSON (`{export_date, export_userid,
 * client_version, annotations: [...]}`, also what Clipmark's Hypothesis export writes) and a result of its
 * search API (`{total, rows: [...]}`). Each annotation is in the API's shape (`APIAnnotationData`: `id`,
 * `created`, `updated`, `user`, `uri`, `text` (Markdown), `tags`, `target: [{source, selector?}]`,
 * `document: {title: [...]}`, `references` for replies).
 *
 * - A highlight or annotation (a target with a `TextQuoteSelector`) becomes a highlight: the quote and its
 *   context; a `TextPositionSelector` (code points) as Clipmark's position (UTF-16 units, `fromCodePoints`),
 *   a hint checked on use like every position; no raw position, so it anchors on the live page by its quote, as
 *   older highlights do. A `RangeSelector` (XPaths into the page's DOM) has no place in Clipmark's model and is
 *   not kept: the quote and position find the passage without it. Its `text` is kept as written — Markdown is
 *   text to Clipmark, shown as typed, never rendered — its tags as tags, `created`/`updated` as its times.
 * - A page note (no selector) becomes the article's own note (`Article.note`); several on one page are joined.
 * - A reply (`references` non-empty) is appended to the note of the annotation that began its thread
 *   (`references[0]`), oldest first, marked with its author ("acct:name@hypothes.is" → name) and date.
 * - Each document annotated is its own article, titled from `document.title`.
 * Left out, each with its reason in the preview (`FileTimes.leave`): annotations on documents that are not web
 * pages (a PDF's `urn:x-pdf:…`, `file:`), replies whose thread is not in the file, selectors without a quote
 * (a PDF page), empty annotations, and what would not fit (a note over 50,000 characters). An annotation that
 * is not an object with an id is the file's fault: the file is refused, naming it.
 * Ids: Clipmark's own export keeps its UUIDs; a Hypothesis id becomes the UUID of its address
 * `https://hypothes.is/a/<id>` (`foreignAnnotationId`), stable, so importing the file again changes nothing.
 */
import { z } from 'zod';
import { DEFAULT_COLOR } from '../colors';
import { type Article, ColorSchema, type Highlight, HighlightSchema, MAX_NOTE } from '../schema';
import { MAX_TAG_LENGTH, MAX_TAGS } from '../tag-names';
import { normalizeUrl, siteOf } from '../url';
import { checkSize, ImportError, Problems, parseJson } from './import-errors';
import { FileTimes, type ImportRecords, type ParsedImport, type ParseOptions } from './import-records';
import { fromCodePoints } from './import-web-annotation';
import { Progress } from './progress';
import { foreignAnnotationId } from './uuid';

// Hypothesis writes microseconds and an offset ("2024-03-01T10:00:00.123456+00:00"); any ISO date is taken.
const IsoDate = z.iso.datetime({ offset: true });
const Str = z.string().max(MAX_NOTE * 4);

const AnnotationSchema = z.looseObject({
  id: z.string().min(1).max(1000),
  created: IsoDate.optional(),
  updated: IsoDate.optional(),
  user: z.string().max(1000).optional(),
  uri: z.string().max(8192).optional(),
  text: Str.optional().nullable(),
  tags: z.array(z.string().max(10_000)).max(10_000).optional().nullable(),
  target: z.array(z.unknown()).max(100).optional(),
  document: z.looseObject({ title: z.union([z.array(z.unknown()), z.string()]).optional() }).optional(),
  references: z.array(z.string().max(1000)).max(1000).optional().nullable(),
  user_info: z
    .looseObject({ display_name: z.string().max(1000).nullable().optional() })
    .optional()
    .nullable(),
  /** Clipmark's own export: the colour and, when Markdown escaping changed it, the note as typed. */
  clipmark: z
    .looseObject({
      color: ColorSchema.optional(),
      note: z.string().max(MAX_NOTE).optional(),
      position: z
        .object({
          start: z.number().int().nonnegative(),
          end: z.number().int().nonnegative(),
          astralBefore: z.number().int().nonnegative().optional(),
        })
        .optional(),
    })
    .optional(),
});
type Annotation = z.infer<typeof AnnotationSchema>;

const QuoteSchema = z.looseObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(20_000),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
const PositionSchema = z.looseObject({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
const TargetSchema = z.looseObject({
  source: z.string().max(8192).optional(),
  selector: z.unknown().optional(),
});

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "acct:ana@hypothes.is" → "ana"; a display name when the file has one. */
export function authorOf(a: Pick<Annotation, 'user' | 'user_info'>): string {
  const display = a.user_info?.display_name?.trim();
  if (display) return display;
  const m = /^acct:([^@]+)@/.exec(a.user ?? '');
  return m?.[1] ?? (a.user?.trim() || '?');
}

/** A time from the file (ms), or null when it has none. */
function timeOf(iso: string | undefined): number | null {
  if (!iso) return null;
  // Date.parse takes milliseconds: more fraction digits are cut.
  const t = Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(t) ? null : t;
}

/** The tags as Clipmark holds them: commas split a tag (Clipmark's separator), duplicates and blanks go. */
function tagsOf(tags: readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of tags ?? []) {
    for (const part of raw.split(',')) {
      const tag = part.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, MAX_TAG_LENGTH).trim();
      const key = tag.toLowerCase();
      if (!tag || seen.has(key)) continue;
      seen.add(key);
      out.push(tag);
    }
  }
  return out.slice(0, MAX_TAGS);
}

const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The text of a reply appended to its thread's note: "↳ ana (2024-03-01): …". */
export function replyText(author: string, at: number | null, text: string): string {
  return `↳ ${author}${at === null ? '' : ` (${dateOf(at)})`}: ${text}`;
}

interface Thread {
  /** The highlight of the thread's first annotation, or the article whose page note began it. */
  highlight?: Highlight;
  article?: string;
}

/** Reads a Hypothesis export or API result for an import; errors as `parseBackup`. */
export async function parseHypothesis(text: string, options: ParseOptions = {}): Promise<ParsedImport> {
  checkSize(text);
  const data = parseJson(text);
  const list = isObj(data) ? (data.annotations ?? data.rows) : undefined;
  if (!Array.isArray(list)) {
    throw new ImportError(
      'wrong-format',
      'This is not a Hypothesis file (expected its export, {"annotations": [...]}, or an API result, {"rows": [...]}).',
    );
  }
  const path = isObj(data) && Array.isArray(data.annotations) ? 'annotations' : 'rows';
  const problems = new Problems();
  const now = options.now ?? Date.now;
  const times = new FileTimes(now);
  const progress = new Progress(2 * list.length, options.onProgress);
  const records: ImportRecords = { articles: [], highlights: [], tags: [], trash: [] };

  const annotations: { at: string; a: Annotation }[] = [];
  for (const [i, value] of list.entries()) {
    const parsed = AnnotationSchema.safeParse(value);
    if (parsed.success) annotations.push({ at: `${path}[${i}]`, a: parsed.data });
    else problems.addIssues(`${path}[${i}]`, parsed.error);
  }
  problems.throwIfAny('This Hypothesis file has an invalid annotation');

  const threads = new Map<string, Thread>();
  const articles = new Map<string, Article>();
  const pageNotes = new Map<string, { text: string; at: number; updated: number }[]>();
  const replies: { at: string; a: Annotation; time: number }[] = [];
  const highlights: Highlight[] = [];

  const articleFor = (url: string, a: Annotation, time: number) => {
    const title = Array.isArray(a.document?.title) ? a.document.title[0] : a.document?.title;
    const seen = articles.get(url);
    // Dated by its first annotation: an article the library already has keeps its own title and details.
    if (seen) {
      seen.createdAt = Math.min(seen.createdAt, time);
      seen.updatedAt = seen.createdAt;
      if (!seen.title && typeof title === 'string') seen.title = title.normalize('NFC').slice(0, 1000);
      return;
    }
    articles.set(url, {
      url,
      site: siteOf(url),
      title: typeof title === 'string' ? title.normalize('NFC').trim().slice(0, 1000) : '',
      meta: {},
      createdAt: time,
      updatedAt: time,
    });
  };

  for (const { at, a } of annotations) {
    progress.tick();
    await progress.breathe();
    const created = timeOf(a.created) ?? timeOf(a.updated) ?? times.now;
    const updated = timeOf(a.updated) ?? created;
    if (a.references && a.references.length > 0) {
      replies.push({ at, a, time: created });
      continue;
    }
    const target = TargetSchema.safeParse((a.target ?? [])[0] ?? {});
    const source = target.success ? target.data.source : undefined;
    const address = [a.uri, source].find((u) => u && /^https?:/i.test(u));
    const url = address ? normalizeUrl(address) : null;
    if (!url) {
      const where = a.uri ?? source ?? '';
      const pdf = /^urn:x-pdf:/i.test(where) || /\.pdf(?:$|[?#])/i.test(where);
      times.leave(
        at,
        pdf
          ? `an annotation on a PDF (${where.slice(0, 100)}): Clipmark keeps highlights of web pages only`
          : `an annotation on a document that is not a web page (${where.slice(0, 100) || 'no address'})`,
      );
      continue;
    }
    const selectors = target.success
      ? Array.isArray(target.data.selector)
        ? target.data.selector
        : target.data.selector === undefined
          ? []
          : [target.data.selector]
      : [];
    // Clipmark's own export escapes a note for Markdown and keeps the typed text beside it.
    const noteText = (a.clipmark?.note ?? a.text ?? '').normalize('NFC');
    if (selectors.length === 0) {
      // A page note: the article's own note.
      if (!noteText.trim()) {
        times.leave(at, 'an empty page note');
        continue;
      }
      articleFor(url, a, created);
      const notes = pageNotes.get(url) ?? [];
      notes.push({ text: noteText, at: created, updated });
      pageNotes.set(url, notes);
      threads.set(a.id, { article: url });
      continue;
    }
    const quote = QuoteSchema.safeParse(selectors.find((s) => isObj(s) && s.type === 'TextQuoteSelector'));
    if (!quote.success) {
      times.leave(at, 'no quoted text (TextQuoteSelector): Clipmark finds a highlight by its words');
      continue;
    }
    const position = PositionSchema.safeParse(
      selectors.find((s) => isObj(s) && s.type === 'TextPositionSelector'),
    );
    const { exact, prefix = '', suffix = '' } = quote.data;
    const id = z.uuid().safeParse(a.id).success
      ? a.id.toLowerCase()
      : await foreignAnnotationId(`https://hypothes.is/a/${a.id}`);
    const h = HighlightSchema.safeParse({
      id,
      url,
      quote: { type: 'TextQuoteSelector', exact, prefix: prefix.slice(-256), suffix: suffix.slice(0, 256) },
      position: {
        type: 'TextPositionSelector',
        // Clipmark's own position when its export wrote one; else the file's, in code points; else none known.
        ...(a.clipmark?.position ??
          (position.success && position.data.end > position.data.start
            ? fromCodePoints(position.data, quote.data)
            : { start: 0, end: Math.max(1, exact.length) })),
      },
      color: a.clipmark?.color ?? DEFAULT_COLOR,
      tags: tagsOf(a.tags),
      note: noteText,
      createdAt: created,
      updatedAt: updated,
    });
    if (!h.success) {
      const issue = h.error.issues[0];
      const field = String(issue?.path[0] ?? '');
      times.leave(
        at,
        field === 'note'
          ? `its note is longer than ${MAX_NOTE.toLocaleString('en')} characters`
          : `${issue?.path.join('.') || 'annotation'}: ${issue?.message ?? 'invalid'}`,
      );
      continue;
    }
    articleFor(url, a, created);
    highlights.push(h.data);
    threads.set(a.id, { highlight: h.data });
  }

  // Replies, oldest first, onto the note of the annotation that began their thread.
  replies.sort((x, y) => x.time - y.time);
  for (const { at, a, time } of replies) {
    const root = (a.references ?? [])[0] as string;
    const thread = threads.get(root);
    const body = (a.text ?? '').normalize('NFC').trim();
    if (!thread) {
      times.leave(at, 'a reply whose parent is not in the file');
      continue;
    }
    if (!body) {
      times.leave(at, 'an empty reply');
      continue;
    }
    const line = replyText(authorOf(a), time, body);
    const updated = timeOf(a.updated) ?? time;
    if (thread.highlight) {
      const h = thread.highlight;
      const note = h.note ? `${h.note}\n\n${line}` : line;
      if (note.length > MAX_NOTE) {
        times.leave(at, `a reply that does not fit in its highlight's note (${MAX_NOTE} characters)`);
        continue;
      }
      h.note = note;
      h.updatedAt = Math.max(h.updatedAt, updated);
    } else if (thread.article) {
      pageNotes.get(thread.article)?.push({ text: line, at: time, updated });
    }
  }

  for (const h of highlights) {
    if (times.admit('highlights', h, h.id, { createdAt: 'created', updatedAt: 'updated' })) {
      records.highlights.push(h);
    }
  }
  for (const article of articles.values()) {
    const notes = pageNotes.get(article.url);
    if (notes) {
      const note = notes.map((n) => n.text).join('\n\n');
      if (note.length > MAX_NOTE) {
        times.leave(article.url, `its page notes are longer than ${MAX_NOTE} characters together`);
      } else {
        article.note = note;
        article.noteUpdatedAt = Math.max(...notes.map((n) => n.updated));
      }
    }
    if (times.admit('articles', article, article.url, { noteUpdatedAt: 'updated' })) {
      records.articles.push(article);
    }
  }
  // Listed in the file's order (replies are read after the rest).
  const index = (path: string) => Number(/\[(\d+)\]$/.exec(path)?.[1] ?? Number.MAX_SAFE_INTEGER);
  times.leftOut.sort((a, b) => index(a.path) - index(b.path));
  return { records, progress, times };
}
