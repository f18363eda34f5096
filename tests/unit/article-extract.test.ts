// extractArticle on small pages: the Vietnamese conventions one by one, sanitising, and failure.
import { afterAll, describe, expect, it } from 'vitest';
import { extractArticle } from '@/utils/article/extract';
import { parsePage } from '../support/page-window';

const windows: { happyDOM: { close(): Promise<void> } }[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

const URL_VI = 'https://songhong.example.vn/tin-tuc/xa-hoi/202611/sua-duong-lien-thon-2561234/';
const SAPO =
  'Sau hai tháng thi công, con đường liên thôn dài gần ba cây số đã được trải nhựa, người dân đi lại thuận tiện hơn hẳn trong mùa mưa.';
const BODY = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Đoạn ${i + 1}: các hộ dân trong thôn đã cùng nhau góp ngày công, hiến đất và theo dõi chất lượng thi công, nhờ vậy công trình hoàn thành sớm hơn kế hoạch gần một tháng.</p>`,
).join('');

function extract(body: string, head = '', url = URL_VI) {
  const title = head.includes('<title>') ? '' : '<title>Sửa đường liên thôn - Báo Sông Hồng</title>';
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8">${title}${head}</head><body>${body}</body></html>`;
  const { window, document } = parsePage(html, url);
  windows.push(window);
  return extractArticle(document, url);
}

