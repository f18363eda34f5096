/**
 * Extreme dates (issue 15, finding 6). The schemas take only times a JavaScript `Date` can hold (±8.64e15 ms
 * around 1970), and no export throws on a record the store holds — including a time an older version let
 * through (any integer): such a date is left out of the file, everything else is written as usual.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { serializeBackup, toBackup } from '@/utils/export/backup';
import { selectionToBibtex, selectionToCslJson, selectionToRis } from '@/utils/export/citations';
import { displayTime, isoAt, MAX_TIME, utcIso } from '@/utils/export/common';
import { selectionToCsv } from '@/utils/export/csv';
import { selectionToHtmlFiles } from '@/utils/export/html';
import { selectionToMarkdown, selectionToMarkdownFiles } from '@/utils/export/markdown';
import type { Selection } from '@/utils/export/types';
import { selectionToWebAnnotations } from '@/utils/export/web-annotation';
import {
  type Article,
  ArticleSchema,
  ClippingSchema,
  type Highlight,
  HighlightSchema,
  TagRecordSchema,
  TrashEntrySchema,
} from '@/utils/schema';
import { BAONAMDINH, NO_META, sampleLibrary, T0 } from '../support/library-fixtures';

/** The largest time `new Date()` accepts: 8.64e15 ms, 13 September 275760. */
const LARGEST = 8.64e15;

describe('the schemas bound every timestamp to what a Date can hold', () => {
  const lib = sampleLibrary();
  const highlight = lib.highlights[0] as Highlight;
  const cases = [
    ['highlight.createdAt', HighlightSchema, (t: number) => ({ ...highlight, createdAt: t })],
    ['highlight.updatedAt', HighlightSchema, (t: number) => ({ ...highlight, updatedAt: t })],
    ['article.createdAt', ArticleSchema, (t: number) => ({ ...lib.articles[0], createdAt: t })],
    ['article.updatedAt', ArticleSchema, (t: number) => ({ ...lib.articles[0], updatedAt: t })],
    ['clipping.savedAt', ClippingSchema, (t: number) => ({ ...lib.clippings[0], savedAt: t })],
    ['tag.createdAt', TagRecordSchema, (t: number) => ({ ...lib.tags[0], createdAt: t })],
    ['trash.deletedAt', TrashEntrySchema, (t: number) => ({ ...lib.trash[0], deletedAt: t })],
    [
      'trash.highlight.createdAt',
      TrashEntrySchema,
      (t: number) => {
        const entry = lib.trash[0] as (typeof lib.trash)[number];
        return { ...entry, highlight: { ...entry.highlight, createdAt: t } };
      },
    ],
  ] as const;

  it.each(cases)('%s: 8.64e15 and −8.64e15 pass, one millisecond beyond is refused', (_, schema, at) => {
    expect(MAX_TIME).toBe(LARGEST);
    for (const ok of [LARGEST, -LARGEST, 0, 1, T0]) expect(schema.safeParse(at(ok)).success).toBe(true);
    for (const bad of [LARGEST + 1, -LARGEST - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      const parsed = schema.safeParse(at(bad));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/not a date: a time must be within ±8\.64e15 ms/);
    }
  });
});

describe('the one date helper never throws', () => {
  const vn = sampleLibrary().articles[0] as Article; // +07:00
  it('formats what ISO 8601 with four-digit years can say, and answers null for the rest', () => {
    expect(isoAt(T0, '+07:00')).toBe('2026-11-06T10:00:00+07:00');
    expect(utcIso(T0)).toBe('2026-11-06T03:00:00.000Z');
    expect(displayTime(T0, vn)).toBe('2026-11-06T10:00:00+07:00');
    // The last millisecond of 9999 in UTC, and in the article's offset (which moves it into 10000).
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    expect(utcIso(last)).toBe('9999-12-31T23:59:59.999Z');
    expect(displayTime(last, vn)).toBeNull();
    // The first millisecond of year 0000 and the one before it.
    const first = Date.parse('0000-01-01T00:00:00Z');
    expect(utcIso(first)).toBe('0000-01-01T00:00:00.000Z');
    expect(utcIso(first - 1)).toBeNull();
    for (const t of [LARGEST, -LARGEST, LARGEST + 1, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity]) {
      expect(utcIso(t)).toBeNull();
      expect(isoAt(t, null)).toBeNull();
      expect(displayTime(t, vn)).toBeNull();
    }
  });
});

/**
 * The sample library with the Vietnamese article (+07:00, so a shifted time can leave the Date range), its
 * first highlight, the article without metadata (UTC) and its highlight, and the trash, at time `t`.
 */
function libraryAt(t: number): Selection & { trash: ReturnType<typeof sampleLibrary>['trash'] } {
  const lib = sampleLibrary();
  const articles = lib.articles.map((a) =>
    a.url === BAONAMDINH || a.url === NO_META ? { ...a, createdAt: t, updatedAt: t } : a,
  );
  const highlights = lib.highlights.map((h, i) =>
    i === 0 || h.url === NO_META ? { ...h, createdAt: t, updatedAt: t } : h,
  );
  const trash = lib.trash.map((e) => ({ ...e, deletedAt: t, highlight: { ...e.highlight, createdAt: t } }));
  return { ...lib, articles, highlights, trash };
}

