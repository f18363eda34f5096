/**
 * Reading articles in tabs: the background injects the extractor, validates what comes back, answers the
 * popup, and keeps the metadata on the page's record once the user highlighted there.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { TabAccess } from '@/entrypoints/background/tab-access';
import { extractArticle } from '@/utils/article/extract';
import { tabClient } from '@/utils/messaging/sender';
import { contentSender, createTestLibrary, envelope, fakeDraft, popupSender } from '../support/factories';
import { parsePage } from '../support/page-window';

const FIXTURE = resolve(__dirname, '../fixtures/pages/baonamdinh-article');
const expected = JSON.parse(readFileSync(resolve(FIXTURE, 'expected.json'), 'utf8'));
const page = parsePage(readFileSync(resolve(FIXTURE, 'source.html'), 'utf8'), expected.url);
const extracted = JSON.parse(JSON.stringify(extractArticle(page.document, expected.url)));
afterAll(() => page.window.happyDOM.close());

/** One tab showing the fixture article; `extract` answers what the injected script would. */
function fakeTabs(answer: () => unknown = () => extracted, url = expected.url) {
  return {
    urlOf: vi.fn(async (tabId: number) => (tabId === 7 ? url : undefined)),
    extract: vi.fn(async () => answer()),
    loadTools: vi.fn(async () => true),
    readPage: vi.fn(async (tabId: number) => (tabId === 7 ? { url, text: extracted.text } : null)),
    contentScript: vi.fn(() => tabClient(async () => ({ ok: true, value: { closed: true } }))),
  } satisfies TabAccess;
}

let lib: ReturnType<typeof createTestLibrary> | undefined;
afterEach(async () => {
  await lib?.close();
  lib = undefined;
});

