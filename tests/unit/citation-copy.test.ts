/**
 * "Copy with citation": the article's CSL item (names in Vietnamese order, NFC, one line) and what citeproc-js
 * makes of it with the bundled APA 7, Chicago 18 author-date and MLA 9 styles, in the en-US and vi-VN locales.
 * The expected strings were checked by hand against the style guides' own examples for an article in an online
 * newspaper: APA 7 §10.1 ("Author. (Year, Month Day). Title. *Newspaper*. URL", "Retrieved Month Day, Year,
 * from URL" for an undated page, "(Author, Year)" / "(Author, n.d.)"); Chicago 18 author-date §15 ("Author.
 * Year. “Title.” *Newspaper*, Month Day. URL.", "(Author Year)"); MLA 9 §5–6 ("Author. “Title.” *Website*,
 * Day Mon. Year, URL.", "Accessed Day Mon. Year." for an undated page, "(Author)").
 * Then the background's `citation.source`: who may ask for which article, and a page not in the library yet.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { TabAccess } from '@/entrypoints/background/tab-access';
import { extractArticle } from '@/utils/article/extract';
import { formatQuotation } from '@/utils/citation/format';
import { citationItem } from '@/utils/citation/item';
import type { CitationLocale, CitationStyle } from '@/utils/citation/styles';
import { tabClient } from '@/utils/messaging/sender';
import type { Article } from '@/utils/schema';
import { contentSender, createTestLibrary, envelope, fakeDraft, popupSender } from '../support/factories';
import { HOSTILE_TITLES, hostileArticles } from '../support/hostile-library';
import { T0 } from '../support/library-fixtures';
import { parsePage } from '../support/page-window';

// Engines for three styles in two locales are parsed once per file, which takes a few seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const article = (fields: Partial<Article> & { meta: Article['meta'] }): Article => ({
  url: 'https://vnexpress.net/lu-lut-mien-trung-4800001.html',
  site: 'vnexpress.net',
  title: 'Lũ lụt ở miền Trung',
  createdAt: T0, // 6 November 2026, 10:00 in Hà Nội: the access date
  updatedAt: T0,
  ...fields,
});

const VIETNAMESE = article({
  meta: {
    byline: 'Nguyễn Văn An',
    siteName: 'VnExpress',
    lang: 'vi',
    publishedAt: '2026-03-05T08:00:00+07:00',
  },
});
const VN_URL = VIETNAMESE.url;
/** An agency as author, no date, and a page that did not say its language. */
const AGENCY = article({
  url: 'https://baotintuc.vn/kinh-te/gia-xang-giam-20261105.htm',
  site: 'baotintuc.vn',
  title: 'Giá xăng giảm',
  meta: { byline: 'TTXVN', siteName: 'Báo Tin tức' },
});
/** Everything in NFD, as some Vietnamese sites serve it. */
const DECOMPOSED = article({
  url: 'https://baonamdinh.vn/channel/5085/202611/ky-tu-to-hop-2561299',
  site: 'baonamdinh.vn',
  title: 'Hợp tác xã Đồng Tiến: lò sấy mới'.normalize('NFD'),
  meta: {
    byline: 'Trần Thị Hoa'.normalize('NFD'),
    siteName: 'Báo Nam Định'.normalize('NFD'),
    lang: 'vi',
    publishedAt: '2026-11-04T08:00:00+07:00',
  },
});
/** Nothing but an address. */
const BARE = article({ url: 'https://example.vn/bai-viet?id=7', site: 'example.vn', title: '', meta: {} });
const ENGLISH = article({
  url: 'https://www.theguardian.com/world/2026/mar/10/vietnam-rice-exports',
  site: 'theguardian.com',
  title: 'Vietnam’s rice exports rise as prices climb',
  meta: {
    byline: 'Rebecca Ratcliffe',
    siteName: 'The Guardian',
    lang: 'en',
    publishedAt: '2026-03-10T06:00:00+00:00',
  },
});

const LINK = 'https://vnexpress.net/lu-lut-mien-trung-4800001.html#:~:text=n%C6%B0%E1%BB%9Bc%20l%C5%A9';
const cite = (a: Article, style: CitationStyle, locale: CitationLocale = 'en-US') =>
  formatQuotation({ item: citationItem(a), style, locale, quote: 'nước  lũ\ndâng cao', link: LINK });

