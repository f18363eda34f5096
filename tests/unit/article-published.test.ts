// The date finder on small pages: its order of trust, the dateline nearest the headline, and the dates it
// must never take (the header's "today", related news, most read, comments).
import { afterAll, describe, expect, it } from 'vitest';
import { readMetadata } from '@/utils/article/metadata';
import { readNearHeadline } from '@/utils/article/near-headline';
import { findDates, pageDateOptions } from '@/utils/article/published';
import { adapterFor } from '@/utils/article/sites';
import { parsePage } from '../support/page-window';

const windows: { happyDOM: { close(): Promise<void> } }[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

const VI_URL = 'https://tinmoi.example.vn/xa-hoi/mo-duong-moi-20231030112512345.htm';
const PROSE = Array.from(
  { length: 5 },
  (_, i) =>
    `<p>Đoạn ${i + 1}: người dân trong xã đã cùng nhau góp ngày công, hiến đất và theo dõi chất lượng thi công, nhờ vậy con đường mới hoàn thành sớm hơn kế hoạch gần một tháng, đi lại thuận tiện hơn hẳn.</p>`,
).join('');
const HEADER = `<div id="top"><span>Hôm nay: Thứ Hai, 07/12/2026</span><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/xa-hoi">Xã hội</a></li></ul></div>`;
const RELATED = `<div class="box-tinlienquan"><h3>Tin liên quan</h3><ul><li><a href="/a-1.htm">Khởi công cầu mới</a> <span>29/10/2023 08:00</span></li><li><a href="/b-2.htm">Thêm tuyến buýt</a> <time datetime="2023-10-28 09:00">28/10/2023</time></li></ul></div>`;
const COMMENTS = `<div class="comment-list"><div class="item"><b>Thu Trang</b> <span>30/10/2023 13:05</span><p>Mong đường sớm xong.</p></div></div>`;
const MOST_READ = `<aside class="sidebar"><h3>Đọc nhiều</h3><div><a href="/c-3.htm">Giá lúa tăng</a> <span>Thứ Hai, 30/10/2023 - 09:00</span></div></aside>`;

function datesOf(body: string, head = '', url = VI_URL, lang = 'vi') {
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Mở đường mới</title>${head}</head><body>${body}</body></html>`;
  const { window, document } = parsePage(html, url);
  windows.push(window);
  const meta = readMetadata(document);
  const parsed = new URL(url);
  const adapter = adapterFor(parsed, meta.lang);
  const h1 = document.querySelector('h1');
  const near = h1 ? readNearHeadline(h1) : null;
  const hintSelector = adapter.selectors.time;
  const hint = hintSelector ? document.querySelector(hintSelector) : null;
  return findDates({ meta, near, hint, options: pageDateOptions(adapter, parsed, meta, near) });
}

const article = (before: string, after: string) =>
  `${HEADER}<div class="main"><div class="col">${before}<h1>Mở đường mới</h1>${after}<div class="body">${PROSE}</div>${RELATED}${COMMENTS}</div>${MOST_READ}</div>`;

describe('the dateline nearest the headline', () => {
  it('after the headline, in a class nobody listed', () => {
    expect(datesOf(article('', '<div class="x-meta">Thứ Hai, 30/10/2023 - 11:25</div>')).published).toBe(
      '2023-10-30T11:25:00+07:00',
    );
  });

  it('before the headline, beside the breadcrumb', () => {
    const before = '<div class="top-line"><a href="/xa-hoi">Xã hội</a> <span>11:25 30/10/2023</span></div>';
    expect(datesOf(article(before, '')).published).toBe('2023-10-30T11:25:00+07:00');
  });

  it('after the sapo, with the author', () => {
    const after =
      '<p class="intro">Con đường liên xã dài ba cây số đã thông xe sau bốn tháng thi công, rút ngắn quãng đường đến trường của học sinh.</p><div class="info"><b>THANH HÀ</b> <span>05-11-2022, 06:15</span></div>';
    expect(datesOf(article('', after)).published).toBe('2022-11-05T06:15:00+07:00');
  });

  it('in decomposed (NFD) text', () => {
    const after = '<div class="m">Thứ Hai, 30/10/2023 - 11:25</div>'.normalize('NFD');
    expect(datesOf(article('', after)).published).toBe('2023-10-30T11:25:00+07:00');
  });

  it('with its update time on the same line', () => {
    expect(
      datesOf(article('', '<div class="m">Đăng lúc 11:25 30/10/2023 | Cập nhật: 30/10/2023 14:00</div>')),
    ).toEqual({ published: '2023-10-30T11:25:00+07:00', modified: '2023-10-30T14:00:00+07:00' });
  });
});

describe('dates that are not the article’s', () => {
  it('neither the header’s "today", related news, most read nor comments: no date at all', () => {
    expect(datesOf(article('', ''))).toEqual({ published: null, modified: null });
  });

  it('not a date in a <header> or <nav> of the site, even without "Hôm nay"', () => {
    const page = `<header><span class="d">Thứ Hai, 07/12/2026</span></header><nav><a href="/">Trang chủ</a></nav><main><h1>Mở đường mới</h1>${PROSE}</main>`;
    expect(datesOf(page).published).toBeNull();
  });

  it('not a date in the body’s prose or a caption', () => {
    const body = `<h1>Mở đường mới</h1><figure><img src="a.png" alt=""><figcaption>Ảnh chụp ngày 29/10/2023</figcaption></figure><div>${PROSE}<p>Ngày 30/10/2023, tỉnh đã tổ chức lễ thông xe với sự tham dự của đông đảo người dân và đại diện các sở ngành liên quan.</p></div>`;
    expect(datesOf(body).published).toBeNull();
  });

  it('not a sentence that mentions a date, right under the headline', () => {
    const after =
      '<p>Ngày 30/10/2023, tỉnh đã tổ chức lễ thông xe với đông đảo người dân.</p><p>Sáng 30-10-2023 các em đi học.</p>';
    expect(datesOf(article('', after)).published).toBeNull();
  });

  it('not the adapter’s time selector when it lands in the site header', () => {
    // genericVi's hint list includes ".date": here it only matches the header's "today".
    const page = `<div class="topbar"><span class="date">Thứ Hai, 07/12/2026</span></div><div class="main"><h1>Mở đường mới</h1>${PROSE}</div>`;
    expect(datesOf(page).published).toBeNull();
  });

  it('the nearest dateline wins over a teaser date that is also near', () => {
    const after = `<div class="m">30/10/2023 11:25</div>`;
    const before = `<div class="box-tinlienquan"><a href="/x-1.htm">Tin cũ</a> <span>01/10/2023 08:00</span></div>`;
    expect(datesOf(article(before, after)).published).toBe('2023-10-30T11:25:00+07:00');
  });
});

describe('order of trust', () => {
  const line = '<div class="m">Thứ Hai, 30/10/2023 - 11:25</div>';

  it('JSON-LD, then meta, then <time datetime>, then the printed line', () => {
    const ld = `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-10-30T09:00:00+07:00"}</script>`;
    const meta = '<meta property="article:published_time" content="2023-10-30T10:00:00+07:00">';
    const time = '<time datetime="2023-10-30T10:30:00+07:00">30/10</time>';
    expect(datesOf(article('', time + line), ld + meta).published).toBe('2023-10-30T09:00:00+07:00');
    expect(datesOf(article('', time + line), meta).published).toBe('2023-10-30T10:00:00+07:00');
    expect(datesOf(article('', time + line)).published).toBe('2023-10-30T10:30:00+07:00');
    expect(datesOf(article('', line)).published).toBe('2023-10-30T11:25:00+07:00');
  });

  it('zone-less meta and <time datetime="… …"> values are UTC+7 on Vietnamese pages', () => {
    for (const name of ['article:published_time', 'pubdate', 'date', 'datePublished']) {
      const attr = name === 'datePublished' ? 'itemprop' : name.includes(':') ? 'property' : 'name';
      expect(
        datesOf(article('', ''), `<meta ${attr}="${name}" content="2023-10-30T11:25:00">`).published,
      ).toBe('2023-10-30T11:25:00+07:00');
    }
    expect(datesOf(article('', '<time datetime="2023-03-08 07:15">Thứ tư</time>')).published).toBe(
      '2023-03-08T07:15:00+07:00',
    );
  });

  it('a <time> marked as the update is the modified time', () => {
    const times =
      '<div class="m"><time datetime="2023-10-30T11:25:00+07:00">11:25</time> · Cập nhật <time datetime="2023-10-30T15:00:00+07:00">15:00</time></div>';
    expect(datesOf(article('', times))).toEqual({
      published: '2023-10-30T11:25:00+07:00',
      modified: '2023-10-30T15:00:00+07:00',
    });
  });
});

