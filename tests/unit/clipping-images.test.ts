// Issue 20 item 6: a saved copy keeps the article's images. The background fetches the <img src> of the
// extracted HTML at save time (https only, capped, type sniffed from the bytes), the clipping stores them, and
// the reader shows them from data: addresses — still loading nothing remote. Backups leave them out.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { exportBackup } from '@/entrypoints/background/export/select';
import type { ImageFetch } from '@/entrypoints/background/library/articles';
import type { TabAccess } from '@/entrypoints/background/tab-access';
import { extractArticle } from '@/utils/article/extract';
import { parseBackup } from '@/utils/export/import-backup';
import { tabClient } from '@/utils/messaging/sender';
import { PLACEHOLDER_TAG, prepareClippingHtml } from '@/utils/reader';
import {
  collectImages,
  IMAGE_LIMITS,
  type ImageLimits,
  imageAddresses,
  sniffImageType,
  toBase64,
} from '@/utils/reader/clipping-images';
import { ClippingSchema, StoredImagesSchema } from '@/utils/schema';
import { contentSender, createTestLibrary, fakeDraft } from '../support/factories';
import { parsePage } from '../support/page-window';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]);
const GIF = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
const WEBP = new TextEncoder().encode('RIFF\u0024\u0000\u0000\u0000WEBPVP8 ');
const AVIF = Uint8Array.from([0, 0, 0, 0x1c, ...new TextEncoder().encode('ftypavif'), 0, 0, 0, 0]);
const HTML = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>');

/** `bytes` padded with zeros to `length` (still starting with the magic number). */
const sized = (bytes: Uint8Array, length: number) => {
  const out = new Uint8Array(length);
  out.set(bytes);
  return out;
};

interface Served {
  body: Uint8Array;
  type?: string;
  status?: number;
  /** Leave out content-length (the body is streamed). */
  noLength?: boolean;
  /** Where a redirect ended. */
  finalUrl?: string;
  /** Never answers (until aborted). */
  hang?: boolean;
}

/** A fake `fetch` over a table of addresses; records every call with its options. */
function fakeFetch(table: Record<string, Served>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const served = table[url];
    if (!served) throw new TypeError('Failed to fetch');
    if (served.hang) {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    const headers = new Headers();
    if (served.type) headers.set('content-type', served.type);
    if (!served.noLength) headers.set('content-length', String(served.body.length));
    const body = served.noLength
      ? new ReadableStream<Uint8Array>({
          start(controller) {
            // In pieces, as a network answer comes.
            for (let i = 0; i < served.body.length; i += 1000)
              controller.enqueue(served.body.slice(i, i + 1000));
            controller.close();
          },
        })
      : served.body;
    const response = new Response(body as BodyInit, { status: served.status ?? 200, headers });
    Object.defineProperty(response, 'url', { value: served.finalUrl ?? url });
    return response;
  });
  return { fetcher, calls };
}

const BASE = 'https://baochi.example/bai-viet/mot-bai/';
const LIMITS: ImageLimits = { ...IMAGE_LIMITS, timeoutMs: 50, budgetMs: 5_000 };

