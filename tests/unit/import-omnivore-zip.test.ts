/**
 * Omnivore's export zip (utils/export/omnivore-zip.ts, read in the library page; utils/export/import-omnivore.ts
 * in the background): the zip is built here with fflate from a sample written after Omnivore's exporter
 * (packages/api/src/jobs/export.ts: `metadata_<from>_to_<to>.json` without highlights, `content/<slug>.html`,
 * `highlights/<slug>.md` from its `highlightToMarkdown`). Hostile zips are refused before anything is inflated;
 * highlights come from the Markdown when the metadata has none; each highlighted item's saved HTML becomes its
 * article's saved copy, sanitised; the preview counts the copies; confirmed, the import is whole and idempotent;
 * an older copy of the user's is replaced only through the preview, and kept.
 */
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZip } from '@/utils/export/formats';
import { ImportError } from '@/utils/export/import-errors';
import { parseOmnivore, parseOmnivoreMarkdown } from '@/utils/export/import-omnivore';
import type { ImportAnswer } from '@/utils/export/import-records';
import { omnivoreImportText, readOmnivoreZip, type ZipLimits } from '@/utils/export/omnivore-zip';
import { createTestLibrary } from '../support/factories';
import { FIXTURE_NOW } from '../support/import-fixtures';
import { dumpTables } from '../support/library-fixtures';
import { parsePage } from '../support/page-window';

const now = () => FIXTURE_NOW;

const METADATA = [
  {
    id: 'a1',
    slug: 'ai-future-18c1',
    title: 'AI and the future of news',
    description: 'How newsrooms use AI.',
    author: 'Nguyễn Văn A',
    url: 'https://example.com/news/ai-future?utm_source=omnivore',
    state: 'Archived',
    readingProgress: 100,
    thumbnail: 'https://example.com/t.jpg',
    labels: ['AI', 'Báo chí'],
    savedAt: '2024-05-01T08:00:00.000Z',
    updatedAt: '2024-05-02T08:00:00.000Z',
    publishedAt: '2024-04-30T00:00:00.000Z',
  },
  {
    id: 'a2',
    slug: 'unread-2f00',
    title: 'Saved, never highlighted',
    author: null,
    url: 'https://example.org/unread',
    state: 'Succeeded',
    labels: [],
    savedAt: '2024-05-03T08:00:00.000Z',
    updatedAt: '2024-05-03T08:00:00.000Z',
    publishedAt: null,
  },
  {
    id: 'a3',
    slug: 'with-metadata-9a9a',
    title: 'Highlights in the metadata',
    url: 'https://example.net/story',
    labels: [{ name: 'đọc sau' }],
    savedAt: '2024-05-04T08:00:00.000Z',
    updatedAt: '2024-05-04T08:00:00.000Z',
    highlights: [
      {
        id: 'h-meta-1',
        type: 'HIGHLIGHT',
        quote: 'The story goes on.',
        prefix: 'And ',
        suffix: ' Then',
        annotation: null,
        color: 'green',
        createdAt: '2024-05-04T09:00:00.000Z',
        updatedAt: '2024-05-04T09:00:00.000Z',
      },
    ],
  },
];

/** As Omnivore's `highlightToMarkdown` writes them, joined by blank lines; a page note first. */
const MARKDOWN = [
  'A note on the whole article\n\n',
  '> Newsrooms are experimenting with AI. \n\n#AI #đọc\n\nMy <script>alert(1)</script> note 😀',
  '> First paragraph of a long quote.\n> \nSecond paragraph of it. ',
].join('\n\n');

const CONTENT = `<div class="page" id="readability-page-1">
  <h1>AI and the future of news</h1>
  <p>Today, Newsrooms are experimenting with AI. Some of them publish with it.</p>
  <script>window.pwned = true</script>
  <img src="https://example.com/a.jpg" onerror="alert(2)" alt="A newsroom">
  <p onclick="alert(3)">First paragraph of a long quote.</p><p>Second paragraph of it.</p>
  <iframe src="https://evil.example/"></iframe>
</div>`;

