/**
 * W3C Web Annotation import: Clipmark's own export comes back losslessly; other tools' annotations come in
 * as far as Clipmark can hold them, idempotently; bad files are refused with a path and nothing written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClipmarkDB } from '@/entrypoints/background/database';
import { importWebAnnotations } from '@/entrypoints/background/export/import-file';
import { ImportError } from '@/utils/export/import-errors';
import { uuidV5 } from '@/utils/export/uuid';
import { selectionToWebAnnotations } from '@/utils/export/web-annotation';
import { createTestLibrary } from '../support/factories';
import { dumpTables, generateLibrary, sampleLibrary, seed, T0 } from '../support/library-fixtures';

let lib: ReturnType<typeof createTestLibrary>;
let empty: ClipmarkDB;
beforeEach(() => {
  lib = createTestLibrary();
  empty = new ClipmarkDB(`wa-${Math.random()}`);
});
afterEach(async () => {
  await lib.close();
  await empty.delete();
});

/** An annotation as Hypothesis-like tools write them: a non-UUID id, tracking parameters, no position. */
const foreign = (overrides: Record<string, unknown> = {}) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  id: 'https://hypothes.is/a/Xk2mB0aT',
  type: 'Annotation',
  created: '2026-03-02T09:00:00.000000+00:00',
  modified: '2026-03-02T09:05:00+07:00',
  body: [
    { type: 'TextualBody', value: 'Ghi chú không có purpose' },
    { type: 'TextualBody', purpose: 'tagging', value: 'kinh tế' },
    'https://example.org/linked-body',
  ],
  target: {
    source: 'http://www.vnexpress.net/gia-lua-tang-manh-4712345.html?utm_source=zalo#binh-luan',
    selector: [
      { type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[2]' } },
      {
        type: 'TextQuoteSelector',
        exact: 'giá lúa tăng mạnh',
        prefix: 'x'.repeat(400),
        suffix: 'trong tuần',
      },
    ],
  },
  ...overrides,
});

describe('round trip', () => {
  it('export → import into an empty library gives back articles, highlights and tags as they were', async () => {
    const records = sampleLibrary();
    // The W3C format holds no trash, clippings or settings.
    await seed(lib.db, { ...records, trash: [], clippings: [], settings: [] });
    const before = await dumpTables(lib.db);
    const text = selectionToWebAnnotations(records);
    const result = await importWebAnnotations(empty, text);
    expect(await dumpTables(empty)).toEqual(before);
    expect(result.added).toEqual({ articles: 4, highlights: 7, tags: 8, trash: 0, clippings: 0 });
  });

  it('importing the same file again adds nothing', async () => {
    const text = selectionToWebAnnotations(sampleLibrary());
    await importWebAnnotations(empty, text);
    const once = await dumpTables(empty);
    const again = await importWebAnnotations(empty, text);
    expect(again.added).toEqual({ articles: 0, highlights: 0, tags: 0, trash: 0, clippings: 0 });
    expect(again.updated).toEqual({ articles: 0, highlights: 0, tags: 0, trash: 0, clippings: 0 });
    expect(await dumpTables(empty)).toEqual(once);
  });

  it('reports progress on a large collection', async () => {
    const big = generateLibrary(2000, 100);
    const calls: number[][] = [];
    await importWebAnnotations(empty, selectionToWebAnnotations(big), {
      onProgress: (d, t) => calls.push([d, t]),
    });
    const total = 2 * (2000 + 100 + big.tags.length);
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.length).toBeGreaterThan(10);
    expect(await empty.highlights.count()).toBe(2000);
  });
});