describe('the CSL item', () => {
  it('writes a Vietnamese name whole, family name first, and keeps Western names in parts', () => {
    expect(citationItem(VIETNAMESE).author).toEqual([{ literal: 'Nguyễn Văn An' }]);
    expect(citationItem(ENGLISH).author).toEqual([{ family: 'Ratcliffe', given: 'Rebecca' }]);
    expect(citationItem(AGENCY).author).toEqual([{ literal: 'TTXVN' }]);
  });

  it('is NFC and on one line; a page that did not say its language is Vietnamese by its letters', () => {
    const item = citationItem(DECOMPOSED);
    expect(item.title).toBe('Hợp tác xã Đồng Tiến: lò sấy mới'.normalize('NFC'));
    expect(item['container-title']).toBe('Báo Nam Định'.normalize('NFC'));
    expect(item.author).toEqual([{ literal: 'Trần Thị Hoa'.normalize('NFC') }]);
    expect(citationItem(AGENCY).language).toBe('vi');
    expect(citationItem({ ...ENGLISH, meta: { ...ENGLISH.meta, lang: null } }).language).toBeUndefined();
    const lines = citationItem(article({ title: 'Dòng một\nDòng hai\ttab', meta: { siteName: 'A\nB' } }));
    expect([lines.title, lines['container-title']]).toEqual(['Dòng một Dòng hai tab', 'A B']);
  });

  it('cites a page with no title by its site, the work’s title', () => {
    const item = citationItem(BARE);
    expect(item.title).toBe('example.vn');
    expect(item).not.toHaveProperty('container-title');
    expect(item).not.toHaveProperty('author');
    expect(item).not.toHaveProperty('issued');
    expect(item.accessed).toEqual({ 'date-parts': [[2026, 11, 6]] });
  });
});

describe('a Vietnamese article', () => {
  it('APA 7: the whole name in its order, never “Nguyễn, V. A.”', () => {
    const q = cite(VIETNAMESE, 'apa');
    expect(q.inText).toBe('(Nguyễn Văn An, 2026)');
    expect(q.reference).toBe(`Nguyễn Văn An. (2026, March 5). Lũ lụt ở miền Trung. VnExpress. ${VN_URL}`);
    expect(q.text).toBe(`“nước lũ dâng cao” (Nguyễn Văn An, 2026)\n\n${q.reference}\n${LINK}\n`);
    expect(q.html).toBe(
      '<p>“nước lũ dâng cao” (Nguyễn Văn An, 2026)</p>\n' +
        `<p>Nguyễn Văn An. (2026, March 5). Lũ lụt ở miền Trung. <i>VnExpress</i>. ${VN_URL}</p>\n` +
        `<p><a href="${LINK}">${LINK}</a></p>\n`,
    );
  });

  it('Chicago author-date and MLA 9: the same name; the title not title-cased (it is not English)', () => {
    const chicago = cite(VIETNAMESE, 'chicago-author-date');
    expect(chicago.inText).toBe('(Nguyễn Văn An 2026)');
    expect(chicago.reference).toBe(
      `Nguyễn Văn An. 2026. “Lũ lụt ở miền Trung.” VnExpress, March 5. ${VN_URL}.`,
    );
    const mla = cite(VIETNAMESE, 'mla');
    expect(mla.inText).toBe('(Nguyễn Văn An)');
    expect(mla.reference).toBe(`Nguyễn Văn An. “Lũ lụt ở miền Trung.” VnExpress, 5 Mar. 2026, ${VN_URL}.`);
  });

  it('in the vi-VN locale: Vietnamese terms and month names; MLA’s date day first', () => {
    expect(cite(VIETNAMESE, 'mla', 'vi-VN').reference).toBe(
      `Nguyễn Văn An. “Lũ lụt ở miền Trung”. VnExpress, 5 Tháng Ba 2026, ${VN_URL}.`,
    );
    // APA and Chicago fix the order of the date's parts in the style itself (year, month day); the locale
    // gives the month's name and the words, not the order.
    expect(cite(VIETNAMESE, 'apa', 'vi-VN').reference).toBe(
      `Nguyễn Văn An. (2026, Tháng Ba 5). Lũ lụt ở miền Trung. VnExpress. ${VN_URL}`,
    );
    expect(cite(VIETNAMESE, 'chicago-author-date', 'vi-VN').inText).toBe('(Nguyễn Văn An 2026)');
    const agency = cite(AGENCY, 'apa', 'vi-VN');
    expect(agency.inText).toBe('(TTXVN, không ngày)');
    expect(agency.reference).toBe(
      `TTXVN. (không ngày). Giá xăng giảm. Báo Tin tức. Truy vấn 6 Tháng Mười Một 2026, từ ${AGENCY.url}`,
    );
  });

  it('an agency as author and no date: “n.d.” and the access date each style asks for', () => {
    const apa = cite(AGENCY, 'apa');
    expect(apa.inText).toBe('(TTXVN, n.d.)');
    expect(apa.reference).toBe(
      `TTXVN. (n.d.). Giá xăng giảm. Báo Tin tức. Retrieved November 6, 2026, from ${AGENCY.url}`,
    );
    const chicago = cite(AGENCY, 'chicago-author-date');
    expect(chicago.inText).toBe('(TTXVN, n.d.)');
    expect(chicago.reference).toBe(
      `TTXVN. n.d. “Giá xăng giảm.” Báo Tin tức. Accessed November 6, 2026. ${AGENCY.url}.`,
    );
    const mla = cite(AGENCY, 'mla');
    expect(mla.inText).toBe('(TTXVN)');
    expect(mla.reference).toBe(`TTXVN. “Giá xăng giảm.” Báo Tin tức, ${AGENCY.url}. Accessed 6 Nov. 2026.`);
  });

  it('NFD in, NFC out', () => {
    for (const style of ['apa', 'chicago-author-date', 'mla'] as const) {
      const q = cite(DECOMPOSED, style);
      expect(q.text).toBe(q.text.normalize('NFC'));
      expect(q.reference).toContain('Trần Thị Hoa. ');
      expect(q.reference).toContain('Hợp tác xã Đồng Tiến: lò sấy mới');
    }
  });

  it('no author, title or date: the site stands for the title, in every style', () => {
    // A standalone work (no site around it): its title in italics, never title-cased as English ("Example.Vn").
    expect(cite(BARE, 'apa').inText).toBe('(example.vn, n.d.)');
    expect(cite(BARE, 'apa').reference).toBe(
      `example.vn. (n.d.). Retrieved November 6, 2026, from ${BARE.url}`,
    );
    expect(cite(BARE, 'chicago-author-date').inText).toBe('(example.vn, n.d.)');
    expect(cite(BARE, 'mla').inText).toBe('(example.vn)');
    expect(cite(BARE, 'mla').reference).toBe(`example.vn. ${BARE.url}. Accessed 6 Nov. 2026.`);
    expect(cite(BARE, 'mla').html).toContain('(<i>example.vn</i>)');
    for (const style of ['apa', 'chicago-author-date', 'mla'] as const) {
      expect(cite(BARE, style).text).not.toMatch(/CSL STYLE ERROR|undefined|null/);
      expect(cite(BARE, style).html).not.toContain('nocase');
      expect(cite(BARE, style).reference).toContain(BARE.url);
    }
  });
});