function sampleZip(extra: Record<string, Uint8Array> = {}, metadata: unknown = METADATA): Uint8Array {
  return zipSync({
    'metadata_0_to_3.json': strToU8(JSON.stringify(metadata, null, 2)),
    'content/ai-future-18c1.html': strToU8(CONTENT),
    'content/unread-2f00.html': strToU8('<p>Never highlighted.</p>'),
    'content/with-metadata-9a9a.html': strToU8('<p>And The story goes on. Then it ends.</p>'),
    'highlights/ai-future-18c1.md': strToU8(MARKDOWN),
    'highlights/with-metadata-9a9a.md': strToU8('> The story goes on. '),
    ...extra,
  });
}

// A page window as the library page's (happy-dom's DOMPurify needs the fix page-window.ts makes).
const { window: view } = parsePage(
  '<!doctype html><html><body></body></html>',
  'chrome-extension://x/library.html',
);
const textOf = (zip: Uint8Array) =>
  omnivoreImportText(readOmnivoreZip(zip), view as unknown as Parameters<typeof omnivoreImportText>[1]);

const LIMITS: ZipLimits = { entries: 100, entryBytes: 1024 * 1024, totalBytes: 4 * 1024 * 1024 };

function refusal(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected the zip to be refused');
}

describe('reading the zip', () => {
  it('reads the metadata, content and highlights entries, and nothing else', () => {
    const zip = readOmnivoreZip(sampleZip({ 'images/big.png': new Uint8Array(3 * 1024 * 1024) }), LIMITS);
    expect(zip.metadata.map((m) => m.name)).toEqual(['metadata_0_to_3.json']);
    expect([...zip.content.keys()].sort()).toEqual(['ai-future-18c1', 'unread-2f00', 'with-metadata-9a9a']);
    expect([...zip.highlights.keys()].sort()).toEqual(['ai-future-18c1', 'with-metadata-9a9a']);
    expect(zip.content.get('ai-future-18c1')).toBe(CONTENT);
  });

  it('recognises a zip by its first bytes', () => {
    expect(isZip(sampleZip())).toBe(true);
    expect(isZip(strToU8('[{"slug":"x"}]'))).toBe(false);
  });

  it('reads the export zipped again inside a folder, in the order of the metadata files', () => {
    const zip = readOmnivoreZip(
      zipSync({
        'Omnivore/metadata_20_to_21.json': strToU8('[]'),
        'Omnivore/metadata_0_to_20.json': strToU8('[]'),
        'Omnivore/content/a.html': strToU8('<p>a</p>'),
      }),
    );
    expect(zip.metadata.map((m) => m.name)).toEqual(['metadata_0_to_20.json', 'metadata_20_to_21.json']);
    expect([...zip.content.keys()]).toEqual(['a']);
  });

  it('leaves names that are not Omnivore slugs alone', () => {
    const zip = readOmnivoreZip(
      sampleZip({
        'content/../../evil.html': strToU8('<p>x</p>'),
        'content/a\\b.html': strToU8('<p>x</p>'),
        'content/x.md': strToU8('x'),
        'highlights/x.html': strToU8('x'),
        'deep/er/metadata_0_to_1.json': strToU8('[]'),
      }),
    );
    expect([...zip.content.keys()].sort()).toEqual(['ai-future-18c1', 'unread-2f00', 'with-metadata-9a9a']);
    expect([...zip.highlights.keys()].sort()).toEqual(['ai-future-18c1', 'with-metadata-9a9a']);
    expect(zip.metadata).toHaveLength(1);
  });

  it('refuses a zip with too many entries', () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 120; i++) many[`images/${i}.png`] = new Uint8Array(1);
    const error = refusal(() => readOmnivoreZip(sampleZip(many), LIMITS));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/more than 100 entries/);
  });

  it('refuses an entry that inflates beyond the limit before inflating it (a zip bomb)', () => {
    const bomb = strToU8('a'.repeat(8 * 1024 * 1024));
    const zipped = sampleZip({ 'content/bomb.html': bomb });
    expect(zipped.length).toBeLessThan(100_000); // 8 MB of text in a few KB
    const error = refusal(() => readOmnivoreZip(zipped, LIMITS));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/content\/bomb\.html is too large to import \(8 MB; the limit is 1 MB\)/);
  });

  it('refuses a zip whose needed entries are too large together', () => {
    const parts: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) parts[`content/part-${i}.html`] = strToU8('b'.repeat(1000 * 1024));
    const error = refusal(() => readOmnivoreZip(sampleZip(parts), LIMITS));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/too large to import \(over 4 MB/);
  });

  it('refuses an entry whose data does not fill the size the zip declares (damaged), and cuts one that overflows it', () => {
    /** The zip with `name`'s uncompressed size in the central directory changed by `delta`. */
    const declare = (name: string, delta: number) => {
      const zip = sampleZip();
      const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
      for (let at = 0; at + 46 < zip.length; at++) {
        if (view.getUint32(at, true) !== 0x02014b50) continue;
        const length = view.getUint16(at + 28, true);
        if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + length)) !== name) continue;
        view.setUint32(at + 24, view.getUint32(at + 24, true) + delta, true);
      }
      return zip;
    };
    const damaged = refusal(() => readOmnivoreZip(declare('content/ai-future-18c1.html', 10)));
    expect(damaged.code).toBe('invalid');
    expect(damaged.message).toMatch(/content\/ai-future-18c1\.html in the zip is damaged/);
    // Memory stays within what the zip declared: the overflow is never kept.
    const cut = readOmnivoreZip(declare('content/ai-future-18c1.html', -10));
    expect(cut.content.get('ai-future-18c1')).toBe(CONTENT.slice(0, -10));
  });

  it('refuses what is not a zip, and a zip without Omnivore metadata', () => {
    const notZip = refusal(() => readOmnivoreZip(strToU8('PK\u0003\u0004 but nothing else at all')));
    expect(notZip.code).toBe('wrong-format');
    expect(notZip.message).toMatch(/not a zip file/);
    const noMetadata = refusal(() =>
      readOmnivoreZip(zipSync({ 'content/a.html': strToU8('<p>a</p>'), 'metadata.json': strToU8('[]') })),
    );
    expect(noMetadata.code).toBe('wrong-format');
    expect(noMetadata.message).toMatch(/no Omnivore metadata file/);
  });
});

