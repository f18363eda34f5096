/**
 * Issue #20, items 2, 3 and 8 in the background and the page tools: the address a result opens (the one the user
 * visited), the default colour a page's toolbar starts with, the highlight count on the toolbar icon, and moving
 * between a page's highlights with the keys.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPageBadge } from '@/entrypoints/background/badge';
import type { TabAccess } from '@/entrypoints/background/tab-access';
import { PageHighlights, type Send } from '@/entrypoints/page-tools/page-highlights';
import { createHighlighter } from '@/utils/highlighter';
import type { DrawnHighlightRecord } from '@/utils/messaging/background-map';
import { SHORTCUT_GROUPS } from '@/utils/shortcuts';
import { visitedAddress } from '@/utils/url';
import { ARTICLE_URL, contentSender, createTestLibrary, fakeDraft, popupSender } from '../support/factories';

const KEY = ARTICLE_URL.replace(/\/$/, '');
const VISITED = ARTICLE_URL.replace('https://', 'https://www.');

describe('visitedAddress', () => {
  it('keeps the address as visited, without the fragment, credentials and tracking parameters', () => {
    expect(visitedAddress('https://user:pw@www.example.vn/a/?b=2&utm_source=x&a=1#part')).toBe(
      'https://www.example.vn/a/?b=2&a=1',
    );
    expect(visitedAddress('https://www.example.vn/a/')).toBe('https://www.example.vn/a/');
    expect(visitedAddress('file:///etc/passwd')).toBeNull();
    expect(visitedAddress('not a url')).toBeNull();
  });
});

describe('the address a search result opens', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('is the one the page was visited at (www. and slash kept), not the key; the reader does not change it', async () => {
    const lib = createTestLibrary();
    close = lib.close;
    const visit = `${VISITED}?utm_source=zalo#comments`;
    await lib.call('highlight.create', fakeDraft({ url: visit }), contentSender(visit));
    const article = await lib.db.articles.get(KEY);
    expect(article?.visitedUrl).toBe(VISITED);
    const { hits } = await lib.call('library.search', { query: 'lò sấy' });
    expect(hits[0]?.article).toMatchObject({ url: KEY, openUrl: VISITED });
    // A highlight made in the reader (an extension page naming the key) is no visit.
    await lib.call(
      'highlight.create',
      fakeDraft({ url: KEY, quote: { type: 'TextQuoteSelector', exact: 'mới', prefix: '', suffix: '' } }),
    );
    expect((await lib.db.articles.get(KEY))?.visitedUrl).toBe(VISITED);
  });

  it('is the key for an article with no visit kept (older records, imports)', async () => {
    const lib = createTestLibrary();
    close = lib.close;
    await lib.call('highlight.create', fakeDraft({ url: KEY }));
    const { hits } = await lib.call('library.search', { query: 'lò sấy' });
    expect(hits[0]?.article.openUrl).toBe(KEY);
  });
});

describe('opening a passage from a list', () => {
  it('opens it in the tab asked for (or the sender’s, or a new one), then has that page scroll to it once drawn', async () => {
    const opened: [string, number | undefined][] = [];
    const scrolls: [number, string][] = [];
    const tabs = {
      urlOf: async () => undefined,
      extract: async () => null,
      readPage: async () => null,
      loadTools: async () => true,
      open: async (url: string, tabId: number | undefined) => {
        opened.push([url, tabId]);
        return tabId ?? 99;
      },
      contentScript: (tabId: number) => ({
        send: async (type: string, payload: { id: string }) => {
          if (type === 'page.scrollTo') scrolls.push([tabId, payload.id]);
          return { found: true };
        },
      }),
    } as unknown as TabAccess;
    const lib = createTestLibrary({ tabs });
    try {
      const made = await lib.call('highlight.create', fakeDraft(), contentSender(ARTICLE_URL, 7));
      const link = `${VISITED}#:~:text=l%C3%B2%20s%E1%BA%A5y`;
      expect(await lib.call('passage.open', { url: link, id: made.id, tabId: 7, newTab: false })).toEqual({
        tabId: 7,
      });
      expect(await lib.call('passage.open', { url: link, id: made.id, newTab: true })).toEqual({ tabId: 99 });
      // From the library in a tab: that tab.
      await lib.call(
        'passage.open',
        { url: link, id: made.id, newTab: false },
        { ...popupSender, url: `${popupSender.url?.replace('popup', 'library')}`, tab: { id: 5 } },
      );
      expect(opened).toEqual([
        [link, 7],
        [link, undefined],
        [link, 5],
      ]);
      // Another page listing first (a redirect) does not take it; the page holding the highlight does.
      await lib.call(
        'highlight.listForPage',
        { url: 'https://baonamdinh.vn/other' },
        contentSender('https://baonamdinh.vn/other', 7),
      );
      await new Promise((r) => setTimeout(r, 5));
      expect(scrolls).toEqual([]);
      await lib.call('highlight.listForPage', { url: VISITED }, contentSender(VISITED, 7));
      await expect.poll(() => scrolls).toEqual([[7, made.id]]);
      // Once: a later load of the page (a reload) does not scroll again.
      await lib.call('highlight.listForPage', { url: VISITED }, contentSender(VISITED, 7));
      await new Promise((r) => setTimeout(r, 5));
      expect(scrolls).toHaveLength(1);
      // A content script cannot open anything.
      await expect(
        lib.call('passage.open', { url: link, id: made.id, newTab: true }, contentSender()),
      ).rejects.toThrow(/forbidden/);
    } finally {
      await lib.close();
    }
  });
});

describe('the default colour', () => {
  it('is yellow until set, then given to a page (only the colour)', async () => {
    const lib = createTestLibrary();
    try {
      expect(await lib.call('settings.forPage', {}, contentSender())).toEqual({ defaultColor: 'yellow' });
      await lib.call('settings.set', { defaultColor: 'green' });
      expect(await lib.call('settings.forPage', {}, contentSender())).toEqual({ defaultColor: 'green' });
      expect(await lib.call('settings.get', {})).toEqual({
        autoClip: true,
        citationStyle: 'apa',
        defaultColor: 'green',
      });
      // A page cannot set it, nor read the other settings.
      await expect(lib.call('settings.set', { defaultColor: 'pink' }, contentSender())).rejects.toThrow(
        /forbidden/,
      );
      await expect(lib.call('settings.set', { defaultColor: 'red' })).rejects.toThrow(/invalid/);
    } finally {
      await lib.close();
    }
  });
});

describe('the highlight count on the toolbar icon', () => {
  it('is set when the page lists its highlights, counted again after a highlight and after library writes', async () => {
    const shown: [number, number][] = [];
    const timers: (() => void)[] = [];
    const badge = createPageBadge(
      (tabId, count) => shown.push([tabId, count]),
      (run) => timers.push(run),
    );
    const lib = createTestLibrary({ badge });
    try {
      await lib.call('highlight.listForPage', { url: ARTICLE_URL }, contentSender());
      expect(shown.at(-1)).toEqual([7, 0]);
      const made = await lib.call('highlight.create', fakeDraft(), contentSender());
      await expect.poll(() => shown.at(-1)).toEqual([7, 1]);
      // The popup lists the page too: that is not the tab's page asking, and sets nothing.
      const before = shown.length;
      await lib.call('highlight.listForPage', { url: ARTICLE_URL });
      expect(shown.length).toBe(before);
      // A delete in the library page: counted again a moment after the write.
      await lib.call('highlight.bulkDelete', { ids: [made.id] });
      badge.libraryChanged();
      expect(timers.length).toBeGreaterThan(0);
      for (const run of timers.splice(0)) run();
      await expect.poll(() => shown.at(-1)).toEqual([7, 0]);
      // Another #fragment of the same article keeps it; another page clears it.
      await lib.call('highlight.restore', { id: made.id });
      await lib.call('highlight.listForPage', { url: ARTICLE_URL }, contentSender());
      expect(shown.at(-1)).toEqual([7, 1]);
      badge.navigated(7, `${ARTICLE_URL}#comments`);
      expect(shown.at(-1)).toEqual([7, 1]);
      badge.navigated(7, 'https://baonamdinh.vn/other');
      expect(shown.at(-1)).toEqual([7, 0]);
      // A tab no page of which listed anything is left alone.
      badge.navigated(8, 'https://baonamdinh.vn/');
      expect(shown.at(-1)).toEqual([8, 0]);
      badge.navigated(9, null);
      expect(shown.some(([tab]) => tab === 9)).toBe(false);
    } finally {
      await lib.close();
    }
  });
});

describe('moving between a page’s highlights', () => {
  const TEXT = ['Một câu đầu tiên.', 'Câu thứ hai ở giữa.', 'Câu cuối cùng của bài.'];
  function pageWithThree() {
    document.body.innerHTML = TEXT.map((t) => `<p>${t}</p>`).join('');
    const send = ((type: string) =>
      Promise.resolve(type === 'settings.forPage' ? { defaultColor: 'blue' } : [])) as unknown as Send;
    const timers: (() => void)[] = [];
    const page = new PageHighlights(
      document,
      createHighlighter(document),
      send,
      (run) => run(),
      (run) => timers.push(run),
    );
    const paragraphs = [...document.querySelectorAll('p')];
    // Drawn as a page load does, in an order other than reading order.
    const records = [2, 0, 1].map((i) => {
      const range = document.createRange();
      range.selectNodeContents(paragraphs[i] as Element);
      const id = `id-${i}`;
      return { id, range };
    });
    for (const { id, range } of records) {
      (page as unknown as { anchored: Map<string, DrawnHighlightRecord> }).anchored.set(id, {
        id,
      } as DrawnHighlightRecord);
      (page as unknown as { highlighter: ReturnType<typeof createHighlighter> }).highlighter.draw(
        id,
        range,
        'yellow',
      );
    }
    return { page, timers };
  }
  const marked = () =>
    [...document.querySelectorAll('mark[data-clipmark-at]')].map((m) => m.textContent).join('');

  it('goes in reading order, wraps round, marks only the one it is at, and leaves it', () => {
    const { page } = pageWithThree();
    expect(page.step(1)).toBe('id-0');
    expect(marked()).toBe(TEXT[0]);
    expect(page.step(1)).toBe('id-1');
    expect(page.step(1)).toBe('id-2');
    expect(marked()).toBe(TEXT[2]);
    expect(page.step(1)).toBe('id-0');
    expect(page.step(-1)).toBe('id-2');
    expect(page.current).toBe('id-2');
    page.leave();
    expect(page.current).toBeNull();
    expect(marked()).toBe('');
  });

  it('flashes a highlight shown from a list for a moment', () => {
    const { page, timers } = pageWithThree();
    expect(page.scrollTo('id-1', 'instant', true)).toBe(true);
    expect(marked()).toBe(TEXT[1]);
    for (const run of timers.splice(0)) run();
    expect(marked()).toBe('');
    expect(page.scrollTo('nope', 'instant', true)).toBe(false);
  });

  it('starts with the user’s default colour, unless a colour was already used on the page', async () => {
    const { page } = pageWithThree();
    expect(await page.preferredColor()).toBe('blue');
    expect(page.lastColor).toBe('blue');
  });
});

describe('the shortcut list', () => {
  it('names each key once per group, with Alt+J / Alt+K for moving', () => {
    for (const group of SHORTCUT_GROUPS) {
      const keys = group.keys.map((k) => k.keys);
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(SHORTCUT_GROUPS.find((g) => g.scope === 'page')?.keys.map((k) => k.keys)).toEqual([
      'Alt+J',
      'Alt+K',
      'Enter',
      'Esc',
    ]);
  });
});
