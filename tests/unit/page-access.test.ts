/**
 * Same-host pages do not reach each other's records (issue #15, finding 2). A content script reads and writes
 * only the records of the page it is on; a canonical address it names is a hint, used only on the same origin
 * and when the page's own text — read by the background in the tab, not told by the content script — matches
 * what is kept there; reading an article in a tab never overwrites another address's title, byline or saved
 * copy; and a content script gets what drawing needs, never notes or tags.
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabAccess } from '@/entrypoints/background/tab-access';
import type { HighlightRecord } from '@/utils/messaging/background-map';
import { tabClient } from '@/utils/messaging/sender';
import type { ExtractedArticle } from '@/utils/schema';
import {
  ARTICLE_URL,
  contentSender,
  createTestLibrary,
  envelope,
  fakeDraft,
  fakeExtraction,
  popupSender,
} from '../support/factories';

/** The article whose records the other pages try to reach. */
const VICTIM = ARTICLE_URL;
const VICTIM_KEY = ARTICLE_URL.replace(/\/$/, '');
/** Its text as a page shows it: the quote of `fakeDraft`, "lò sấy lúa", and another sentence. */
const VICTIM_TEXT =
  'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động. Mỗi mẻ sấy được 30 tấn, giá 150 nghìn đồng một tấn.';
const SECRET = { note: 'Ghi chú riêng: gọi lại cho chủ nhiệm HTX', tags: ['riêng tư'] };

/** Another page on the same host, under a path anyone can publish at. */
const ATTACKER = 'https://baonamdinh.vn/user-content/attacker';
/** The same article's print page, on the same origin, naming the article as canonical. */
const PRINT = 'https://baonamdinh.vn/print/2561234';

interface FakeTab {
  /** The address the tab shows (`tabs.get`) and the page's `location.href` when the background reads it. */
  url: string;
  /** The page's text as the background reads it in the tab. */
  text: string;
  /** What the extractor returns in this tab. */
  article?: ExtractedArticle | null;
  /** The address the page reports when read, when it moved on since the message. */
  readUrl?: string;
}

/** Tabs showing pages; tab ids are the keys. */
function tabsShowing(tabs: Record<number, FakeTab>) {
  return {
    urlOf: vi.fn(async (tabId: number) => tabs[tabId]?.url),
    extract: vi.fn(async (tabId: number) => {
      const tab = tabs[tabId];
      if (!tab) throw new Error('No tab with id');
      return tab.article === undefined ? fakeExtraction(tab.url, { text: tab.text }) : tab.article;
    }),
    loadTools: vi.fn(async () => true),
    readPage: vi.fn(async (tabId: number) => {
      const tab = tabs[tabId];
      if (!tab) throw new Error('No tab with id');
      return { url: tab.readUrl ?? tab.url, text: tab.text };
    }),
    contentScript: vi.fn(() => tabClient(async () => ({ ok: true, value: { closed: true } }))),
  } satisfies TabAccess;
}

let lib: ReturnType<typeof createTestLibrary> | undefined;
afterEach(async () => {
  await lib?.close();
  lib = undefined;
});

/** A library with the victim's highlight (note and tags), title, byline and saved copy, made on its own page. */
async function libraryWithVictim(tabs: Record<number, FakeTab>) {
  const fake = tabsShowing({ 1: { url: VICTIM, text: VICTIM_TEXT }, ...tabs });
  lib = createTestLibrary({ tabs: fake });
  const victim = await lib.call(
    'highlight.create',
    fakeDraft({ url: VICTIM, ...SECRET }),
    contentSender(VICTIM, 1),
  );
  await vi.waitFor(async () => expect(await lib?.db.clippings.get(VICTIM_KEY)).toBeTruthy());
  const article = await lib.db.articles.get(VICTIM_KEY);
  const clipping = await lib.db.clippings.get(VICTIM_KEY);
  expect(article?.meta.byline).toBe('Thanh Bình');
  return { lib, tabs: fake, victim, article, clipping };
}

/** A message's result from a sender, as a value or the error code. */
async function attempt(type: string, payload: unknown, sender = popupSender) {
  const result = await (lib as NonNullable<typeof lib>).route(envelope(type, payload), sender);
  return result.ok ? result.value : result.error.code;
}