describe('Omnivore’s highlights Markdown', () => {
  it('reads quotes (paragraphs kept), labels and notes, and the notes on the whole article apart', () => {
    expect(parseOmnivoreMarkdown(MARKDOWN)).toEqual({
      notes: ['A note on the whole article'],
      highlights: [
        {
          quote: 'Newsrooms are experimenting with AI.',
          labels: ['AI', 'đọc'],
          note: 'My <script>alert(1)</script> note 😀',
        },
        { quote: 'First paragraph of a long quote.\n\nSecond paragraph of it.', labels: [], note: '' },
      ],
    });
  });
});

describe('the zip’s records', () => {
  it('maps each highlighted item’s slug to its saved copy, sanitised; highlights from the Markdown when the metadata has none', async () => {
    const text = textOf(sampleZip());
    // Only the highlighted items' copies are sanitised and sent.
    expect(Object.keys(JSON.parse(text).copies).sort()).toEqual(['ai-future-18c1', 'with-metadata-9a9a']);
    const { records, times } = await parseOmnivore(text, { now });
    expect(records.highlights.map((h) => [h.url, h.quote.exact, h.note, h.tags, h.color])).toEqual([
      [
        'https://example.com/news/ai-future',
        'Newsrooms are experimenting with AI.',
        'My <script>alert(1)</script> note 😀',
        ['AI', 'Báo chí', 'đọc'],
        'yellow',
      ],
      [
        'https://example.com/news/ai-future',
        'First paragraph of a long quote.\n\nSecond paragraph of it.',
        '',
        ['AI', 'Báo chí'],
        'yellow',
      ],
      // The metadata's own highlight (with its context and colour); that item's Markdown is not read.
      ['https://example.net/story', 'The story goes on.', '', ['đọc sau'], 'green'],
    ]);
    expect(records.highlights[0]?.createdAt).toBe(Date.parse('2024-05-01T08:00:00.000Z'));
    expect(records.highlights[2]?.quote.prefix).toBe('And ');

    const clippings = records.clippings ?? [];
    expect(clippings.map((c) => [c.url, c.savedAt, c.article.title, c.article.adapter])).toEqual([
      [
        'https://example.com/news/ai-future',
        Date.parse('2024-05-01T08:00:00.000Z'),
        'AI and the future of news',
        'omnivore',
      ],
      [
        'https://example.net/story',
        Date.parse('2024-05-04T08:00:00.000Z'),
        'Highlights in the metadata',
        'omnivore',
      ],
    ]);
    const copy = clippings[0]?.article;
    expect(copy).toMatchObject({
      url: 'https://example.com/news/ai-future?utm_source=omnivore',
      byline: 'Nguyễn Văn A',
      excerpt: 'How newsrooms use AI.',
      publishedAt: '2024-04-30T00:00:00.000Z',
    });
    // Sanitised as a page's saved article is: no script, no handlers, no frame, no class or id.
    expect(copy?.html).not.toMatch(/<script|window\.pwned|onerror|onclick|<iframe|class=|id=/i);
    expect(copy?.html).toContain('Newsrooms are experimenting with AI.');
    expect(copy?.text).toContain('Today, Newsrooms are experimenting with AI.');
    expect(copy?.text).not.toContain('pwned');
    expect(copy?.wordCount).toBeGreaterThan(10);

    expect(times.leftOut).toEqual([
      {
        path: 'highlights/ai-future-18c1.md',
        reason: 'a note on the whole article: per-article notes are not imported yet',
      },
      {
        path: 'metadata_0_to_3.json[1]',
        reason: 'an item without highlights: Clipmark keeps the articles you highlighted',
      },
    ]);
  });

  it('gives the same text and ids for the same zip (the preview’s token binds to it)', async () => {
    const a = textOf(sampleZip());
    const b = textOf(sampleZip());
    expect(a).toBe(b);
    const ids = async (t: string) => (await parseOmnivore(t, { now })).records.highlights.map((h) => h.id);
    expect(await ids(a)).toEqual(await ids(b));
  });

  it('leaves out, named, a saved copy with no text once made safe; its highlights still come in', async () => {
    const zipped = sampleZip({
      'content/ai-future-18c1.html': strToU8(
        '<script>alert(1)</script><iframe src="https://evil.example/"></iframe>',
      ),
    });
    const text = textOf(zipped);
    const sent = JSON.parse(text);
    expect(Object.keys(sent.copies)).toEqual(['with-metadata-9a9a']);
    expect(sent.refusedCopies).toEqual(['ai-future-18c1']);
    const { records, times } = await parseOmnivore(text, { now });
    expect(records.highlights).toHaveLength(3);
    expect(records.clippings?.map((c) => c.url)).toEqual(['https://example.net/story']);
    expect(times.leftOut).toContainEqual({
      path: 'content/ai-future-18c1.html',
      reason: 'the saved copy has no text left once made safe',
    });
  });

  it('names a metadata file that is not JSON and reads the others', async () => {
    const zipped = zipSync({
      'metadata_0_to_3.json': strToU8(JSON.stringify(METADATA)),
      'metadata_3_to_4.json': strToU8('{ not json'),
      'highlights/ai-future-18c1.md': strToU8(MARKDOWN),
    });
    const { records, times } = await parseOmnivore(textOf(zipped), { now });
    expect(records.highlights).toHaveLength(3);
    expect(records.clippings).toBeUndefined(); // no content in this zip
    expect(times.leftOut.map((r) => r.path)).toContain('metadata_3_to_4.json');
  });
});