describe('other languages', () => {
  const FR_URL = 'https://www.journal.example.fr/planete/article/2015/05/04/les-abeilles_4627291_3244.html';
  const FR_PROSE = Array.from(
    { length: 5 },
    (_, i) =>
      `<p>Paragraphe ${i + 1} : les naturalistes ont observé les fleurs de plus de quarante sites, des bois aux toits végétalisés de quelques immeubles du centre de la ville.</p>`,
  ).join('');
  const fr = (line: string, head = '', url = FR_URL) =>
    datesOf(`<article><h1>Les abeilles</h1><p class="sig">${line}</p>${FR_PROSE}</article>`, head, url, 'fr');

  it('a printed French time is read in the site country’s zone', () => {
    expect(fr('04.05.2015 à 13h36 • Mis à jour le 04.05.2015 à 15h12')).toEqual({
      published: '2015-05-04T13:36:00+02:00',
      modified: '2015-05-04T15:12:00+02:00',
    });
  });

  it('the offset the page states elsewhere wins over the country’s zone', () => {
    const head = '<meta property="article:modified_time" content="2015-05-04T15:12:00+01:00">';
    expect(fr('04.05.2015 à 13h36', head).published).toBe('2015-05-04T13:36:00+01:00');
  });

  it('French on a site whose host says nothing: Paris time (France, Belgium, Switzerland share it)', () => {
    expect(fr('4 mai 2015 à 13h36', '', 'https://journal.example.com/2015/05/04/abeilles').published).toBe(
      '2015-05-04T13:36:00+02:00',
    );
  });

  it('UTC when neither the host nor the language says a zone, the printed day kept', () => {
    const page = `<article><h1>The bees</h1><p class="sig">4 May 2015 at 13:36</p>${FR_PROSE}</article>`;
    expect(datesOf(page, '', 'https://journal.example.com/2015/05/04/bees', 'en').published).toBe(
      '2015-05-04T13:36:00+00:00',
    );
  });
});

describe('a labelled time line closing the article', () => {
  const meta = () => {
    const { window, document } = parsePage(
      '<!doctype html><html lang="ko"><head></head><body></body></html>',
      VI_URL,
    );
    windows.push(window);
    return readMetadata(document);
  };
  const options = { defaultOffset: '+09:00', dayFirst: true };

  it('is read last, when nothing near the headline gives a time', () => {
    const tail = ['구청은 내년부터 운영비 일부를 지원할 계획이다.', '[입력시간 : 2018-09-28 17:32]'];
    expect(findDates({ meta: meta(), near: null, hint: null, tail, options }).published).toBe(
      '2018-09-28T17:32:00+09:00',
    );
    expect(
      findDates({ meta: meta(), near: null, hint: null, tail: ['Đăng lúc 08:02 ngày 05/02/2020'], options })
        .published,
    ).toBe('2020-02-05T08:02:00+09:00');
  });

  it('needs a label: a date in the last paragraph of the story is not the article’s', () => {
    const tail = ['Ngày 30/10/2023, tỉnh sẽ khánh thành con đường mới nối hai xã.', '30/10/2023 11:25'];
    expect(findDates({ meta: meta(), near: null, hint: null, tail, options }).published).toBeNull();
  });
});