const ids = (list: unknown) => (Array.isArray(list) ? list.map((h: { id: string }) => h.id) : list);

/** The victim's records are as they were: the highlight, the title, the byline, the saved copy. */
async function victimUntouched(before: Awaited<ReturnType<typeof libraryWithVictim>>) {
  const db = (lib as NonNullable<typeof lib>).db;
  expect(await db.highlights.where('url').equals(VICTIM_KEY).primaryKeys()).toEqual([before.victim.id]);
  expect(await db.highlights.get(before.victim.id)).toMatchObject({ ...SECRET });
  expect(await db.articles.get(VICTIM_KEY)).toEqual(before.article);
  expect(await db.clippings.get(VICTIM_KEY)).toEqual(before.clipping);
}

describe('(a) a content script reads and writes only the records of its own page', () => {
  it.each([
    ['http: on the same host', 'http://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234/'],
    ['another port', 'https://baonamdinh.vn:8443/channel/5085/202611/hop-tac-xa-dong-tien-2561234/'],
    ['the m. host', 'https://m.baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234/'],
    ['the amp. host', 'https://amp.baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234/'],
  ])('the same path on %s is another page', async (_, other) => {
    const before = await libraryWithVictim({ 9: { url: other, text: VICTIM_TEXT } });
    const page = contentSender(other, 9);
    expect(await attempt('highlight.listForPage', { url: other }, page)).toEqual([]);
    expect(await attempt('highlight.listForPage', { url: VICTIM }, page)).toBe('forbidden');
    expect(
      await attempt(
        'highlight.setRawPositions',
        { url: other, positions: [{ id: before.victim.id, rawPosition: { start: 1, end: 2 } }] },
        page,
      ),
    ).toBe('forbidden');
    expect(await attempt('highlight.delete', { id: before.victim.id }, page)).toBe('forbidden');
    expect(await attempt('highlight.update', { id: before.victim.id, changes: { note: 'x' } }, page)).toBe(
      'forbidden',
    );
    const made = (await attempt('highlight.create', fakeDraft({ url: other, pageTitle: 'Giả' }), page)) as {
      url: string;
    };
    expect(made.url).not.toBe(VICTIM_KEY);
    await vi.waitFor(() => expect(before.tabs.extract).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 20));
    await victimUntouched(before);
  });

  it('is the same page by its www., trailing-slash, fragment and tracking-parameter variants', async () => {
    const before = await libraryWithVictim({});
    for (const variant of [
      'https://www.baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234/',
      'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234',
      'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234/?utm_source=zalo#binh-luan',
    ]) {
      expect(
        ids(await attempt('highlight.listForPage', { url: variant }, contentSender(variant, 9))),
      ).toEqual([before.victim.id]);
    }
  });
});