// 8.64e15 passes the schema; the others are what an older version let into the store.
const TIMES = [
  ['8.64e15 (the schema’s largest)', LARGEST],
  ['8.64e15 + 1', LARGEST + 1],
  ['−8.64e15 − 1', -LARGEST - 1],
  ['Number.MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER],
  ['year 10000', Date.UTC(10000, 0, 1)],
] as const;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const ISO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// What a broken date would have printed.
const BROKEN = /NaN|Invalid|undefined|\+0?275760|-271821/;

describe.each(TIMES)('an export of records at %s', (_, t) => {
  const lib = libraryAt(t);

  it('CSV: the row is written, its "highlighted at" empty; other rows keep their dates', () => {
    const csv = selectionToCsv(lib);
    expect(csv).not.toMatch(BROKEN);
    const { data, errors } = Papa.parse<string[]>(csv, { skipEmptyLines: true });
    expect(errors).toEqual([]);
    const rows = data.slice(1);
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(row).toHaveLength(9);
    const empty = rows.filter((r) => r[8] === '');
    expect(empty).toHaveLength(2);
    expect(rows.filter((r) => r[8] !== '').every((r) => ISO_OFFSET.test(r[8] as string))).toBe(true);
    // Published dates come from the page, not our clock: still there.
    const first = rows.find((r) => r[0] === lib.highlights[0]?.quote.exact);
    expect(first?.slice(7)).toEqual(['2026-11-05T00:30:00+07:00', '']);
  });

  it('annotated HTML: a page per article, no <time> for the date it cannot say', () => {
    const files = selectionToHtmlFiles(lib);
    expect(files).toHaveLength(4);
    for (const file of files) {
      expect(file.content).not.toMatch(BROKEN);
      const doc = new DOMParser().parseFromString(file.content, 'text/html');
      for (const time of doc.querySelectorAll('time')) {
        expect(time.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      }
    }
    const page = files.find((f) => f.content.includes(`href="${BAONAMDINH}"`));
    const vn = new DOMParser().parseFromString(page?.content ?? '', 'text/html');
    const items = vn.querySelectorAll('li.hl');
    expect(items).toHaveLength(3);
    // Highlight 1 (first in reading order) has no date; the other two have theirs.
    expect([...items].map((li) => li.querySelectorAll('.when time').length)).toEqual([0, 1, 1]);
  });

  it('W3C Web Annotation: valid JSON, `created`/`modified` left out where unknown', () => {
    const text = selectionToWebAnnotations(lib);
    const doc = JSON.parse(text);
    const items: Record<string, unknown>[] = doc.first.items;
    expect(items).toHaveLength(7);
    const dated = items.filter((a) => 'created' in a);
    expect(dated).toHaveLength(5);
    for (const a of dated) {
      expect(a.created).toMatch(ISO_UTC);
      expect(a.modified).toMatch(ISO_UTC);
    }
    for (const a of items.filter((x) => !('created' in x))) expect(a).not.toHaveProperty('modified');
    expect(JSON.stringify(items)).not.toMatch(BROKEN);
  });

  it('BibTeX: no `urldate` where the access day is unknown; every date is YYYY-MM-DD', () => {
    const bib = selectionToBibtex(lib);
    expect(bib).not.toMatch(BROKEN);
    const dates = [...bib.matchAll(/ {2}(date|urldate) = \{([^}]*)\}/g)].map((m) => m[2]);
    for (const d of dates) expect(d).toMatch(DAY);
    expect(bib.match(/urldate/g)).toHaveLength(2);
    expect(bib.match(/@online\{/g)).toHaveLength(4);
  });

  it('RIS: no Y2 line where the access day is unknown; every line well-formed', () => {
    const ris = selectionToRis(lib);
    expect(ris).not.toMatch(BROKEN);
    for (const line of ris.split('\r\n').filter(Boolean)) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    const y2 = [...ris.matchAll(/^Y2 {2}- (.*)$/gm)].map((m) => m[1]);
    expect(y2).toHaveLength(2);
    for (const d of y2) expect(d).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
    expect(ris.match(/^TY {2}- NEWS/gm)).toHaveLength(4);
  });

  it('CSL-JSON: no `accessed` where unknown; date-parts are real dates', () => {
    const items: Record<string, unknown>[] = JSON.parse(selectionToCslJson(lib));
    expect(items).toHaveLength(4);
    const accessed = items.filter((i) => 'accessed' in i);
    expect(accessed).toHaveLength(2);
    for (const item of accessed) {
      const [[year, month, day]] = (item.accessed as { 'date-parts': number[][] })['date-parts'] as [
        number[],
      ];
      expect(year).toBeGreaterThanOrEqual(0);
      expect(year).toBeLessThanOrEqual(9999);
      expect(month).toBeGreaterThanOrEqual(1);
      expect(day).toBeGreaterThanOrEqual(1);
    }
  });

  it('Markdown (one file and one per article) and the JSON backup are written whole', () => {
    expect(selectionToMarkdown(lib)).not.toMatch(BROKEN);
    expect(selectionToMarkdownFiles(lib)).toHaveLength(4);
    const backup = JSON.parse(serializeBackup(toBackup(lib, lib.trash, T0)));
    // A backup holds the records as stored: the time is kept as a number, for the importer to judge.
    expect(backup.highlights).toHaveLength(7);
    expect(backup.trash[0].deletedAt).toBe(t);
  });
});
