/**
 * Import of W3C Web Annotations (JSON-LD): Clipmark's own export, losslessly, and annotations from other
 * tools (Hypothesis and the like) as far as Clipmark can hold them. Accepts an AnnotationCollection with
 * embedded pages, an AnnotationPage, one Annotation, or an array of them. Every annotation is checked and
 * turned into a highlight before anything is written; then the background merges them in one transaction (its
 * export/merge.ts). A valid annotation or record holding a time from the future is refused on its own, and
 * the result names it (`FileTimes` in import-records.ts).
 */
import { z } from 'zod';
import { DEFAULT_COLOR } from '../colors';
import {
  ArticleSchema,
  ColorSchema,
  type Highlight,
  HighlightSchema,
  MAX_NOTE,
  TagRecordSchema,
} from '../schema';
import { normalizeUrl, siteOf } from '../url';
import { checkSize, formatPath, ImportError, Problems, parseJson } from './import-errors';
import { FileTimes, type ImportRecords, type ParsedImport, type ParseOptions } from './import-records';
import { Progress } from './progress';
import { foreignAnnotationId } from './uuid';
import { astralIn, CLIPMARK_NS } from './web-annotation';

const IsoDate = z.iso.datetime({ offset: true });
const AnnotationSchema = z.looseObject({
  id: z.string().min(1),
  type: z.union([z.literal('Annotation'), z.array(z.string()).refine((t) => t.includes('Annotation'))]),
  created: IsoDate.optional(),
  modified: IsoDate.optional(),
  bodyValue: z.string().optional(),
  body: z.unknown().optional(),
  target: z.unknown(),
  'clipmark:color': ColorSchema.optional(),
  [`${CLIPMARK_NS}color`]: ColorSchema.optional(),
  motivation: z.unknown().optional(),
  'clipmark:position': z.unknown().optional(),
  [`${CLIPMARK_NS}position`]: z.unknown().optional(),
});
/** Clipmark's own position (UTF-16 units), written beside the model's by our export (web-annotation.ts). */
const OwnPositionSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  astralBefore: z.number().int().nonnegative().optional(),
});
const BodySchema = z.union([
  z.string(), // a linked resource: nothing Clipmark can hold
  z.looseObject({
    type: z.string().optional(),
    purpose: z.string().optional(),
    value: z.string().optional(),
  }),
]);
const TargetSchema = z.looseObject({ source: z.string(), selector: z.unknown().optional() });
const QuoteSchema = z.looseObject({
  exact: z.string(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
const PositionSchema = z.looseObject({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const hasType = (v: unknown, type: string) => isObj(v) && list(v.type).includes(type);

/** Reads a Web Annotation file's text for an import; errors as `parseBackup`. */
export async function parseWebAnnotations(text: string, options: ParseOptions = {}): Promise<ParsedImport> {
  checkSize(text);
  const data = parseJson(text);
  const problems = new Problems();
  const entries = annotationsOf(data);
  const top = isObj(data) ? data : {};
  const records: ImportRecords = { articles: [], highlights: [], tags: [], trash: [] };
  const extras = [
    ['clipmark:articles', ArticleSchema, records.articles],
    ['clipmark:tags', TagRecordSchema, records.tags],
  ] as const;
  const total = entries.length + extras.reduce((n, [key]) => n + list(top[key]).length, 0);
  const progress = new Progress(2 * total, options.onProgress);
  const now = options.now ?? Date.now;
  const times = new FileTimes(now);
  for (const [key, schema, out] of extras) {
    const table = key === 'clipmark:articles' ? 'articles' : 'tags';
    for (const [i, value] of list(top[key]).entries()) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) problems.addIssues(`${key}[${i}]`, parsed.error);
      else if (times.admit(table, parsed.data, `${key}[${i}]`)) (out as unknown[]).push(parsed.data);
      progress.tick();
      await progress.breathe();
    }
  }
  // Our own export names each article; those URLs are already library keys and are kept as written.
  const keys = new Set(records.articles.map((a) => a.url));
  for (const { path, value } of entries) {
    if (pageNote(value, path, records, keys, times)) {
      progress.tick();
      continue;
    }
    const h = await toHighlight(value, path, problems, keys, now, times);
    if (h && times.admit('highlights', h.highlight, path || '(file)', h.names)) {
      records.highlights.push(h.highlight);
    }
    progress.tick();
    await progress.breathe();
  }
  problems.throwIfAny('This annotation file has an invalid annotation');
  // Entries left out (`times.leave`): the preview says which and why, even when the rest only adds.
  return { records, progress, times };
}

/**
 * A page-level annotation (its targets are IRIs or sources without a selector) with a text body: the note of
 * the page's article. Our own export's article records carry their note already; another tool's becomes the
 * note of an article record made for it (several on one page are joined). True when it was one.
 */
function pageNote(
  value: unknown,
  path: string,
  records: ImportRecords,
  keys: ReadonlySet<string>,
  times: FileTimes,
): boolean {
  // A reply's target is the annotation it answers (an address too): never a page note (left out below).
  if (!isObj(value) || list(value.motivation).includes('replying')) return false;
  const targets = list(value.target);
  const page = (t: unknown) => typeof t === 'string' || (isObj(t) && t.selector === undefined);
  if (targets.length === 0 || !targets.every(page)) return false;
  const first = targets[0];
  const source = typeof first === 'string' ? first : isObj(first) ? first.source : undefined;
  const url = typeof source === 'string' ? (keys.has(source) ? source : normalizeUrl(source)) : null;
  const a = AnnotationSchema.safeParse(value);
  if (!url || !a.success) return false;
  if (keys.has(url)) return true;
  const notes: string[] = a.data.bodyValue ? [a.data.bodyValue] : [];
  for (const body of list(a.data.body)) {
    const b = BodySchema.safeParse(body);
    if (b.success && typeof b.data !== 'string' && b.data.value && b.data.purpose !== 'tagging') {
      notes.push(b.data.value);
    }
  }
  const text = notes.join('\n\n');
  const at = Date.parse(a.data.modified ?? a.data.created ?? '');
  const time = Number.isNaN(at) ? times.now : at;
  const seen = records.articles.find((r) => r.url === url);
  const note = seen?.note ? `${seen.note}\n\n${text}` : text;
  if (!text.trim() || note.length > MAX_NOTE) return false;
  const article = seen ?? {
    url,
    site: siteOf(url),
    title: '',
    meta: {},
    createdAt: time,
    updatedAt: time,
  };
  article.note = note;
  article.noteUpdatedAt = Math.max(article.noteUpdatedAt ?? time, time);
  if (!seen && times.admit('articles', article, path, { noteUpdatedAt: 'modified' }))
    records.articles.push(article);
  return true;
}

/** The annotations of the file with their paths, or a `wrong-format` error. */
function annotationsOf(data: unknown): { path: string; value: unknown }[] {
  const items = (v: unknown, path: string) => list(v).map((value, i) => ({ path: `${path}[${i}]`, value }));
  if (Array.isArray(data)) return items(data, '');
  if (hasType(data, 'Annotation')) return [{ path: '', value: data }];
  if (hasType(data, 'AnnotationPage')) return items((data as Obj).items, 'items');
  if (hasType(data, 'AnnotationCollection')) {
    const out: { path: string; value: unknown }[] = [];
    let page = (data as Obj).first;
    let path = 'first';
    if (typeof page === 'string') {
      throw new ImportError('invalid', 'first: the annotations are not in this file, only a link to them.');
    }
    // Embedded pages only: following links would mean fetching, and nothing leaves the machine.
    while (isObj(page)) {
      out.push(...items(page.items, `${path}.items`));
      page = page.next;
      path += '.next';
    }
    return out;
  }
  throw new ImportError(
    'wrong-format',
    'This is not a W3C Web Annotation file (expected an AnnotationCollection, AnnotationPage or Annotation).',
  );
}

type Path = PropertyKey[];

/**
 * One annotation as a highlight, with the annotation's names of its times (`created`, `modified`: each may
 * stand for both), or null after adding its problems.
 */
async function toHighlight(
  value: unknown,
  path: string,
  problems: Problems,
  keys: ReadonlySet<string>,
  now: () => number,
  times: FileTimes,
): Promise<{ highlight: Highlight; names: Record<string, string> } | null> {
  const a = AnnotationSchema.safeParse(value);
  if (!a.success) {
    problems.addIssues(path, a.error);
    return null;
  }
  const at = (p: Path) => formatPath(path, p);
  // A reply (Hypothesis writes motivation "replying" and the parent's id as the target) and a note on the
  // whole page (a target that is only an address, or no quote) are valid annotations Clipmark cannot hold yet.
  if (list(a.data.motivation).includes('replying')) {
    times.leave(path || '(file)', 'a reply to another annotation: replies are not imported');
    return null;
  }
  const bodies = readBodies(a.data, problems, at);
  if (!hasQuote(a.data.target)) {
    if (bodies) {
      times.leave(
        path || '(file)',
        'a note on the whole page, with no quoted text: Clipmark keeps highlights of text (page notes are not imported)',
      );
    }
    return null;
  }
  const target = readTarget(a.data.target, problems, at, keys);
  if (!bodies || !target) return null;

  const created = Date.parse(a.data.created ?? a.data.modified ?? '');
  const createdAt = Number.isNaN(created) ? now() : created;
  const modified = Date.parse(a.data.modified ?? '');
  const createdName = a.data.created ? 'created' : 'modified';
  const names = { createdAt: createdName, updatedAt: Number.isNaN(modified) ? createdName : 'modified' };
  const { exact, prefix = '', suffix = '' } = target.quote;
  const own = OwnPositionSchema.safeParse(a.data['clipmark:position'] ?? a.data[`${CLIPMARK_NS}position`]);
  const h = HighlightSchema.safeParse({
    id: await foreignAnnotationId(a.data.id),
    url: target.url,
    quote: { type: 'TextQuoteSelector', exact, prefix: prefix.slice(-256), suffix: suffix.slice(0, 256) },
    // Without a position, anchoring falls back to the quote and its context (utils/anchoring/anchor.ts).
    position: {
      type: 'TextPositionSelector',
      ...(own.success
        ? own.data
        : target.position
          ? fromCodePoints(target.position, target.quote)
          : { start: 0, end: Math.max(1, exact.length) }),
    },
    color: a.data['clipmark:color'] ?? a.data[`${CLIPMARK_NS}color`] ?? DEFAULT_COLOR,
    tags: bodies.tags,
    note: bodies.notes.join('\n\n'),
    createdAt,
    updatedAt: Number.isNaN(modified) ? createdAt : modified,
  });
  if (h.success) return { highlight: h.data, names };
  // Name the annotation's own field: the selector for the quote, the body for a tag.
  for (const issue of h.error.issues) {
    const [field, ...rest] = issue.path;
    const where: Path =
      field === 'quote'
        ? [...target.quotePath, ...rest]
        : field === 'position'
          ? [...target.positionPath, ...rest]
          : field === 'tags'
            ? (bodies.tagPaths[rest[0] as number] ?? ['body'])
            : field === 'note'
              ? ['body']
              : issue.path;
    problems.add(at(where), issue.message);
  }
  return null;
}

/**
 * A W3C position (code points, §4.2.5) in Clipmark's UTF-16 units. They differ by the characters above U+FFFF
 * before the passage, which the file's prefix shows when it reaches the start of the text (its length in code
 * points is the position's start): then the conversion is exact and kept as `astralBefore`. Otherwise only
 * those in the prefix are known, and the position is a hint — as every position is: anchoring checks the
 * quote there and otherwise finds it by its text and context.
 */
export function fromCodePoints(
  position: { start: number; end: number },
  quote: { exact: string; prefix?: string },
): { start: number; end: number; astralBefore?: number } {
  const prefix = quote.prefix ?? '';
  const before = astralIn(prefix);
  const start = position.start + before;
  const end = start + quote.exact.length;
  return [...prefix].length === position.start ? { start, end, astralBefore: before } : { start, end };
}

/** Notes (commenting, describing or no purpose, and `bodyValue`) and tags (tagging) of an annotation. */
function readBodies(a: z.infer<typeof AnnotationSchema>, problems: Problems, at: (p: Path) => string) {
  const notes: string[] = a.bodyValue ? [a.bodyValue] : [];
  const tags: string[] = [];
  const tagPaths: Path[] = [];
  let ok = true;
  for (const [i, item] of list(a.body).entries()) {
    const p: Path = Array.isArray(a.body) ? ['body', i] : ['body'];
    const body = BodySchema.safeParse(item);
    if (!body.success) {
      problems.addIssues(at(p), body.error);
      ok = false;
    } else if (typeof body.data === 'string' || body.data.type !== 'TextualBody') {
      // A linked or non-text body: nothing Clipmark can hold.
    } else if (body.data.value === undefined) {
      problems.add(at([...p, 'value']), 'a TextualBody needs a value');
      ok = false;
    } else if (body.data.purpose === 'tagging') {
      tags.push(body.data.value);
      tagPaths.push([...p, 'value']);
    } else if ([undefined, 'commenting', 'describing'].includes(body.data.purpose)) {
      notes.push(body.data.value);
    }
  }
  return ok ? { notes, tags, tagPaths } : null;
}

/**
 * The first selector of `selectors` that is or refines to (`refinedBy`, §4.2.9: a quote within a range, a
 * fragment or an element) a selector of `type`, with the path within it. A position is read only at the top:
 * one refining an element counts from that element, not from the page's text.
 */
function findSelector(
  selectors: unknown[],
  type: string,
  nested: boolean,
): { index: number; path: Path } | null {
  for (const [index, s] of selectors.entries()) {
    const path: Path = [];
    let current: unknown = s;
    for (let depth = 0; isObj(current) && depth < 8; depth++) {
      if (hasType(current, type)) return { index, path };
      if (!nested) break;
      current = current.refinedBy;
      path.push('refinedBy');
    }
  }
  return null;
}

/** Whether an annotation's target quotes text anywhere Clipmark reads it. */
function hasQuote(value: unknown): boolean {
  return list(value).some(
    (t) =>
      isObj(t) && typeof t.source === 'string' && findSelector(list(t.selector), 'TextQuoteSelector', true),
  );
}

/** The first target that quotes text (Clipmark finds a highlight by its quote), with its page URL. */
function readTarget(value: unknown, problems: Problems, at: (p: Path) => string, keys: ReadonlySet<string>) {
  const targets = list(value);
  const ti = targets.findIndex((t) => isObj(t) && findSelector(list(t.selector), 'TextQuoteSelector', true));
  const tPath: Path = Array.isArray(value) ? ['target', ti] : ['target'];
  const t = TargetSchema.safeParse(targets[ti]);
  if (ti < 0 || !t.success) {
    problems.add(at(['target']), 'no TextQuoteSelector: Clipmark needs the quoted text to find a highlight');
    return null;
  }
  const selectors = list(t.data.selector);
  const sPath = (i: number): Path =>
    Array.isArray(t.data.selector) ? [...tPath, 'selector', i] : [...tPath, 'selector'];
  const found = findSelector(selectors, 'TextQuoteSelector', true) as { index: number; path: Path };
  const qi = found.index;
  const pi = findSelector(selectors, 'TextPositionSelector', false)?.index ?? -1;
  let quoteValue: unknown = selectors[qi];
  for (const _ of found.path) quoteValue = (quoteValue as Obj).refinedBy;
  const quotePath: Path = [...sPath(qi), ...found.path];
  const quote = QuoteSchema.safeParse(quoteValue);
  const position = pi >= 0 ? PositionSchema.safeParse(selectors[pi]) : null;
  if (!quote.success) problems.addIssues(at(quotePath), quote.error);
  if (position && !position.success) problems.addIssues(at(sPath(pi)), position.error);
  // Our own export's sources are library keys already; others are normalised as the content script would.
  const url = keys.has(t.data.source) ? t.data.source : normalizeUrl(t.data.source);
  if (!url) problems.add(at([...tPath, 'source']), 'not a web page address (http or https)');
  if (!quote.success || (position && !position.success) || !url) return null;
  return {
    url,
    quote: quote.data,
    position: position?.success ? { start: position.data.start, end: position.data.end } : null,
    quotePath,
    positionPath: pi >= 0 ? sPath(pi) : quotePath,
  };
}