describe('(b) a canonical address is a hint that needs evidence', () => {
  it('gives a page of the same host that names the article as canonical none of its records', async () => {
    const before = await libraryWithVictim({
      9: { url: ATTACKER, text: 'Trang của người khác, chữ khác hẳn.' },
    });
    const page = contentSender(ATTACKER, 9);
    expect(await attempt('highlight.listForPage', { url: ATTACKER, canonical: VICTIM }, page)).toEqual([]);
    expect(
      await attempt(
        'highlight.setRawPositions',
        {
          url: ATTACKER,
          canonical: VICTIM,
          positions: [{ id: before.victim.id, rawPosition: { start: 1, end: 2 } }],
        },
        page,
      ),
    ).toBe('forbidden');
    // Highlighting there keeps the highlight under the page's own address.
    const made = (await attempt(
      'highlight.create',
      fakeDraft({ url: ATTACKER, canonical: VICTIM, pageTitle: 'Tiêu đề giả' }),
      page,
    )) as { url: string };
    expect(made.url).toBe(ATTACKER);
    await vi.waitFor(() => expect(before.tabs.extract).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 20));
    await victimUntouched(before);
  });

  it('shares the records with a print page of the same origin whose text has every quote, read in the tab', async () => {
    const before = await libraryWithVictim({ 9: { url: PRINT, text: `In bài\n${VICTIM_TEXT}` } });
    const page = contentSender(PRINT, 9);
    expect(ids(await attempt('highlight.listForPage', { url: PRINT, canonical: VICTIM }, page))).toEqual([
      before.victim.id,
    ]);
    expect(before.tabs.readPage).toHaveBeenCalledWith(9);
    const made = (await attempt(
      'highlight.create',
      fakeDraft({
        url: PRINT,
        canonical: VICTIM,
        quote: { type: 'TextQuoteSelector', exact: '30 tấn', prefix: '', suffix: '' },
      }),
      page,
    )) as { url: string };
    expect(made.url).toBe(VICTIM_KEY);
  });

  it('wants every quote kept there, not some', async () => {
    const before = await libraryWithVictim({ 9: { url: PRINT, text: VICTIM_TEXT } });
    const other = await (lib as NonNullable<typeof lib>).call(
      'highlight.create',
      fakeDraft({
        url: VICTIM,
        quote: { type: 'TextQuoteSelector', exact: 'một câu không có trên trang in', prefix: '', suffix: '' },
      }),
    );
    const page = contentSender(PRINT, 9);
    expect(await attempt('highlight.listForPage', { url: PRINT, canonical: VICTIM }, page)).toEqual([]);
    await (lib as NonNullable<typeof lib>).call('highlight.delete', { id: other.id });
    expect(ids(await attempt('highlight.listForPage', { url: PRINT, canonical: VICTIM }, page))).toEqual([
      before.victim.id,
    ]);
  });

  it('reads the evidence itself: not when the tab shows another page now, not without a tab to read', async () => {
    await libraryWithVictim({ 9: { url: PRINT, text: VICTIM_TEXT, readUrl: ATTACKER } });
    expect(
      await attempt('highlight.listForPage', { url: PRINT, canonical: VICTIM }, contentSender(PRINT, 9)),
    ).toEqual([]);
    // A tab the background cannot read (closed, or a page extensions may not script).
    expect(
      await attempt('highlight.listForPage', { url: PRINT, canonical: VICTIM }, contentSender(PRINT, 12)),
    ).toEqual([]);
  });

  it.each([
    ['http:', 'http://baonamdinh.vn/print/2561234'],
    ['another port', 'https://baonamdinh.vn:8443/print/2561234'],
    ['the m. host', 'https://m.baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234'],
    ['the amp. host', 'https://amp.baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234'],
  ])('never takes a canonical address on another origin (%s), whatever the text', async (_, other) => {
    const before = await libraryWithVictim({ 9: { url: other, text: VICTIM_TEXT } });
    const page = contentSender(other, 9);
    expect(await attempt('highlight.listForPage', { url: other, canonical: VICTIM }, page)).toEqual([]);
    const made = (await attempt('highlight.create', fakeDraft({ url: other, canonical: VICTIM }), page)) as {
      url: string;
    };
    expect(made.url).not.toBe(VICTIM_KEY);
    await vi.waitFor(() => expect(before.tabs.extract).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 20));
    await victimUntouched(before);
  });

  it('lets a print page start the records of an article the library has nothing of yet', async () => {
    lib = createTestLibrary({ tabs: tabsShowing({ 9: { url: PRINT, text: VICTIM_TEXT } }) });
    const made = await lib.call(
      'highlight.create',
      fakeDraft({ url: PRINT, canonical: VICTIM }),
      contentSender(PRINT, 9),
    );
    expect(made.url).toBe(VICTIM_KEY);
    // The article's own page finds it.
    expect(ids(await attempt('highlight.listForPage', { url: VICTIM }, contentSender(VICTIM, 1)))).toEqual([
      made.id,
    ]);
  });

  it('takes a saved copy as evidence when no highlight is kept there', async () => {
    lib = createTestLibrary({
      tabs: tabsShowing({
        1: { url: VICTIM, text: VICTIM_TEXT },
        9: { url: PRINT, text: `Bản in\n\n${VICTIM_TEXT.replace(/ /g, '\n  ')}` },
        10: { url: ATTACKER, text: 'Hợp tác xã Đồng Tiến. Một bài khác hẳn về chuyện khác.' },
      }),
    });
    await lib.call('clipping.save', { tabId: 1 });
    const print = await lib.call(
      'highlight.create',
      fakeDraft({ url: PRINT, canonical: VICTIM }),
      contentSender(PRINT, 9),
    );
    expect(print.url).toBe(VICTIM_KEY);
    await lib.call('highlight.delete', { id: print.id });
    const other = await lib.call(
      'highlight.create',
      fakeDraft({ url: ATTACKER, canonical: VICTIM }),
      contentSender(ATTACKER, 10),
    );
    expect(other.url).toBe(ATTACKER);
  });
});

