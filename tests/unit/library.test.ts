/**
 * The background's message handling end to end in Node: router (sender check, validation) + library
 * (Dexie over fake-indexeddb).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageSenderLike } from '@/utils/messaging/router';
import { tabClient } from '@/utils/messaging/sender';
import {
  ARTICLE_URL,
  contentSender,
  createTestLibrary,
  envelope,
  fakeDraft,
  popupSender,
  SELF,
} from '../support/factories';

let lib: ReturnType<typeof createTestLibrary>;
let db: ReturnType<typeof createTestLibrary>['db'];
let route: ReturnType<typeof createTestLibrary>['route'];

beforeEach(() => {
  lib = createTestLibrary();
  db = lib.db;
  route = lib.route;
});
afterEach(async () => {
  await lib.close();
});

async function create(overrides = {}, sender = contentSender()) {
  const result = await route(envelope('highlight.create', fakeDraft(overrides)), sender);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { id: string; url: string };
}

describe('highlight.create', () => {
  it('stores the highlight under the normalised URL and records the article, then acknowledges', async () => {
    const saved = await create({ url: `${ARTICLE_URL}?utm_source=zalo#top` });
    expect(saved.url).toBe(ARTICLE_URL.replace(/\/$/, ''));
    expect(await db.highlights.get(saved.id)).toMatchObject({
      quote: { exact: 'lò sấy lúa' },
      tags: ['nông nghiệp'],
      color: 'yellow',
      note: '',
    });
    expect(await db.articles.get(saved.url)).toMatchObject({ title: fakeDraft().pageTitle });
  });

  it('keeps the article’s title once it has one: the next highlight does not replace the headline by the tab’s title', async () => {
    const first = await create({ pageTitle: 'Lò sấy lúa - Báo Nam Định điện tử' });
    // What reading the article (Readability, after the first highlight) stores.
    await db.articles.update(first.url, { title: 'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động' });
    await create({ pageTitle: 'Lò sấy lúa - Báo Nam Định điện tử' });
    expect((await db.articles.get(first.url))?.title).toBe(
      'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động',
    );
  });

  it('rejects a malformed request with the field that is wrong, and writes nothing', async () => {
    const result = await route(
      envelope('highlight.create', { ...fakeDraft(), color: 'chartreuse' }),
      contentSender(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(!result.ok && result.error.message).toMatch(/color/);
    expect(await db.highlights.count()).toBe(0);
  });

  it('rejects an empty quote and a position that ends before it starts', async () => {
    const emptyQuote = await route(
      envelope(
        'highlight.create',
        fakeDraft({ quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' } }),
      ),
      contentSender(),
    );
    expect(emptyQuote.ok).toBe(false);
    const backwards = await route(
      envelope(
        'highlight.create',
        fakeDraft({ position: { type: 'TextPositionSelector', start: 9, end: 3 } }),
      ),
      contentSender(),
    );
    expect(backwards.ok).toBe(false);
  });

  it('keeps the raw position the page measured, checked like the selectors, and lists it back to the page', async () => {
    const saved = await create({ rawPosition: { start: 120, end: 130 } });
    expect(await db.highlights.get(saved.id)).toMatchObject({ rawPosition: { start: 120, end: 130 } });
    const listed = await route(envelope('highlight.listForPage', { url: ARTICLE_URL }), contentSender());
    expect(listed.ok && listed.value).toEqual([
      expect.objectContaining({ rawPosition: { start: 120, end: 130 } }),
    ]);
    for (const rawPosition of [
      { start: 9, end: 3 },
      { start: -1, end: 3 },
      { start: 0.5, end: 3 },
    ]) {
      const bad = await route(envelope('highlight.create', fakeDraft({ rawPosition })), contentSender());
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    // Optional: highlights made before it existed, in the reader or imported have none.
    const without = await create();
    expect(await db.highlights.get(without.id)).not.toHaveProperty('rawPosition');
  });

  it('lets a page save the raw positions of its own highlights that have none, never replacing one, all or nothing', async () => {
    const older = await create(); // saved without one, as before raw positions existed
    const newer = await create({ rawPosition: { start: 5, end: 9 } });
    const set = (positions: unknown, sender = contentSender()) =>
      route(envelope('highlight.setRawPositions', { url: ARTICLE_URL, positions }), sender);
    const before = await db.highlights.get(older.id);
    expect(
      await set([
        { id: older.id, rawPosition: { start: 120, end: 130 } },
        { id: newer.id, rawPosition: { start: 1, end: 2 } },
        { id: '22222222-2222-4222-8222-222222222222', rawPosition: { start: 1, end: 2 } }, // gone: skipped
      ]),
    ).toEqual({ ok: true, value: { updated: 1 } });
    expect(await db.highlights.get(older.id)).toEqual({ ...before, rawPosition: { start: 120, end: 130 } });
    expect((await db.highlights.get(newer.id))?.rawPosition).toEqual({ start: 5, end: 9 });

    // Another page's highlight in the list: forbidden, and nothing written.
    const elsewhere = await create({ url: `${ARTICLE_URL}-khac` }, popupSender); // the library made it
    const third = await create();
    const mixed = await set([
      { id: third.id, rawPosition: { start: 1, end: 2 } },
      { id: elsewhere.id, rawPosition: { start: 1, end: 2 } },
    ]);
    expect(mixed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await db.highlights.get(third.id)).not.toHaveProperty('rawPosition');
    // And a page may only speak for itself, with positions that are positions.
    const otherSite = await route(
      envelope('highlight.setRawPositions', {
        url: 'https://other.example/news-1',
        positions: [{ id: third.id, rawPosition: { start: 1, end: 2 } }],
      }),
      contentSender(),
    );
    expect(otherSite).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await set([{ id: third.id, rawPosition: { start: 3, end: 3 } }])).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(await set([])).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('does not let a page write highlights for another site', async () => {
    const result = await route(
      envelope('highlight.create', fakeDraft({ url: 'https://other.example/news-1' })),
      contentSender(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await db.highlights.count()).toBe(0);
  });
});

describe('a retried create (answer lost when the service worker stopped)', () => {
  it('returns the first write instead of writing twice', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const first = await route(envelope('highlight.create', fakeDraft({ id })), contentSender());
    const again = await route(
      envelope('highlight.create', fakeDraft({ id, color: 'pink' })),
      contentSender(),
    );
    expect(again).toEqual(first);
    expect(await db.highlights.count()).toBe(1);
  });

  it("will not hand another page's highlight to a page that guesses its id", async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    await route(envelope('highlight.create', fakeDraft({ id })), contentSender());
    const other = 'https://other.example/a';
    const result = await route(
      envelope('highlight.create', fakeDraft({ id, url: other })),
      contentSender(other, 9),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('highlight.listForPage', () => {
  it("returns this page's highlights in reading order", async () => {
    await create({ position: { type: 'TextPositionSelector', start: 500, end: 510 } });
    await create({ position: { type: 'TextPositionSelector', start: 20, end: 30 } });
    await create({ url: 'https://other.example/a' }, contentSender('https://other.example/a', 9));
    const result = await route(envelope('highlight.listForPage', { url: ARTICLE_URL }), contentSender());
    expect(
      result.ok && (result.value as { position: { start: number } }[]).map((h) => h.position.start),
    ).toEqual([20, 500]);
  });

  it('lets extension pages read any page, but a content script only its own', async () => {
    await create();
    const fromPopup = await route(envelope('highlight.listForPage', { url: ARTICLE_URL }), popupSender);
    expect(fromPopup.ok && (fromPopup.value as unknown[]).length).toBe(1);
    const fromOtherPage = await route(
      envelope('highlight.listForPage', { url: ARTICLE_URL }),
      contentSender('https://evil.example/'),
    );
    expect(fromOtherPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('highlight.update and highlight.delete', () => {
  it('updates tags, colour and note, and keeps the note as plain text', async () => {
    const saved = await create();
    const result = await route(
      envelope('highlight.update', {
        id: saved.id,
        changes: { tags: ['lúa', 'HTX'], color: 'blue', note: '<img src=x onerror=alert(1)>' },
      }),
      contentSender(),
    );
    expect(result.ok).toBe(true);
    expect(await db.highlights.get(saved.id)).toMatchObject({
      tags: ['lúa', 'HTX'],
      color: 'blue',
      note: '<img src=x onerror=alert(1)>',
    });
  });

  it('refuses changes to fields that are not editable', async () => {
    const saved = await create();
    const result = await route(
      envelope('highlight.update', { id: saved.id, changes: { url: 'https://evil.example/' } }),
      contentSender(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it("does not let one page delete another page's highlight", async () => {
    const saved = await create();
    const result = await route(
      envelope('highlight.delete', { id: saved.id }),
      contentSender('https://evil.example/'),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await db.highlights.count()).toBe(1);
  });

  it('deletes, and says so when the highlight does not exist', async () => {
    const saved = await create();
    expect(await route(envelope('highlight.delete', { id: saved.id }), popupSender)).toEqual({
      ok: true,
      value: { id: saved.id },
    });
    expect(await db.highlights.count()).toBe(0);
    const unknown = '00000000-0000-4000-8000-000000000999';
    expect(await route(envelope('highlight.delete', { id: unknown }), popupSender)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

describe('undo a delete', () => {
  it('restores the deleted highlight exactly, once', async () => {
    const saved = await create();
    const before = await db.highlights.get(saved.id);
    await route(envelope('highlight.delete', { id: saved.id }), contentSender());
    expect(await db.highlights.get(saved.id)).toBeUndefined();
    // The popup's undo (a content script would get the drawn fields only: tests/unit/page-access.test.ts).
    const restored = await route(envelope('highlight.restore', { id: saved.id }), popupSender);
    expect(restored).toEqual({ ok: true, value: before });
    expect(await db.highlights.get(saved.id)).toEqual(before);
    expect(await db.trash.count()).toBe(0);
    // A retried restore (the answer was lost when the worker stopped) answers the same, writes nothing.
    expect(await route(envelope('highlight.restore', { id: saved.id }), popupSender)).toEqual({
      ok: true,
      value: before,
    });
    expect(await db.highlights.count()).toBe(1);
    const unknown = '00000000-0000-4000-8000-000000000999';
    expect(await route(envelope('highlight.restore', { id: unknown }), contentSender())).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('treats a retried delete as done, once', async () => {
    const saved = await create();
    await route(envelope('highlight.delete', { id: saved.id }), contentSender());
    const deletedAt = (await db.trash.get(saved.id))?.deletedAt;
    expect(await route(envelope('highlight.delete', { id: saved.id }), contentSender())).toEqual({
      ok: true,
      value: { id: saved.id },
    });
    expect((await db.trash.get(saved.id))?.deletedAt).toBe(deletedAt);
    // …but not for another page.
    expect(
      await route(envelope('highlight.delete', { id: saved.id }), contentSender('https://evil.example/')),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("does not let another page restore this page's highlight", async () => {
    const saved = await create();
    await route(envelope('highlight.delete', { id: saved.id }), contentSender());
    const result = await route(
      envelope('highlight.restore', { id: saved.id }),
      contentSender('https://evil.example/'),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await db.highlights.count()).toBe(0);
  });
});

describe('who may send', () => {
  it.each<[string, MessageSenderLike]>([
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' }],
    ['a sub-frame of a page', { ...contentSender(), frameId: 3 }],
    ['a sender with no tab and a web URL', { id: SELF.id, url: ARTICLE_URL }],
  ])('rejects %s', async (_, sender) => {
    const result = await route(envelope('highlight.listForPage', { url: ARTICLE_URL }), sender);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('accepts the tab’s new address after in-page navigation, and nothing else', async () => {
    const moved: MessageSenderLike = {
      id: SELF.id,
      url: 'https://baonamdinh.vn/old-page',
      tab: { id: 7, url: ARTICLE_URL },
      frameId: 0,
    };
    expect((await route(envelope('highlight.listForPage', { url: ARTICLE_URL }), moved)).ok).toBe(true);
    expect(
      await route(envelope('highlight.listForPage', { url: 'https://baonamdinh.vn/third' }), moved),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it.each([
    ['another extension', { id: 'other-extension', url: 'chrome-extension://other-extension/page.html' }],
    ['another extension’s content script', { id: 'other-extension', url: ARTICLE_URL, tab: { id: 7 } }],
    ['a frame inside the page (an ad, an embed)', { ...contentSender(), frameId: 4 }],
    ['a sender with no address', { id: SELF.id }],
  ])('answers nothing to %s', async (_, sender) => {
    for (const [type, payload] of [
      ['highlight.listForPage', { url: ARTICLE_URL }],
      ['tag.list', {}],
      ['library.export', { format: 'json', scope: { kind: 'all' } }],
    ] as const) {
      expect(await route(envelope(type, payload), sender)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
  });

  it('rejects messages that are not Clipmark envelopes', async () => {
    for (const message of [
      null,
      'hi',
      { type: 'highlight.delete' },
      { clipmark: 1, type: 'db.drop', payload: {} },
    ]) {
      expect(await route(message, popupSender)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
  });
});

describe('one article per article: the canonical address', () => {
  // A print page of the article, on the article's own origin, naming it as canonical.
  const PRINT = 'https://baonamdinh.vn/print/2561234?zarsrc=30';
  const CANONICAL = 'https://baonamdinh.vn/tin-tuc/hop-tac-xa-dong-tien-2561234.html';

  /** A library whose tab 7 shows `url` with the sample quotes in its text (the evidence a canonical needs). */
  function libraryWithTab(url: string) {
    lib = createTestLibrary({
      tabs: {
        urlOf: async () => url,
        extract: async () => null,
        loadTools: async () => true,
        readPage: async () => ({ url, text: 'Hợp tác xã đưa lò sấy lúa mới vào hoạt động.' }),
        contentScript: () => tabClient(async () => null),
      },
    });
    db = lib.db;
    route = lib.route;
  }

  it('keeps highlights under the canonical address the page names, found from any variant', async () => {
    const saved = await create({ url: PRINT, canonical: CANONICAL }, contentSender(PRINT));
    expect(saved.url).toBe(CANONICAL);
    expect(await db.articles.get(CANONICAL)).toBeTruthy();
    // The same article reached at its canonical address, with a tracking parameter.
    const other = `${CANONICAL}?utm_source=facebook`;
    const list = await route(
      envelope('highlight.listForPage', { url: other, canonical: CANONICAL }),
      contentSender(other),
    );
    expect(list.ok && (list.value as { id: string }[]).map((h) => h.id)).toEqual([saved.id]);
  });

  it('lists highlights saved under the page’s own address before it named a canonical one', async () => {
    await lib.close();
    libraryWithTab(ARTICLE_URL);
    const old = await create({ url: ARTICLE_URL }, contentSender(ARTICLE_URL));
    const canonical = 'https://baonamdinh.vn/tin-tuc/hop-tac-xa-2561234.html';
    const fresh = await create(
      {
        url: ARTICLE_URL,
        canonical,
        quote: { type: 'TextQuoteSelector', exact: 'mới', prefix: '', suffix: '' },
      },
      contentSender(ARTICLE_URL),
    );
    expect(fresh.url).toBe(canonical);
    const list = await route(
      envelope('highlight.listForPage', { url: ARTICLE_URL, canonical }),
      contentSender(ARTICLE_URL),
    );
    expect(list.ok && (list.value as { id: string }[]).map((h) => h.id).sort()).toEqual(
      [old.id, fresh.id].sort(),
    );
  });

  it('does not let a page claim another site’s address as its canonical one', async () => {
    const saved = await create(
      { url: ARTICLE_URL, canonical: 'https://vnexpress.net/bai-khac-4812345.html' },
      contentSender(ARTICLE_URL),
    );
    expect(saved.url).toBe(ARTICLE_URL.replace(/\/$/, ''));
    const peek = await route(
      envelope('highlight.listForPage', { url: 'https://vnexpress.net/bai-khac-4812345.html' }),
      contentSender(ARTICLE_URL),
    );
    expect(peek).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