describe('an English article', () => {
  it('inverts and abbreviates as each style says, and title-cases where it says', () => {
    const url = ENGLISH.url;
    expect(cite(ENGLISH, 'apa').reference).toBe(
      `Ratcliffe, R. (2026, March 10). Vietnam’s rice exports rise as prices climb. The Guardian. ${url}`,
    );
    expect(cite(ENGLISH, 'chicago-author-date').reference).toBe(
      `Ratcliffe, Rebecca. 2026. “Vietnam’s Rice Exports Rise as Prices Climb.” The Guardian, March 10. ${url}.`,
    );
    expect(cite(ENGLISH, 'mla').reference).toBe(
      `Ratcliffe, Rebecca. “Vietnam’s Rice Exports Rise as Prices Climb.” The Guardian, 10 Mar. 2026, ${url}.`,
    );
    expect(cite(ENGLISH, 'apa').inText).toBe('(Ratcliffe, 2026)');
  });
});

describe('a hostile library', () => {
  const styles = ['apa', 'chicago-author-date', 'mla'] as const;

  it('keeps markup in titles as text: written as is in plain text, escaped in HTML', () => {
    const [hostile] = hostileArticles();
    for (const style of styles) {
      const q = formatQuotation({
        item: citationItem(hostile as Article),
        style,
        locale: 'en-US',
        quote: '<img src=x onerror=alert(1)> & "trích"',
        link: 'https://example.vn/tin_tuc/bai-viet?id=7&page=2#:~:text=a',
      });
      // citeproc's typography turns straight quotes curly (and nested ones single); the tags stay.
      expect(q.text).toContain('<script>alert(');
      expect(q.text).toContain('</script> & <b>');
      expect(q.text).toContain('“<img src=x onerror=alert(1)> & "trích"”');
      expect(q.html).not.toMatch(/<(script|b|img)\b/);
      expect(q.html).toContain('&lt;script&gt;alert(');
      expect(q.html).toContain('“&lt;img src=x onerror=alert(1)&gt; &amp; &quot;trích&quot;”');
      expect(q.html).toContain('href="https://example.vn/tin_tuc/bai-viet?id=7&amp;page=2#:~:text=a"');
      // Every tag in the HTML is one the formatter or citeproc wrote.
      expect(q.html.match(/<\/?([a-z]+)/g)?.every((tag) => /^<\/?(p|a|i|span)$/.test(tag))).toBe(true);
    }
  });

  it('passes LaTeX specials, %, #, emoji and formula starts through untouched', () => {
    for (const title of HOSTILE_TITLES.slice(1, 4)) {
      const a = article({ title, meta: { siteName: 'Trang', lang: 'vi', byline: 'Xuân Thu' } });
      for (const style of styles) {
        const { reference } = formatQuotation({
          item: citationItem(a),
          style,
          locale: 'en-US',
          quote: 'x',
          link: 'https://x.vn/',
        });
        // citeproc makes straight quotes curly (and two apostrophes "’ ’"); everything else is as written.
        const typographic = (s: string) => s.replace(/["'“”‘’]/g, '').replace(/\s+/g, ' ');
        expect(typographic(reference)).toContain(typographic(title.replace(/\s+/g, ' ')));
      }
    }
  });
});

const FIXTURE = resolve(__dirname, '../fixtures/pages/baonamdinh-article');
const expected = JSON.parse(readFileSync(resolve(FIXTURE, 'expected.json'), 'utf8'));
const page = parsePage(readFileSync(resolve(FIXTURE, 'source.html'), 'utf8'), expected.url);
const extracted = JSON.parse(JSON.stringify(extractArticle(page.document, expected.url)));
afterAll(() => page.window.happyDOM.close());

function fakeTabs() {
  return {
    urlOf: vi.fn(async (tabId: number) => (tabId === 7 ? expected.url : undefined)),
    extract: vi.fn(async () => extracted),
    loadTools: vi.fn(async () => true),
    readPage: vi.fn(async () => ({ url: expected.url, text: extracted.text })),
    contentScript: vi.fn(() => tabClient(async () => ({ ok: true, value: { closed: true } }))),
  } satisfies TabAccess;
}

describe('citation.source', () => {
  let lib: ReturnType<typeof createTestLibrary> | undefined;
  afterEach(async () => {
    await lib?.close();
    lib = undefined;
  });

  it('reads a page not in the library in its tab, stores nothing, and follows the chosen style', async () => {
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    const sender = contentSender(expected.url);
    const first = await lib.call('citation.source', { url: expected.url }, sender);
    expect(tabs.extract).toHaveBeenCalledTimes(1);
    expect(first.style).toBe('apa');
    expect(first.item).toMatchObject({
      title: expected.title,
      author: [{ literal: expected.byline }],
      'container-title': expected.siteName,
      issued: { 'date-parts': [[2026, 11, 9]] },
      language: 'vi',
    });
    expect(await lib.db.articles.count()).toBe(0);
    await lib.call('settings.set', { citationStyle: 'mla' });
    expect((await lib.call('citation.source', { url: expected.url }, sender)).style).toBe('mla');
  });

  it('answers from the library’s record when there is one, for the popup too', async () => {
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    await lib.call(
      'highlight.create',
      fakeDraft({ url: expected.url, pageTitle: 'Tab title' }),
      contentSender(expected.url),
    );
    await vi.waitFor(async () =>
      expect((await lib?.db.articles.toArray())?.[0]?.meta.wordCount).toBeGreaterThan(0),
    );
    tabs.extract.mockClear();
    const key = (await lib.db.articles.toArray())[0]?.url as string;
    const fromPopup = await lib.call('citation.source', { url: key }, popupSender);
    expect(fromPopup.item.title).toBe(expected.title);
    const fromPage = await lib.call('citation.source', { url: expected.url }, contentSender(expected.url));
    expect(fromPage.item).toEqual(fromPopup.item);
    expect(tabs.extract).not.toHaveBeenCalled();
  });

  it('a page asks for its own article only; a popup for one the library has', async () => {
    const tabs = fakeTabs();
    lib = createTestLibrary({ tabs });
    const other = await lib.route(
      envelope('citation.source', { url: 'https://vnexpress.net/khac-1.html' }),
      contentSender(expected.url),
    );
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const missing = await lib.route(
      envelope('citation.source', { url: 'https://vnexpress.net/khac-1.html' }),
      popupSender,
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const bad = await lib.route(envelope('citation.source', { url: 'javascript:alert(1)' }), popupSender);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(tabs.extract).not.toHaveBeenCalled();
  });
});
