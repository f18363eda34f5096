/**
 * Hypothesis import: the client's "Export annotations" file and an API search result, written from Hypothesis's
 * documented annotation format (tests/fixtures/hypothesis/), and Clipmark's own Hypothesis export back in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClipmarkDB } from '@/entrypoints/background/database';
import { runImport } from '@/entrypoints/background/export/handlers';
import { importKindOf } from '@/utils/export/formats';
import { selectionToHypothesis } from '@/utils/export/hypothesis';
import { ImportError } from '@/utils/export/import-errors';
import { authorOf, parseHypothesis } from '@/utils/export/import-hypothesis';
import { uuidV5 } from '@/utils/export/uuid';
import { hostileLibrary } from '../support/hostile-library';
import { sampleLibrary, seed, T0 } from '../support/library-fixtures';

const FIXTURES = join(__dirname, '../fixtures/hypothesis');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const NS = '3f6c1e52-8a4d-4b7e-9c21-6d0f5a8b2e17';
const idOf = (hypothesisId: string) => uuidV5(`https://hypothes.is/a/${hypothesisId}`, NS);
const PAGE = 'https://example.org/tin-tuc/bai-viet?id=42';
const NOW = () => Date.UTC(2026, 0, 1);

let db: ClipmarkDB;
beforeEach(() => {
  db = new ClipmarkDB(`hyp-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('format detection', () => {
  it('tells a Hypothesis export and an API result from a backup and a W3C file', () => {
    expect(importKindOf(fixture('client-export.json'))).toBe('hypothesis');
    expect(importKindOf(fixture('api-search.json'))).toBe('hypothesis');
    expect(importKindOf('\ufeff{"rows": []}')).toBe('hypothesis');
    expect(importKindOf('{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"}')).toBe(
      'web-annotation',
    );
    expect(importKindOf('{"format": "clipmark-backup", "version": 1}')).toBe('backup');
  });
});

describe('the client export', () => {
  it('reads highlights with their selectors, notes as text, tags and dates', async () => {
    const { records } = await parseHypothesis(fixture('client-export.json'), { now: NOW });
    const main = records.highlights[0];
    expect(main?.id).toBe(await idOf('Hx1aaaaaaaaaaaaaaaaaaa'));
    expect(main?.url).toBe(PAGE); // tracking parameter and fragment go, the query stays
    expect(main?.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Nông nghiệp "xanh" <script>alert(1)</script> 🌾',
      prefix: 'Mở đầu 😀 ',
      suffix: '\nĐoạn sau',
    });
    // The file's position is in code points (9: the prefix reaches the start of the text, so the emoji in it is
    // all there is before): in UTF-16 units it starts one later, and the conversion is known exact.
    const length = main?.quote.exact.length ?? 0;
    expect(main?.position).toEqual({
      type: 'TextPositionSelector',
      start: 10,
      end: 10 + length,
      astralBefore: 1,
    });
    expect(main?.rawPosition).toBeUndefined();
    expect(main?.color).toBe('yellow');
    expect(main?.tags).toEqual(['nông nghiệp', 'C++', '50%']);
    expect(main?.createdAt).toBe(Date.parse('2024-03-01T10:00:00.123Z'));
    // The Markdown as typed, then the replies of its thread, oldest first, with their authors.
    expect(main?.note).toBe(
      [
        '**Quan trọng**: xem [nguồn](https://example.org/a?b=1&c=2#d) — `code` "trích"',
        '↳ binh (2024-03-02): Đồng ý! 👍',
        '↳ chi (2024-03-03): Trả lời lồng nhau',
      ].join('\n\n'),
    );
    expect(main?.updatedAt).toBe(Date.parse('2024-03-03T08:00:00Z'));
  });

  it('makes a page note the article note, and each document its own article', async () => {
    const { records } = await parseHypothesis(fixture('client-export.json'), { now: NOW });
    const page = records.articles.find((a) => a.url === PAGE);
    expect(page?.title).toBe('Nông nghiệp xanh');
    expect(page?.note).toBe(
      'Ghi chú trang: bài này **tốt**.\n\n- một\n- hai\n\n↳ dung (2024-03-02): Reply to the page note',
    );
    expect(page?.noteUpdatedAt).toBe(Date.parse('2024-03-02T09:00:00Z'));
    const other = records.articles.find((a) => a.url === 'https://other.example.com/story');
    // NFD in the file, NFC in the library.
    expect(other?.title).toBe('Câu chuyện khác'.normalize('NFC'));
    expect(records.highlights.map((h) => h.url).sort()).toEqual([PAGE, 'https://other.example.com/story']);
  });

  it('leaves out what it cannot hold, saying why', async () => {
    const { times } = await parseHypothesis(fixture('client-export.json'), { now: NOW });
    expect(times.leftOut.map((r) => [r.path, r.reason.split(' (')[0]?.split(':')[0]])).toEqual([
      ['annotations[5]', 'a reply whose parent is not in the file'],
      ['annotations[6]', 'an annotation on a PDF'],
    ]);
  });

  it('reads the same annotations from an API search result', async () => {
    const api = await parseHypothesis(fixture('api-search.json'), { now: NOW });
    expect(api.records.highlights).toHaveLength(1);
    expect(api.records.highlights[0]?.note).toContain('↳ binh (2024-03-02): Đồng ý! 👍');
    expect(api.records.articles[0]?.note).toBe('Ghi chú trang: bài này **tốt**.\n\n- một\n- hai');
  });

  it('names users as Hypothesis shows them', () => {
    expect(authorOf({ user: 'acct:ana.b@hypothes.is' })).toBe('ana.b');
    expect(authorOf({ user: 'acct:x@h', user_info: { display_name: 'Ana Bé' } })).toBe('Ana Bé');
    expect(authorOf({})).toBe('?');
  });
});

describe('into the library', () => {
  it('is always previewed first, then applied with its token, and a second import changes nothing', async () => {
    const text = fixture('client-export.json');
    const preview = await runImport(db, { kind: 'hypothesis', text }, { now: NOW });
    expect(preview.status).toBe('confirm');
    expect(preview.added.highlights).toBe(2);
    expect(preview.added.articles).toBe(2);
    expect(preview.leftOut?.count).toBe(2);
    expect(await db.highlights.count()).toBe(0);
    expect(await db.articles.count()).toBe(0);
    if (preview.status !== 'confirm') throw new Error('no preview');
    const applied = await runImport(db, { kind: 'hypothesis', text, confirm: preview.token }, { now: NOW });
    expect(applied.status).toBe('applied');
    expect(await db.highlights.count()).toBe(2);
    expect((await db.articles.get(PAGE))?.note).toContain('Ghi chú trang');
    const before = [await db.highlights.toArray(), await db.articles.toArray(), await db.tags.toArray()];
    const again = await runImport(db, { kind: 'hypothesis', text }, { now: NOW });
    expect(again.added).toEqual({ articles: 0, highlights: 0, tags: 0, trash: 0, clippings: 0 });
    expect(again.updated).toEqual({ articles: 0, highlights: 0, tags: 0, trash: 0, clippings: 0 });
    if (again.status === 'confirm') {
      await runImport(db, { kind: 'hypothesis', text, confirm: again.token }, { now: NOW });
    }
    expect([await db.highlights.toArray(), await db.articles.toArray(), await db.tags.toArray()]).toEqual(
      before,
    );
  });

  it('never replaces a newer note of the user without asking, and keeps the user’s article details', async () => {
    await seed(db, {
      articles: [
        {
          url: PAGE,
          site: 'example.org',
          title: 'My title',
          meta: { byline: 'Ana' },
          createdAt: T0,
          updatedAt: T0,
          note: 'mine, newer',
          noteUpdatedAt: T0,
        },
      ],
      highlights: [],
      tags: [],
      trash: [],
    });
    const text = fixture('client-export.json');
    const answer = await runImport(db, { kind: 'hypothesis', text }, { now: () => T0 + 1000 });
    expect(answer.skipped.articles).toBe(1);
    if (answer.status === 'confirm') {
      await runImport(db, { kind: 'hypothesis', text, confirm: answer.token }, { now: () => T0 + 1000 });
    }
    const article = await db.articles.get(PAGE);
    expect(article?.note).toBe('mine, newer');
    expect(article?.title).toBe('My title');
  });
});

describe('a page note for an article the library has', () => {
  it('asks first, then takes only the note: the user’s title and details stay, the old version is kept', async () => {
    await seed(db, {
      articles: [
        { url: PAGE, site: 'example.org', title: 'My title', meta: {}, createdAt: T0, updatedAt: T0 },
      ],
      highlights: [],
      tags: [],
      trash: [],
    });
    const text = fixture('client-export.json');
    const now = () => T0 + 1000;
    const preview = await runImport(db, { kind: 'hypothesis', text }, { now });
    expect(preview.status).toBe('confirm');
    expect(preview.updated.articles).toBe(1);
    expect((await db.articles.get(PAGE))?.note).toBeUndefined();
    if (preview.status !== 'confirm') throw new Error('no preview');
    await runImport(db, { kind: 'hypothesis', text, confirm: preview.token }, { now });
    const article = await db.articles.get(PAGE);
    expect(article?.title).toBe('My title');
    expect(article?.note).toContain('Ghi chú trang');
    expect((await db.replaced.toArray()).map((r) => r.previous)).toEqual([
      {
        kind: 'article',
        article: {
          url: PAGE,
          site: 'example.org',
          title: 'My title',
          meta: {},
          createdAt: T0,
          updatedAt: T0,
        },
      },
    ]);
  });
});

describe('hostile files', () => {
  const file = (annotations: unknown[]) =>
    JSON.stringify({ export_date: '2024-01-01T00:00:00Z', annotations });
  const base = {
    id: 'HostileAAAAAAAAAAAAAAA',
    created: '2024-01-01T00:00:00+00:00',
    uri: 'https://example.org/p?q=1&r=%3Cscript%3E#frag',
    target: [{ source: 'https://example.org/p', selector: [{ type: 'TextQuoteSelector', exact: 'x' }] }],
  };

  it('keeps a 50,000-character note, and leaves out a longer one', async () => {
    const ok = { ...base, text: 'n'.repeat(50_000) };
    const long = { ...base, id: 'HostileBBBBBBBBBBBBBBBB', text: 'n'.repeat(50_001) };
    const { records, times } = await parseHypothesis(file([ok, long]), { now: NOW });
    expect(records.highlights.map((h) => h.note.length)).toEqual([50_000]);
    expect(times.leftOut[0]?.reason).toMatch(/longer than 50,000 characters/);
  });

  it('keeps quotes, markup, emoji and NFD as text; the URL keeps its query', async () => {
    const nfd = 'Tiếng Việt'.normalize('NFD');
    const a = { ...base, text: `"quoted" <script>alert(1)</script> 😀 ${nfd}`, tags: [`${nfd},x`, ' x '] };
    const { records } = await parseHypothesis(file([a]), { now: NOW });
    const [h] = records.highlights;
    expect(h?.note).toBe(`"quoted" <script>alert(1)</script> 😀 ${'Tiếng Việt'.normalize('NFC')}`);
    expect(h?.tags).toEqual(['Tiếng Việt'.normalize('NFC'), 'x']);
    expect(h?.url).toBe('https://example.org/p?q=1&r=%3Cscript%3E');
  });

  it('refuses a file that is not Hypothesis’s, or an annotation that is not one, naming it', async () => {
    await expect(parseHypothesis('{"items": []}')).rejects.toMatchObject({ code: 'wrong-format' });
    await expect(parseHypothesis('{nope')).rejects.toBeInstanceOf(ImportError);
    await expect(parseHypothesis(file([{ ...base, id: 42 }]))).rejects.toThrow(/annotations\[0\]\.id/);
  });

  it('refuses a time from the future, like every import', async () => {
    const a = { ...base, created: '2090-01-01T00:00:00Z' };
    const { records, times } = await parseHypothesis(file([a]), { now: NOW });
    expect(records.highlights).toEqual([]);
    expect(times.refused.highlights).toBe(1);
  });
});

describe('round trip', () => {
  it('our Hypothesis export imports back as the same highlights and article notes', async () => {
    for (const library of [sampleLibrary(), hostileLibrary()]) {
      const articles = library.articles.map((a, i) =>
        i === 0
          ? { ...a, note: 'Page note *with* <b>markup</b> and https://x.org/a_b?c=d#e', noteUpdatedAt: T0 }
          : a,
      );
      const selection = { ...library, articles };
      const text = selectionToHypothesis(selection, T0);
      const { records } = await parseHypothesis(text, { now: () => T0 + 86_400_000 * 365 * 10 });
      const key = (h: { id: string }) => h.id;
      const expected = selection.highlights.map((h) => ({
        ...h,
        note: h.note.normalize('NFC'),
        tags: h.tags.map((t) => t.normalize('NFC')),
        quote: {
          ...h.quote,
          exact: h.quote.exact.normalize('NFC'),
          prefix: h.quote.prefix.normalize('NFC'),
          suffix: h.quote.suffix.normalize('NFC'),
        },
        rawPosition: undefined,
      }));
      const got = records.highlights.map((h) => ({ ...h, rawPosition: undefined }));
      expect(got.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
        expected.sort((a, b) => key(a).localeCompare(key(b))),
      );
      const noted = records.articles.find((a) => a.url === articles[0]?.url);
      expect(noted?.note).toBe('Page note *with* <b>markup</b> and https://x.org/a_b?c=d#e');
    }
  });
});