describe('the images of a copy’s HTML', () => {
  it('are the <img src> addresses, absolute, once each, in document order, entities decoded', () => {
    const html = [
      '<p>Mở đầu</p>',
      '<img alt="a > b src=https://evil.example/x.png" src="/anh/1.png">',
      '<figure><img src="https://cdn.example/2.jpg?w=800&amp;h=600" alt="Hai"></figure>',
      "<IMG SRC='anh/3.gif'>",
      '<img src="https://cdn.example/2.jpg?w=800&amp;h=600">',
      '<img data-src="https://cdn.example/lazy.png">',
      '<img src="data:image/png;base64,AAAA">',
      '<img src="javascript:alert(1)">',
      '<img src="http://old.example/4.png">',
      '<p>src="https://text.example/not-an-img.png"</p>',
    ].join('');
    expect(imageAddresses(html, BASE)).toEqual([
      'https://baochi.example/anh/1.png',
      'https://cdn.example/2.jpg?w=800&h=600',
      'https://baochi.example/bai-viet/mot-bai/anh/3.gif',
      'http://old.example/4.png',
    ]);
  });

  it('are told apart by their bytes, not their names', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(GIF)).toBe('image/gif');
    expect(sniffImageType(WEBP)).toBe('image/webp');
    expect(sniffImageType(AVIF)).toBe('image/avif');
    expect(sniffImageType(HTML)).toBeNull();
    expect(sniffImageType(SVG)).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });

  it('base64 as btoa writes it, also past one chunk', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('collectImages', () => {
  it('keeps https images, fetched without cookies or referrer, by the address the reader resolves', async () => {
    const { fetcher, calls } = fakeFetch({
      'https://baochi.example/anh/1.png': { body: PNG, type: 'image/png' },
      'https://cdn.example/2.jpg?w=800&h=600': { body: JPEG, type: 'image/jpeg; charset=binary' },
    });
    const html =
      '<img src="/anh/1.png" alt="Một"><img src="https://cdn.example/2.jpg?w=800&amp;h=600"><img src="/anh/1.png">';
    const { images, skipped } = await collectImages(html, BASE, fetcher, LIMITS);
    expect(images).toEqual({
      'https://baochi.example/anh/1.png': { type: 'image/png', data: toBase64(PNG), bytes: PNG.length },
      'https://cdn.example/2.jpg?w=800&h=600': {
        type: 'image/jpeg',
        data: toBase64(JPEG),
        bytes: JPEG.length,
      },
    });
    expect(skipped).toEqual([]);
    // The same address twice is fetched once.
    expect(calls.map((c) => c.url)).toEqual([
      'https://baochi.example/anh/1.png',
      'https://cdn.example/2.jpg?w=800&h=600',
    ]);
    for (const { init } of calls) {
      expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
      expect(init.signal).toBeInstanceOf(AbortSignal);
    }
    expect(StoredImagesSchema.safeParse(images).success).toBe(true);
  });

  it('refuses http (never fetched), a redirect to http, errors, wrong types and bytes that lie', async () => {
    const { fetcher, calls } = fakeFetch({
      'https://a.example/page.png': { body: HTML, type: 'text/html' },
      'https://a.example/lies.png': { body: HTML, type: 'image/png' },
      'https://a.example/jpeg-as-png.png': { body: JPEG, type: 'image/png' },
      'https://a.example/drawing.svg': { body: SVG, type: 'image/svg+xml' },
      'https://a.example/no-type.png': { body: PNG },
      'https://a.example/missing.png': { body: PNG, type: 'image/png', status: 404 },
      'https://a.example/moved.png': { body: PNG, type: 'image/png', finalUrl: 'http://a.example/moved.png' },
      'https://a.example/ok.gif': { body: GIF, type: 'image/gif' },
    });
    const html = [
      'http://a.example/plain.png',
      'https://a.example/page.png',
      'https://a.example/lies.png',
      'https://a.example/jpeg-as-png.png',
      'https://a.example/drawing.svg',
      'https://a.example/no-type.png',
      'https://a.example/missing.png',
      'https://a.example/moved.png',
      'https://a.example/offline.png',
      'https://a.example/ok.gif',
    ]
      .map((src) => `<img src="${src}">`)
      .join('');
    const { images, skipped } = await collectImages(html, BASE, fetcher, LIMITS);
    expect(Object.keys(images)).toEqual(['https://a.example/ok.gif']);
    expect(Object.fromEntries(skipped.map((s) => [s.url, s.reason]))).toEqual({
      'http://a.example/plain.png': 'not-https',
      'https://a.example/page.png': 'not-an-image',
      'https://a.example/lies.png': 'not-an-image',
      'https://a.example/jpeg-as-png.png': 'type-mismatch',
      'https://a.example/drawing.svg': 'not-an-image',
      'https://a.example/no-type.png': 'not-an-image',
      'https://a.example/missing.png': 'http-error',
      'https://a.example/moved.png': 'not-https',
      'https://a.example/offline.png': 'failed',
    });
    expect(calls.some((c) => c.url.startsWith('http:'))).toBe(false);
  });

  it('caps each image (by its header or its streamed bytes), the copy’s total and the count', async () => {
    const limits: ImageLimits = { ...LIMITS, maxBytes: 5_000, maxTotal: 9_000, maxImages: 4, concurrency: 1 };
    const { fetcher, calls } = fakeFetch({
      'https://a.example/big.png': { body: sized(PNG, 5_001), type: 'image/png' },
      'https://a.example/big-streamed.png': { body: sized(PNG, 6_000), type: 'image/png', noLength: true },
      'https://a.example/four-k.png': { body: sized(PNG, 4_000), type: 'image/png' },
      'https://a.example/five-k.jpg': { body: sized(JPEG, 5_000), type: 'image/jpeg' },
      'https://a.example/fifth.png': { body: PNG, type: 'image/png' },
    });
    const html = [
      'https://a.example/big.png',
      'https://a.example/big-streamed.png',
      'https://a.example/four-k.png',
      'https://a.example/five-k.jpg',
      'https://a.example/fifth.png',
    ]
      .map((src) => `<img src="${src}">`)
      .join('');
    const { images, skipped } = await collectImages(html, BASE, fetcher, limits);
    expect(Object.keys(images)).toEqual(['https://a.example/four-k.png', 'https://a.example/five-k.jpg']);
    expect(Object.values(images).reduce((n, i) => n + i.bytes, 0)).toBe(9_000);
    expect(Object.fromEntries(skipped.map((s) => [s.url, s.reason]))).toEqual({
      'https://a.example/fifth.png': 'too-many',
      'https://a.example/big.png': 'too-large',
      'https://a.example/big-streamed.png': 'too-large',
    });
    expect(calls).toHaveLength(4);

    // Past the copy's total an image is not kept, and once the images fetched reach it none more is fetched.
    const overFetch = fakeFetch({
      'https://a.example/four-k.png': { body: sized(PNG, 4_000), type: 'image/png' },
      'https://a.example/four-k.png?again': { body: sized(PNG, 4_000), type: 'image/png' },
      'https://a.example/fifth.png': { body: PNG, type: 'image/png' },
    });
    const over = await collectImages(
      html.replace('five-k.jpg', 'four-k.png?again'),
      BASE,
      overFetch.fetcher,
      {
        ...limits,
        maxTotal: 6_000,
        maxImages: 30,
      },
    );
    expect(Object.keys(over.images)).toEqual(['https://a.example/four-k.png']);
    expect(over.skipped).toContainEqual({ url: 'https://a.example/four-k.png?again', reason: 'over-total' });
    expect(over.skipped).toContainEqual({ url: 'https://a.example/fifth.png', reason: 'over-total' });
    expect(overFetch.calls.map((c) => c.url)).not.toContain('https://a.example/fifth.png');
  });

  it('gives up on an image that does not come in time, and starts none after the budget', async () => {
    const { fetcher } = fakeFetch({
      'https://a.example/slow.png': { body: PNG, type: 'image/png', hang: true },
      'https://a.example/ok.png': { body: PNG, type: 'image/png' },
    });
    const html = '<img src="https://a.example/slow.png"><img src="https://a.example/ok.png">';
    const { images, skipped } = await collectImages(html, BASE, fetcher, { ...LIMITS, timeoutMs: 30 });
    expect(Object.keys(images)).toEqual(['https://a.example/ok.png']);
    expect(skipped).toEqual([{ url: 'https://a.example/slow.png', reason: 'timeout' }]);

    let time = 0;
    const late = await collectImages(html, BASE, fetcher, { ...LIMITS, budgetMs: 10, concurrency: 1 }, () => {
      time += 20;
      return time;
    });
    expect(late.images).toEqual({});
    expect(late.skipped.map((s) => s.reason)).toEqual(['out-of-time', 'out-of-time']);
  });
});

describe('the stored images are validated', () => {
  const good = { type: 'image/png', data: toBase64(PNG), bytes: PNG.length };
  it('refuses other types, data that is not base64 or not as long as said, and http addresses', () => {
    expect(StoredImagesSchema.safeParse({ 'https://a.example/1.png': good }).success).toBe(true);
    for (const bad of [
      { 'https://a.example/1.svg': { ...good, type: 'image/svg+xml' } },
      { 'https://a.example/1.png': { ...good, data: '<script>alert(1)</script>' } },
      { 'https://a.example/1.png': { ...good, bytes: PNG.length + 10 } },
      { 'http://a.example/1.png': good },
      { 'javascript:alert(1)': good },
    ]) {
      expect(StoredImagesSchema.safeParse(bad).success).toBe(false);
    }
    const many = Object.fromEntries(
      Array.from({ length: 31 }, (_, i) => [`https://a.example/${i}.png`, good]),
    );
    expect(StoredImagesSchema.safeParse(many).success).toBe(false);
  });
});

// --- The reader ---

const { window: purifyWindow } = parsePage(
  '<!doctype html><html><body></body></html>',
  'https://clipmark.test/',
);
const LABELS = {
  image: 'Image not loaded',
  media: 'Video not loaded',
  openFrom: (h: string) => `Open from ${h}`,
  original: (h: string) => `Original image: ${h}`,
};

function show(html: string, images: Record<string, unknown>): HTMLElement {
  const host = document.createElement('div');
  host.append(prepareClippingHtml(html, document, BASE, LABELS, purifyWindow as never, images as never));
  document.body.append(host);
  return host;
}

describe('the reader shows a stored image', () => {
  afterEach(() => document.body.replaceChildren());

  it('from its data: address with its alt text and a link to the original; others stay placeholders', () => {
    const stored = { type: 'image/png', data: toBase64(PNG), bytes: PNG.length };
    const host = show(
      [
        '<p>Trước ảnh.</p>',
        '<figure><img src="/anh/1.png" alt="Cánh đồng lúa"><figcaption>Chú thích</figcaption></figure>',
        '<img src="https://cdn.example/not-kept.jpg" alt="Không lưu">',
        '<a href="https://baochi.example/"><img src="/anh/1.png" alt="Trong liên kết"></a>',
        '<video src="/video.mp4"></video>',
      ].join(''),
      { 'https://baochi.example/anh/1.png': stored },
    );
    const [first, inLink] = [...host.querySelectorAll('img')];
    expect(first?.getAttribute('src')).toBe(`data:image/png;base64,${stored.data}`);
    expect(first?.getAttribute('alt')).toBe('Cánh đồng lúa');
    const original = first?.nextElementSibling;
    expect(original?.localName).toBe(PLACEHOLDER_TAG);
    expect(original?.querySelector('a')?.getAttribute('href')).toBe('https://baochi.example/anh/1.png');
    expect(original?.textContent).toBe('Original image: baochi.example');
    expect(original?.querySelector('a')?.getAttribute('rel')).toBe('noopener noreferrer');
    // Inside a link no link can go: the original's address is the title.
    expect(inLink?.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(inLink?.getAttribute('title')).toBe('https://baochi.example/anh/1.png');
    expect(host.querySelectorAll('img')).toHaveLength(2);
    const placeholders = [...host.querySelectorAll(`${PLACEHOLDER_TAG}[data-kind="image"]`)];
    expect(placeholders.map((p) => p.textContent)).toEqual([
      'Image not loadedKhông lưuOpen from cdn.example',
    ]);
    expect(host.querySelectorAll(`${PLACEHOLDER_TAG}[data-kind="media"]`)).toHaveLength(1);
    // Nothing remote: every src left is data:.
    for (const el of host.querySelectorAll('[src]')) expect(el.getAttribute('src')).toMatch(/^data:image\//);
  });

  it('not when what came in the message is not a stored raster image', () => {
    const host = show('<img src="/anh/1.png" alt="Một"><img src="/anh/2.png" alt="Hai">', {
      'https://baochi.example/anh/1.png': { type: 'text/html', data: toBase64(HTML), bytes: HTML.length },
      'https://baochi.example/anh/2.png': { type: 'image/png', data: '"><script>x</script>', bytes: 3 },
    });
    expect(host.querySelectorAll('img')).toHaveLength(0);
    expect(host.querySelectorAll(`${PLACEHOLDER_TAG}[data-kind="image"]`)).toHaveLength(2);
  });
});

// --- Saving a copy in the background ---

const FIXTURE = resolve(__dirname, '../fixtures/pages/baonamdinh-article');
const expected = JSON.parse(readFileSync(resolve(FIXTURE, 'expected.json'), 'utf8'));
const page = parsePage(readFileSync(resolve(FIXTURE, 'source.html'), 'utf8'), expected.url);
const base = JSON.parse(JSON.stringify(extractArticle(page.document, expected.url)));
const FIGURE = 'https://img.baonamdinh.example/2026/11/lua.png';
const article = {
  ...base,
  html: `${base.html}<figure><img src="${FIGURE}" alt="Lúa"></figure><img src="http://old.example/x.png">`,
};
afterAll(() => {
  page.window.happyDOM.close();
  purifyWindow.happyDOM.close();
});

function fakeTabs(): TabAccess {
  return {
    urlOf: vi.fn(async (tabId: number) => (tabId === 7 ? expected.url : undefined)),
    extract: vi.fn(async () => article),
    loadTools: vi.fn(async () => true),
    readPage: vi.fn(async (tabId: number) => (tabId === 7 ? { url: expected.url, text: base.text } : null)),
    contentScript: vi.fn(() => tabClient(async () => ({ ok: true, value: { closed: true } }))),
  };
}

describe('saving a copy', () => {
  let lib: ReturnType<typeof createTestLibrary> | undefined;
  afterEach(async () => {
    await lib?.close();
    lib = undefined;
  });

  it('from the popup keeps its https images on the clipping, which clipping.get returns', async () => {
    const { fetcher, calls } = fakeFetch({ [FIGURE]: { body: PNG, type: 'image/png' } });
    lib = createTestLibrary({ tabs: fakeTabs(), fetchImage: fetcher as ImageFetch });
    const saved = await lib.call('clipping.save', { tabId: 7 });
    const clipping = await lib.call('clipping.get', { url: saved.url });
    expect(clipping.images).toEqual({
      [FIGURE]: { type: 'image/png', data: toBase64(PNG), bytes: PNG.length },
    });
    expect(ClippingSchema.safeParse(clipping).success).toBe(true);
    expect(calls.map((c) => c.url)).toContain(FIGURE);
    expect(calls.some((c) => c.url.startsWith('http:'))).toBe(false);

    // The backup leaves the images out (docs/exports.md) and still reads back.
    const text = await exportBackup(lib.db);
    expect(text).not.toContain(toBase64(PNG));
    const file = JSON.parse(text);
    expect(file.clippings).toHaveLength(1);
    expect(file.clippings[0]).not.toHaveProperty('images');
    expect(file.clippings[0].article.html).toContain(FIGURE);
    await expect(parseBackup(text)).resolves.toBeTruthy();

    // A file that carries images (made by hand) is read, its images validated like the library's.
    const image = { type: 'image/png', data: toBase64(PNG), bytes: PNG.length };
    file.clippings[0].images = { [FIGURE]: image };
    const parsed = await parseBackup(JSON.stringify(file));
    expect(parsed.records.clippings?.[0]?.images).toEqual({ [FIGURE]: image });
    file.clippings[0].images = { [FIGURE]: { ...image, type: 'image/svg+xml' } };
    await expect(parseBackup(JSON.stringify(file))).rejects.toThrow(/damaged|invalid|images/i);
  });

  it('with the first highlight (auto-save) keeps them too; a copy whose images all fail is still saved', async () => {
    const { fetcher } = fakeFetch({ [FIGURE]: { body: HTML, type: 'image/png' } });
    lib = createTestLibrary({ tabs: fakeTabs(), fetchImage: fetcher as ImageFetch });
    await lib.call('highlight.create', fakeDraft({ url: expected.url }), contentSender(expected.url));
    await vi.waitFor(async () => expect(await lib?.db.clippings.count()).toBe(1));
    const [clipping] = await lib.db.clippings.toArray();
    expect(clipping?.article.html).toContain(FIGURE);
    expect(clipping).not.toHaveProperty('images');
    expect(fetcher).toHaveBeenCalledWith(FIGURE, expect.objectContaining({ credentials: 'omit' }));
  });

  it('fetches nothing when auto-save is off', async () => {
    const { fetcher } = fakeFetch({ [FIGURE]: { body: PNG, type: 'image/png' } });
    lib = createTestLibrary({ tabs: fakeTabs(), fetchImage: fetcher as ImageFetch });
    await lib.call('settings.set', { autoClip: false });
    await lib.call('highlight.create', fakeDraft({ url: expected.url }), contentSender(expected.url));
    await vi.waitFor(async () =>
      expect((await lib?.db.articles.toArray())?.[0]?.meta.wordCount).toBeGreaterThan(0),
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(fetcher).not.toHaveBeenCalled();
    expect(await lib.db.clippings.count()).toBe(0);
  });
});