describe('annotations from other tools', () => {
  it('become highlights: stable id, normalised page, note, tags, default colour, quote-only anchoring', async () => {
    const result = await importWebAnnotations(empty, JSON.stringify(foreign()), { now: () => T0 });
    const [h] = await empty.highlights.toArray();
    expect(h).toEqual({
      id: await uuidV5('https://hypothes.is/a/Xk2mB0aT', '3f6c1e52-8a4d-4b7e-9c21-6d0f5a8b2e17'),
      // Normalised as the content script would: `www.`, tracking and fragment go; the origin (http:) stays.
      url: 'http://vnexpress.net/gia-lua-tang-manh-4712345.html',
      quote: {
        type: 'TextQuoteSelector',
        exact: 'giá lúa tăng mạnh',
        prefix: 'x'.repeat(256),
        suffix: 'trong tuần',
      },
      position: { type: 'TextPositionSelector', start: 0, end: 17 },
      color: 'yellow',
      tags: ['kinh tế'],
      note: 'Ghi chú không có purpose',
      createdAt: Date.parse('2026-03-02T09:00:00Z'),
      updatedAt: Date.parse('2026-03-02T02:05:00Z'),
    });
    expect(h?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await empty.articles.get(h?.url ?? '')).toMatchObject({ site: 'vnexpress.net', title: '' });
    expect(await empty.tags.toArray()).toEqual([
      { key: 'kinh te', name: 'kinh tế', color: null, createdAt: T0 },
    ]);
    expect(result.added).toMatchObject({ highlights: 1, articles: 1, tags: 1 });
    // Same file again: the derived id is the same, so nothing is added.
    const again = await importWebAnnotations(empty, JSON.stringify(foreign()));
    expect(again.skipped.highlights).toBe(1);
    expect(await empty.highlights.count()).toBe(1);
  });

  it('accepts a page, a single annotation or a list', async () => {
    const a = foreign();
    const b = foreign({ id: 'urn:x-other:2' });
    await importWebAnnotations(empty, JSON.stringify({ type: 'AnnotationPage', items: [a] }));
    await importWebAnnotations(empty, JSON.stringify(b));
    await importWebAnnotations(empty, JSON.stringify([a, b, foreign({ id: 'urn:x-other:3' })]));
    expect(await empty.highlights.count()).toBe(3);
  });

  it('takes the library’s spelling of a tag', async () => {
    await seed(empty, { ...sampleLibrary(), trash: [] });
    await importWebAnnotations(
      empty,
      JSON.stringify(foreign({ body: { type: 'TextualBody', purpose: 'tagging', value: 'NONG NGHIEP' } })),
    );
    const h = (await empty.highlights.toArray()).find((x) => x.quote.exact === 'giá lúa tăng mạnh');
    expect(h?.tags).toEqual(['nông nghiệp']);
  });
});

describe('a bad file is refused and nothing is written', () => {
  beforeEach(() => seed(lib.db, { ...sampleLibrary(), trash: [] }));

  async function refused(file: unknown): Promise<ImportError> {
    const before = await dumpTables(lib.db);
    const text = typeof file === 'string' ? file : JSON.stringify(file);
    const error = await importWebAnnotations(lib.db, text).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect(await dumpTables(lib.db)).toEqual(before);
    return error as ImportError;
  }
  const collection = (...items: unknown[]) => ({
    type: 'AnnotationCollection',
    first: { type: 'AnnotationPage', items },
  });

  it('names the annotation and its field', async () => {
    const ok = foreign();
    const noQuote = foreign({
      target: { source: 'https://vnexpress.net/a', selector: { type: 'FragmentSelector', value: 'p1' } },
    });
    const commaTag = foreign({
      body: [
        { type: 'TextualBody', value: 'ghi chú' },
        { type: 'TextualBody', purpose: 'tagging', value: 'a, b' },
      ],
    });
    const badColour = foreign({ 'clipmark:color': 'red' });
    const emptyQuote = foreign({
      target: { source: 'https://vnexpress.net/a', selector: { type: 'TextQuoteSelector', exact: '' } },
    });
    const ftp = foreign({
      target: { source: 'ftp://example.vn/a', selector: { type: 'TextQuoteSelector', exact: 'x' } },
    });
    const error = await refused(collection(ok, noQuote, commaTag, badColour, emptyQuote, ftp));
    // The annotation without a quote is a page note: left out, not a problem (import-w3c-left-out.test.ts).
    expect(error.problems).toEqual([
      'first.items[2].body[1].value: a tag cannot contain a comma',
      expect.stringMatching(/^first\.items\[3\]\.clipmark:color: Invalid option/),
      'first.items[4].target.selector.exact: Too small: expected string to have >=1 characters',
      'first.items[5].target.source: not a web page address (http or https)',
    ]);
    expect(error.message).toContain('first.items[2].body[1].value: a tag cannot contain a comma');
  });

  it('wrong types in the annotation itself', async () => {
    const error = await refused([foreign({ id: 42, created: 'hôm qua', type: 'Note' })]);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[0\]\.id: /),
        expect.stringMatching(/^\[0\]\.type: /),
        expect.stringMatching(/^\[0\]\.created: /),
      ]),
    );
  });

  it('bad records in the Clipmark extension properties', async () => {
    const file = JSON.parse(selectionToWebAnnotations(sampleLibrary()));
    file['clipmark:articles'][1].url = 'chrome://settings';
    expect((await refused(file)).message).toMatch(/clipmark:articles\[1\]\.url: Invalid URL/);
  });

  it('not JSON, not annotations, pages only linked', async () => {
    expect((await refused('<html>')).code).toBe('not-json');
    expect((await refused({ format: 'clipmark-backup', version: 1 })).code).toBe('wrong-format');
    const linked = await refused({ type: 'AnnotationCollection', first: 'https://example.org/page1' });
    expect(linked.message).toMatch(/only a link/);
  });

  it('a file over 500 MB', async () => {
    const items = `[${'"x",'.repeat(126 * 1024 * 1024)}"x"]`;
    expect((await refused(items)).code).toBe('too-large');
  });
});