describe('extractArticle', () => {
  it('puts the sapo first when Readability leaves it out of the body', () => {
    const article = extract(
      `<h1 class="title-detail">Sửa đường liên thôn</h1><h2 class="sapo">${SAPO}</h2><div class="content-detail">${BODY}</div>`,
    );
    expect(article?.lead).toBe(SAPO);
    expect(article?.text.startsWith(SAPO)).toBe(true);
    expect(article?.text.split(SAPO).length).toBe(2);
  });

  it('turns the closing author line into the byline and drops it from the body', () => {
    for (const [line, byline] of [
      ['Bài và ảnh: Xuân Thu', 'Xuân Thu'],
      ['Theo TTXVN', 'TTXVN'],
      ['Văn Tuấn (TTXVN)', 'Văn Tuấn (TTXVN)'],
    ]) {
      const article = extract(
        `<h1>Sửa đường liên thôn</h1><div>${BODY}<p style="text-align:right"><strong>${line}</strong></p></div>`,
      );
      expect(article?.byline).toBe(byline);
      expect(article?.text).not.toContain(line);
    }
  });

  it('finds the sapo by its form when no adapter class matches: an h2, a lead-named box, a bold paragraph', () => {
    for (const sapo of [
      `<h2 class="x-summary-y">${SAPO}</h2>`,
      `<div class="article__chapeau"><p>${SAPO}</p></div>`,
      `<p><strong>${SAPO}</strong></p>`,
    ]) {
      const article = extract(
        `<h1>Sửa đường liên thôn</h1><div class="info"><b>THANH HÀ</b> 05-11-2022, 06:15</div>${sapo}<div class="x-content">${BODY}</div>`,
      );
      expect(article?.lead, sapo).toBe(SAPO);
      expect(article?.text.startsWith(SAPO)).toBe(true);
    }
  });

  it('never takes a block holding a script for the sapo', () => {
    const article = extract(
      `<h1>Sửa đường liên thôn</h1><div class="sapo-box"><script>window.x = "${SAPO}";</script></div><div class="x-content">${BODY}</div>`,
    );
    expect(article?.lead).toBeNull();
  });

  it('takes no lead when the body starts right after the headline', () => {
    const article = extract(
      `<h1>Sửa đường liên thôn</h1><div class="x-content">${BODY}<p><strong>${SAPO}</strong></p></div>`,
    );
    expect(article?.lead).toBeNull();
  });

  it('takes a bold opening paragraph for a lead on Vietnamese pages only', () => {
    const english = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i + 1}: residents gave their weekends, gave up strips of land and checked the work, so the road was finished almost a month ahead of the plan.</p>`,
    ).join('');
    const page = `<!doctype html><html lang="en"><head><title>Village road</title></head><body><h1>Village road</h1><p><b>Residents of a village have finished a road they built themselves over three months.</b></p>${english}</body></html>`;
    const { window, document } = parsePage(page, 'https://news.example.com/2026/11/09/village-road');
    windows.push(window);
    expect(extractArticle(document, 'https://news.example.com/2026/11/09/village-road')?.lead).toBeNull();
  });

  it('takes the author line under the headline, as printed, and never the site’s name', () => {
    const article = extract(
      `<h1>Sửa đường liên thôn</h1><div class="info"><a href="/tac-gia/nguyen-hai">NGUYỄN HẢI</a></div><div>${BODY}</div>`,
    );
    expect(article?.byline).toBe('NGUYỄN HẢI');
    const site = extract(
      `<h1>Sửa đường liên thôn</h1><div>${BODY}<p style="text-align:right"><strong>Báo Sông Hồng</strong></p></div>`,
      '<meta property="og:site_name" content="Báo Sông Hồng điện tử">',
    );
    expect(site?.byline).toBeNull();
  });

  it('cuts the site’s name from the title when no headline element says it, before or after', () => {
    const article = extract(
      `<div class="x-title">Sửa đường liên thôn</div><div>${BODY}</div>`,
      '<meta property="og:site_name" content="Báo Sông Hồng">',
    );
    expect(article?.title).toBe('Sửa đường liên thôn');
    const prefixed = extract(
      `<div class="x-title">Sửa đường liên thôn</div><div>${BODY}</div>`,
      '<title>Báo Sông Hồng điện tử - Sửa đường liên thôn</title>',
    );
    // Readability alone takes "Báo Sông Hồng điện tử" for the title here.
    expect(prefixed?.title).toBe('Sửa đường liên thôn');
    expect(prefixed?.siteName).toBe('Báo Sông Hồng điện tử');
  });

  it('reads the day-first time line at UTC+7', () => {
    const article = extract(
      `<h1>Sửa đường liên thôn</h1><div class="detail-time">Thứ Tư, 05/02/2020 - 08:02</div><div>${BODY}</div>`,
    );
    expect(article?.publishedAt).toBe('2020-02-05T08:02:00+07:00');
  });

  it('prints a caption once when the page prints it twice', () => {
    const caption = 'Người dân trải nhựa đoạn đường đầu thôn';
    const article = extract(
      `<h1>Sửa đường liên thôn</h1><div>${BODY.slice(0, 400)}<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="${caption}" title="${caption}"><figcaption>${caption}</figcaption></figure><p><em>${caption}</em></p>${BODY}</div>`,
    );
    expect(article?.text.split(caption).length).toBe(2);
    expect(article?.html).not.toContain(`title="${caption}"`);
  });

  it('drops related news, share bars, comment forms and the footer', () => {
    const article = extract(`<h1>Sửa đường liên thôn</h1><div class="content-detail">${BODY}
      <div class="box-tinlienquan"><h3>Tin liên quan</h3><ul><li><a href="/a-2561001/">Một tin khác hẳn</a></li></ul></div>
      <div class="chia-se">Chia sẻ: <a href="#fb">Facebook</a></div>
      <div class="binh-luan"><h3>Ý kiến bạn đọc</h3><form><textarea></textarea><button>Gửi ý kiến</button></form></div></div>
      <div class="footer">Tổng biên tập: Nguyễn Văn A. Tòa soạn: số 1 đường B.</div>`);
    for (const noise of [
      'Tin liên quan',
      'Một tin khác hẳn',
      'Chia sẻ',
      'Ý kiến bạn đọc',
      'Gửi ý kiến',
      'Tổng biên tập',
    ]) {
      expect(article?.text).not.toContain(noise);
    }
  });

  it('extracts decomposed (NFD) pages as NFC', () => {
    const article = extract(`<h1>Sửa đường liên thôn</h1><div>${BODY}</div>`.normalize('NFD'));
    expect(article?.title).toBe('Sửa đường liên thôn');
    expect(article?.text).toBe(article?.text.normalize('NFC'));
    expect(article?.text).toContain('các hộ dân trong thôn');
  });

  it('sanitises the HTML', () => {
    const article = extract(
      `<h1>Sửa đường liên thôn</h1><div>${BODY}<p>Xem <a href="javascript:alert(1)" onclick="alert(2)">ảnh</a><img src="x" onerror="alert(3)"><script>alert(4)</script></p></div>`,
    );
    expect(article?.html).not.toMatch(/javascript:|onclick|onerror|<script/i);
  });

  it('resolves the canonical address and the main image', () => {
    const article = extract(
      `<h1>Sửa đường liên thôn</h1><div>${BODY}</div>`,
      '<link rel="canonical" href="/tin-tuc/xa-hoi/202611/sua-duong-lien-thon-2561234/"><meta property="og:image" content="/anh/duong.jpg">',
    );
    expect(article?.canonicalUrl).toBe(URL_VI);
    expect(article?.mainImage).toBe('https://songhong.example.vn/anh/duong.jpg');
  });

  it('returns null when there is no article to find', () => {
    expect(extract('')).toBeNull();
  });
});