describe('importing the zip into the library', () => {
  type Library = ReturnType<typeof createTestLibrary>;
  let lib: Library;
  beforeEach(() => {
    lib = createTestLibrary({ clock: FIXTURE_NOW });
  });
  afterEach(async () => {
    await lib.close();
  });
  const send = (text: string, confirm?: string): Promise<ImportAnswer> =>
    lib.call('library.import', { kind: 'omnivore', text, ...(confirm ? { confirm } : {}) });

  it('previews the copies to add, writes nothing until confirmed, then all; the same zip again changes nothing', async () => {
    const text = textOf(sampleZip());
    const empty = await dumpTables(lib.db);
    const preview = await send(text);
    expect(preview).toMatchObject({
      status: 'confirm',
      added: { highlights: 3, articles: 2, clippings: 2 },
      updated: { highlights: 0, articles: 0, clippings: 0 },
      leftOut: { count: 2 },
    });
    expect(await dumpTables(lib.db)).toEqual(empty);

    const applied = await send(text, preview.status === 'confirm' ? preview.token : undefined);
    expect(applied).toMatchObject({ status: 'applied', added: { highlights: 3, clippings: 2 }, kept: 0 });
    const clipping = await lib.call('clipping.get', { url: 'https://example.com/news/ai-future' });
    expect(clipping.article.html).toContain('Newsrooms are experimenting with AI.');
    expect(clipping.article.html).not.toMatch(/<script/i);
    const stored = await lib.db.clippings.toArray();
    expect(stored.every((c) => !/<script|onerror|onclick/i.test(c.article.html))).toBe(true);

    const after = await dumpTables(lib.db);
    const again = await send(text);
    expect(again).toMatchObject({
      added: { highlights: 0, articles: 0, clippings: 0 },
      updated: { highlights: 0, articles: 0, clippings: 0 },
      skipped: { highlights: 3, clippings: 2 },
    });
    await send(text, again.status === 'confirm' ? again.token : undefined);
    expect(await dumpTables(lib.db)).toEqual(after);
  });

  it('replaces an older copy of the user’s only through the preview, and keeps it to put back; a newer one stays', async () => {
    const older = {
      url: 'https://example.com/news/ai-future',
      savedAt: Date.parse('2024-01-01T00:00:00.000Z'),
      article: {
        url: 'https://example.com/news/ai-future',
        canonicalUrl: null,
        title: 'Mine, older',
        byline: null,
        siteName: null,
        lang: null,
        publishedAt: null,
        modifiedAt: null,
        lead: null,
        excerpt: null,
        mainImage: null,
        wordCount: 2,
        html: '<p>My copy</p>',
        text: 'My copy',
        adapter: 'generic',
      },
    };
    const newer = {
      ...older,
      url: 'https://example.net/story',
      savedAt: Date.parse('2025-01-01T00:00:00.000Z'),
      article: { ...older.article, url: 'https://example.net/story', title: 'Mine, newer' },
    };
    await lib.db.clippings.bulkPut([older, newer]);
    const text = textOf(sampleZip());
    const preview = await send(text);
    expect(preview).toMatchObject({
      status: 'confirm',
      added: { clippings: 0 },
      updated: { clippings: 1 },
      skipped: { clippings: 1 },
    });
    expect((await lib.db.clippings.get(older.url))?.article.title).toBe('Mine, older');

    const applied = await send(text, preview.status === 'confirm' ? preview.token : undefined);
    expect(applied).toMatchObject({ status: 'applied', updated: { clippings: 1 }, kept: 1 });
    expect((await lib.db.clippings.get(older.url))?.article.adapter).toBe('omnivore');
    expect((await lib.db.clippings.get(newer.url))?.article.title).toBe('Mine, newer');
    const replaced = await lib.db.replaced.toArray();
    expect(replaced.map((r) => r.previous)).toEqual([{ kind: 'clipping', clipping: older }]);
  });
});
