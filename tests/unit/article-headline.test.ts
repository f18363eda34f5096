// The headline by its form (headline.ts): a div or p title, an h2 under a logo h1, never a teaser, a
// navigation item or a share bar; and what extraction and detection do with it.
import { afterAll, describe, expect, it } from 'vitest';
import { detectArticle } from '@/utils/article/detect';
import { extractArticle } from '@/utils/article/extract';
import { headingMatches, headlineByForm, titleVariants } from '@/utils/article/headline';
import { parsePage } from '../support/page-window';

const windows: { happyDOM: { close(): Promise<void> } }[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

const URL = 'https://baotinh.example.vn/tin-tuc/19/165999/cho-phien-vung-cao-nhon-nhip-ngay-cuoi-nam';
const TITLE = 'Chợ phiên vùng cao nhộn nhịp ngày cuối năm';

function page(body: string, head = '', url = URL) {
  const parsed = parsePage(
    `<!doctype html><html lang="vi"><head><title>${TITLE} - Báo Tỉnh điện tử</title>${head}</head><body>${body}</body></html>`,
    url,
  );
  windows.push(parsed.window);
  return parsed.document;
}

const PROSE = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Đoạn ${i + 1}: từ sáng sớm, người dân các bản đã gùi hàng xuống chợ, nào măng khô, mật ong, vải thổ cẩm, tiếng chào mời rộn rã khắp các lối đi giữa những sạp hàng.</p>`,
).join('');

describe('headlineByForm', () => {
  it('finds a div title set larger and bolder, not the smaller copy of it in the breadcrumb', () => {
    const doc = page(
      `<div class="path"><a href="/">Trang chủ</a> &gt; <span>${TITLE}</span></div>
       <div class="title-news">${TITLE}</div><div class="content">${PROSE}</div>`,
      '<style>.title-news { font: bold 26px serif; } .path { font-size: 12px; }</style>',
    );
    expect(headlineByForm(doc, [doc.title], { style: true })?.className).toBe('title-news');
  });

  it('without styles, the tag decides: a heading or a bold block over a plain one', () => {
    const doc = page(`<p>${TITLE}</p><p><b>${TITLE}</b></p>${PROSE}`);
    expect(headlineByForm(doc, [doc.title])?.querySelector('b')).not.toBeNull();
    const logo = page(`<h1>Báo Tỉnh</h1><div>${TITLE}</div><h2>${TITLE}</h2>${PROSE}`);
    expect(headlineByForm(logo, [logo.title])?.tagName).toBe('H2');
  });

  it('never takes a teaser link, navigation, a share bar, a related list or a hidden copy', () => {
    const doc = page(
      `<nav><b>${TITLE}</b></nav>
       <div class="share"><b>${TITLE}</b></div>
       <ul><li><a href="/tin-tuc/1/1/khac">${TITLE}</a></li><li><a href="/x">Tin khác nữa</a></li></ul>
       <div><a href="/tin-tuc/19/165998/bai-khac"><b>${TITLE}</b></a></div>
       <h2 hidden>${TITLE}</h2>${PROSE}`,
    );
    expect(headlineByForm(doc, [doc.title])).toBeNull();
    // A headline linking to its own page is still the headline.
    const own = page(`<div class="t"><a href="${URL}"><b>${TITLE}</b></a></div>${PROSE}`);
    expect(headlineByForm(own, [own.title])?.className).toBe('t');
  });

  it('needs the titles to say mostly the same, and a few words at least', () => {
    const doc = page(`<div><b>Chợ phiên</b></div><div><b>Tin tức</b></div>${PROSE}`);
    expect(headlineByForm(doc, [doc.title])).toBeNull();
    expect(headlineByForm(doc, [])).toBeNull();
  });

  it('compares with each title also without the part that names the site by its address', () => {
    expect(titleVariants(['About bugs – Vortex Cannon Entertainment'], 'vortexcannon.org')).toEqual([
      'About bugs – Vortex Cannon Entertainment',
      'About bugs',
    ]);
    expect(headingMatches('About bugs', ['About bugs – Vortex Cannon Entertainment'])).toBe(false);
    expect(
      headingMatches(
        'About bugs',
        titleVariants(['About bugs – Vortex Cannon Entertainment'], 'vortexcannon.org'),
      ),
    ).toBe(true);
    // The logo is the site: it matches neither variant.
    expect(
      headingMatches(
        'Vortex Cannon Entertainment',
        titleVariants(['About bugs – Vortex Cannon Entertainment'], 'vortexcannon.org').slice(1),
      ),
    ).toBe(false);
  });
});

describe('a div headline in extraction and detection', () => {
  const body = `<div class="top">Hôm nay: Thứ Hai, 07/12/2026</div>
    <div class="wrap"><div class="left">
      <div class="tieu-de-bai">${TITLE}</div>
      <div class="ngay">Chủ nhật, 28/12/2025 | 8:15 SA</div>
      <div class="noi-dung">
        <p><strong>Những ngày cuối năm, chợ phiên vùng cao đông vui hơn thường lệ khi bà con các bản mang nông sản, thổ cẩm xuống bán và sắm Tết.</strong></p>
        ${PROSE}
        <p style="text-align:right"><strong>Hoàng Yến</strong></p>
      </div></div></div>`;
  const style = '<style>.tieu-de-bai { font-size: 24px; font-weight: 700; }</style>';

  it('extraction reads the date line and the sapo next to it', () => {
    const doc = page(body, style);
    const article = extractArticle(doc, URL);
    expect(article?.title).toBe(TITLE);
    expect(article?.publishedAt).toBe('2025-12-28T08:15:00+07:00');
    expect(article?.lead).toMatch(/^Những ngày cuối năm, chợ phiên vùng cao/);
    expect(article?.byline).toBe('Hoàng Yến');
  });

  it('detection counts it as the main heading over the prose, with its date line', () => {
    const detection = detectArticle(page(body, style), URL);
    const ids = detection.reasons.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['main-heading', 'heading-over-prose', 'dateline']));
    expect(detection.isArticle).toBe(true);
  });

  it('a listing whose category label the title repeats stays a listing', () => {
    const teasers = Array.from(
      { length: 8 },
      (_, i) =>
        `<div class="item"><h3><a href="/tin-tuc/19/${16500 + i}/bai-${i}-ve-nong-thon-moi">Bài ${i}: nông thôn mới ở xã vùng cao</a></h3><p>Tóm tắt ngắn của bài ${i}.</p></div>`,
    ).join('');
    const parsed = parsePage(
      `<!doctype html><html lang="vi"><head><title>Nông nghiệp - Nông thôn - Báo Tỉnh điện tử</title></head><body><div class="cat"><b>Nông nghiệp - Nông thôn</b></div>${teasers}</body></html>`,
      'https://baotinh.example.vn/chuyen-muc/nong-nghiep',
    );
    windows.push(parsed.window);
    expect(
      detectArticle(parsed.document, 'https://baotinh.example.vn/chuyen-muc/nong-nghiep').isArticle,
    ).toBe(false);
  });
});

describe('h1s in the body are its section headings', () => {
  const sections = ['Giai đoạn một', 'Giai đoạn hai', 'Ưu điểm', 'Nhược điểm']
    .map((h) => `<h1>${h}</h1>${PROSE}`)
    .join('');

  it('do not count as many top-level headings when the first is the headline', () => {
    const doc = page(`<div class="main"><h1>${TITLE}</h1>${sections}</div>`);
    const ids = detectArticle(doc, URL).reasons.map((r) => r.id);
    expect(ids).toContain('main-heading');
    expect(ids).not.toContain('many-headings');
  });

  it('while a page of linked h1s still has many headings', () => {
    const links = Array.from(
      { length: 5 },
      (_, i) => `<h1><a href="/tin-tuc/19/${16600 + i}/bai-${i}">Bài số ${i} về chợ phiên vùng cao</a></h1>`,
    ).join('');
    const doc = page(`<div class="main">${links}</div>`, '', 'https://baotinh.example.vn/chuyen-muc/cho');
    expect(
      detectArticle(doc, 'https://baotinh.example.vn/chuyen-muc/cho').reasons.map((r) => r.id),
    ).toContain('many-headings');
  });
});