describe('article.extract', () => {
  it('answers the popup with the article’s metadata, read in the tab', async () => {
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    const info = await lib.call('article.extract', { tabId: 7 });
    expect(info.url).toBe(expected.url);
    expect(info.article).toMatchObject({
      title: expected.title,
      byline: expected.byline,
      siteName: expected.siteName,
      publishedAt: expected.published,
      lang: 'vi',
    });
    expect(info.article?.wordCount).toBeGreaterThan(100);
    // The body stays out of the answer: the popup needs the facts only.
    expect(info.article).not.toHaveProperty('html');
    expect(info.article).not.toHaveProperty('text');
  });

  it('stores nothing for a page the user never highlighted on', async () => {
    lib = createTestLibrary({ tabs: fakeTabs() });
    await lib.call('article.extract', { tabId: 7 });
    expect(await lib.db.articles.count()).toBe(0);
  });

  it('keeps the metadata on the record of a page with highlights, headline replacing the tab title', async () => {
    const tabs = fakeTabs(() => null);
    lib = createTestLibrary({ tabs });
    const sender = contentSender(expected.url);
    await lib.call(
      'highlight.create',
      fakeDraft({ url: expected.url, pageTitle: 'Tab title - BND' }),
      sender,
    );
    await vi.waitFor(() => expect(tabs.extract).toHaveBeenCalled());
    expect((await lib.db.articles.toArray())[0]?.title).toBe('Tab title - BND');
    tabs.extract.mockImplementation(async () => extracted);
    await lib.call('article.extract', { tabId: 7 });
    const record = await lib.db.articles.toArray();
    expect(record).toHaveLength(1);
    expect(record[0]).toMatchObject({
      title: expected.title,
      meta: { byline: expected.byline, publishedAt: expected.published, siteName: expected.siteName },
    });
  });

  it('says what went wrong: no such tab, a page that cannot be scripted, an answer of the wrong shape', async () => {
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    await expect(lib.call('article.extract', { tabId: 8 })).rejects.toThrow(/not-found/);
    tabs.extract.mockRejectedValue(new Error('Cannot access contents of the page'));
    await expect(lib.call('article.extract', { tabId: 7 })).rejects.toThrow(
      /forbidden: this page cannot be read/,
    );
    tabs.extract.mockImplementation(async () => ({ title: '<script>', html: 42 }));
    await expect(lib.call('article.extract', { tabId: 7 })).rejects.toThrow(/internal/);
  });

  it('answers a page that has no article body with null', async () => {
    lib = createTestLibrary({ tabs: fakeTabs(() => null) });
    expect(await lib.call('article.extract', { tabId: 7 })).toEqual({
      url: expected.url,
      article: null,
      clipping: null,
    });
  });

  it('is for Clipmark’s pages only: a web page cannot make the background read another tab', async () => {
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    const result = await lib.route(envelope('article.extract', { tabId: 7 }), contentSender(expected.url, 9));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tabs.extract).not.toHaveBeenCalled();
    const bad = await lib.route(envelope('article.extract', { tabId: -1 }), popupSender);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('the first highlight on a page', () => {
  it('reads the article in the highlighting tab once, after acknowledging the highlight', async () => {
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    const sender = contentSender(expected.url);
    await lib.call('highlight.create', fakeDraft({ url: expected.url, pageTitle: 'Tab title' }), sender);
    await vi.waitFor(async () => {
      expect((await lib?.db.articles.toArray())?.[0]?.meta.wordCount).toBeGreaterThan(100);
    });
    expect((await lib.db.articles.toArray())[0]?.title).toBe(expected.title);
    await lib.call(
      'highlight.create',
      fakeDraft({
        url: expected.url,
        quote: { type: 'TextQuoteSelector', exact: 'lúa', prefix: '', suffix: '' },
      }),
      sender,
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(tabs.extract).toHaveBeenCalledOnce();
  });

  it('keeps the highlight when the article cannot be read', async () => {
    const tabs = fakeTabs();
    tabs.extract.mockRejectedValue(new Error('Frame was removed'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    lib = createTestLibrary({ tabs });
    const saved = await lib.call(
      'highlight.create',
      fakeDraft({ url: expected.url }),
      contentSender(expected.url),
    );
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(await lib.db.highlights.get(saved.id)).toBeTruthy();
    warn.mockRestore();
  });

  it('does not read what another page claims: a tab that moved on is not written to the old record', async () => {
    const other = 'https://baonamdinh.vn/channel/5085/202611/bai-khac-2561299/';
    const moved = { ...extracted, url: other, canonicalUrl: other };
    const tabs = fakeTabs(() => moved);
    lib = createTestLibrary({ tabs });
    await lib.call(
      'highlight.create',
      fakeDraft({ url: expected.url, pageTitle: 'Tab title' }),
      contentSender(expected.url),
    );
    await vi.waitFor(() => expect(tabs.extract).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect((await lib.db.articles.toArray())[0]).toMatchObject({ title: 'Tab title', meta: {} });
  });
});

describe('clippings', () => {
  it('are saved with the first highlight on an article, whole: metadata, HTML and text', async () => {
    lib = createTestLibrary({ tabs: fakeTabs() });
    await lib.call('highlight.create', fakeDraft({ url: expected.url }), contentSender(expected.url));
    await vi.waitFor(async () => expect(await lib?.db.clippings.count()).toBe(1));
    const clipping = await lib.call('clipping.get', { url: `${expected.url}?utm_source=zalo` });
    expect(clipping.url).toBe(expected.url.replace(/\/$/, ''));
    expect(clipping.article.title).toBe(expected.title);
    expect(clipping.article.text).toContain(expected.bodyMustContain[0]);
    expect(clipping.article.html).toContain('<p');
    expect(clipping.article.html).not.toMatch(/<script/i);
  });

  it('are not saved automatically when the user turned that off', async () => {
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    expect(await lib.call('settings.get', {})).toEqual({ autoClip: true, citationStyle: 'apa' });
    expect(await lib.call('settings.set', { autoClip: false })).toEqual({
      autoClip: false,
      citationStyle: 'apa',
    });
    await lib.call('highlight.create', fakeDraft({ url: expected.url }), contentSender(expected.url));
    await vi.waitFor(async () =>
      expect((await lib?.db.articles.toArray())?.[0]?.meta.wordCount).toBeGreaterThan(0),
    );
    expect(await lib.db.clippings.count()).toBe(0);
  });

  it('are saved from the popup, creating the article record, and replaced when saved again', async () => {
    let now = 1000;
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    const first = await lib.call('clipping.save', { tabId: 7 });
    expect(first).toMatchObject({ url: expected.url.replace(/\/$/, ''), title: expected.title });
    expect(await lib.db.articles.get(first.url)).toMatchObject({
      title: expected.title,
      meta: { byline: expected.byline },
    });
    now = first.savedAt;
    const second = await lib.call('clipping.save', { tabId: 7 });
    expect(second.savedAt).toBeGreaterThan(now);
    expect(await lib.db.clippings.count()).toBe(1);
    await lib.call('clipping.delete', { url: first.url });
    expect(await lib.db.clippings.count()).toBe(0);
    await expect(lib.call('clipping.get', { url: first.url })).rejects.toThrow(/not-found/);
  });

  it('tell the popup whether the page’s text differs from the saved copy', async () => {
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    const saved = await lib.call('clipping.save', { tabId: 7 });
    // Same text, re-read (spacing or Unicode form may differ): not edited.
    const nfd = { ...extracted, text: extracted.text.normalize('NFD').replace(/ /g, '  ') };
    tabs.extract.mockImplementation(async () => nfd);
    expect((await lib.call('article.extract', { tabId: 7 })).clipping).toEqual({
      savedAt: saved.savedAt,
      differs: false,
    });
    const edited = { ...extracted, text: extracted.text.replace('30 tấn', '35 tấn') };
    tabs.extract.mockImplementation(async () => edited);
    expect((await lib.call('article.extract', { tabId: 7 })).clipping).toEqual({
      savedAt: saved.savedAt,
      differs: true,
    });
  });

  it('say when a page has no article to save, and are for Clipmark’s pages only', async () => {
    lib = createTestLibrary({ tabs: fakeTabs(() => null) });
    await expect(lib.call('clipping.save', { tabId: 7 })).rejects.toThrow(/not-found: no article text/);
    const fromPage = await lib.route(
      envelope('clipping.get', { url: expected.url }),
      contentSender(expected.url),
    );
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const setting = await lib.route(envelope('settings.set', { autoClip: 'yes' }), popupSender);
    expect(setting).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('reading an article again', () => {
  it('writes nothing when nothing changed', async () => {
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    await lib.call('highlight.create', fakeDraft({ url: expected.url }), contentSender(expected.url));
    // The first highlight's follow-up work (the article read, its copy kept) is done before the baseline.
    await vi.waitFor(async () => {
      expect((await lib?.db.articles.toArray())?.[0]?.meta.wordCount).toBeGreaterThan(0);
      expect(await lib?.db.clippings.count()).toBe(1);
    });
    const before = (await lib.db.articles.toArray())[0];
    await lib.call('article.extract', { tabId: 7 });
    await lib.call('article.extract', { tabId: 7 });
    expect((await lib.db.articles.toArray())[0]).toEqual(before);
  });
});