describe('(c) reading an article in a tab writes only that page’s records', () => {
  const forged = (url: string): ExtractedArticle =>
    fakeExtraction(url, {
      canonicalUrl: VICTIM,
      title: 'Tiêu đề giả',
      byline: 'Kẻ giả mạo',
      text: 'Trang của người khác.',
      html: '<p>Trang của người khác.</p>',
    });

  it('article.extract and clipping.save on a page naming another article do not touch that article', async () => {
    const before = await libraryWithVictim({
      9: { url: ATTACKER, text: 'Trang của người khác.', article: forged(ATTACKER) },
    });
    const info = await (lib as NonNullable<typeof lib>).call('article.extract', { tabId: 9 });
    expect(info.clipping).toBeNull();
    const saved = await (lib as NonNullable<typeof lib>).call('clipping.save', { tabId: 9 });
    expect(saved.url).toBe(ATTACKER);
    await victimUntouched(before);
  });

  it('after a highlight there, the article read in that tab goes to the page’s own record', async () => {
    const before = await libraryWithVictim({
      9: { url: ATTACKER, text: 'Trang của người khác.', article: forged(ATTACKER) },
    });
    await (lib as NonNullable<typeof lib>).call(
      'highlight.create',
      fakeDraft({ url: ATTACKER, canonical: VICTIM }),
      contentSender(ATTACKER, 9),
    );
    await vi.waitFor(async () => expect(await lib?.db.clippings.get(ATTACKER)).toBeTruthy());
    await victimUntouched(before);
  });

  it('a print page with the article’s text still reads and saves the article', async () => {
    const print = fakeExtraction(PRINT, { canonicalUrl: VICTIM, text: VICTIM_TEXT, title: 'Bản in' });
    const before = await libraryWithVictim({ 9: { url: PRINT, text: VICTIM_TEXT, article: print } });
    const info = await (lib as NonNullable<typeof lib>).call('article.extract', { tabId: 9 });
    expect(info.clipping).toEqual({ savedAt: before.clipping?.savedAt, differs: false });
    expect((await lib?.db.articles.get(VICTIM_KEY))?.title).toBe('Bản in');
    expect(await (lib as NonNullable<typeof lib>).call('clipping.save', { tabId: 9 })).toMatchObject({
      url: VICTIM_KEY,
    });
  });
});

describe('(d) a content script gets what drawing needs, never notes or tags', () => {
  const DRAWN = ['color', 'id', 'position', 'quote', 'rawPosition', 'url'];
  const fields = (record: unknown) => Object.keys(record as object).filter((k) => !DRAWN.includes(k));

  it('from every message that answers highlights, while extension pages get them whole', async () => {
    const before = await libraryWithVictim({});
    const page = contentSender(VICTIM, 1);
    const listed = (await attempt('highlight.listForPage', { url: VICTIM }, page)) as HighlightRecord[];
    expect(listed.map(fields)).toEqual([[]]);
    expect(listed[0]).toMatchObject({
      id: before.victim.id,
      color: 'yellow',
      quote: { exact: 'lò sấy lúa' },
    });
    const made = await attempt('highlight.create', fakeDraft({ url: VICTIM, ...SECRET }), page);
    expect(fields(made)).toEqual([]);
    expect(fields(await attempt('highlight.get', { id: before.victim.id }, page))).toEqual([]);
    expect(
      fields(await attempt('highlight.update', { id: before.victim.id, changes: { color: 'blue' } }, page)),
    ).toEqual([]);
    await attempt('highlight.delete', { id: before.victim.id }, page);
    expect(fields(await attempt('highlight.restore', { id: before.victim.id }, page))).toEqual([]);

    const whole = (await attempt('highlight.listForPage', { url: VICTIM })) as HighlightRecord[];
    expect(whole.find((h) => h.id === before.victim.id)).toMatchObject({ ...SECRET, color: 'blue' });
    expect(await attempt('highlight.get', { id: before.victim.id })).toMatchObject(SECRET);
  });
});
