// Author lines → bylines, labels stripped, names as printed; the site's own name is never a byline.
import { afterAll, describe, expect, it } from 'vitest';
import {
  cjkCredit,
  cjkSource,
  cleanByline,
  namesSite,
  parseBylineLine,
  pickByline,
  withoutSiteName,
} from '@/utils/article/byline';
import { bylineNearHeadline } from '@/utils/article/byline-near';
import { readNearHeadline } from '@/utils/article/near-headline';
import { parsePage } from '../support/page-window';

const windows: { happyDOM: { close(): Promise<void> } }[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

describe('parseBylineLine', () => {
  it.each([
    ['Bài và ảnh: Xuân Thu', 'Xuân Thu'],
    ['Bài, ảnh: Thanh Bình', 'Thanh Bình'],
    ['Tin, ảnh: Hoàng Long', 'Hoàng Long'],
    ['Tin và ảnh: Minh Hằng', 'Minh Hằng'],
    ['Bài: Minh Anh - Ảnh: Hồng Nhung', 'Minh Anh, Hồng Nhung'],
    ['Bài và ảnh: Xuân Thu./.', 'Xuân Thu'],
    ['Theo TTXVN', 'TTXVN'],
    ['Theo VOV', 'VOV'],
    ['(Theo Báo Nhân Dân)', 'Báo Nhân Dân'],
    ['Văn Tuấn (TTXVN)', 'Văn Tuấn (TTXVN)'],
    ['By Jane Doe', 'Jane Doe'],
    ['By Jane Doe | Updated March 3', 'Jane Doe'],
    ['Par Claire Dupont', 'Claire Dupont'],
    ['Par Claire Dupont le 04.05.2015 à 13h36', 'Claire Dupont'],
    ['By Steven Mufson March 18 at 12:22 PM Follow @StevenMufson', 'Steven Mufson'],
    ['By Ben Silverman Games Editor', 'Ben Silverman'],
    ['By Jane Doe, Environment correspondent', 'Jane Doe'],
    ['By GILLIAN MOHNEY March 11, 2015 3:46 PM', 'GILLIAN MOHNEY'],
    ['By Jean de La Fontaine', 'Jean de La Fontaine'],
    ['Par Alexandre Hervaud et Jérémy Piette', 'Alexandre Hervaud et Jérémy Piette'],
    ['Von Anna Berg am 19.11.2019', 'Anna Berg'],
    ['By Chris Pokorny@BrownsByChris', 'Chris Pokorny'],
    ['By Sherif Saed, Wednesday', 'Sherif Saed'],
    ['By Sherif Saed, Wednesday, 20th November 2019 08:39 GMT', 'Sherif Saed'],
    ['By Jeff Foust Monday, November 18, 2019', 'Jeff Foust'],
    ['By Tom Davies Associated Press', 'Tom Davies'],
    ['By Marcus De Guzman View More Articles', 'Marcus De Guzman'],
    ['By Umair Irfan Updated Nov 19, 2019', 'Umair Irfan'],
    ['by jdadmin', 'jdadmin'],
    ['By Corey Kilgannon Feb. 3, 2017', 'Corey Kilgannon'],
    ['by Lucas Nolan22 Dec 2016651', 'Lucas Nolan'],
    ['Par Martin Untersinger (avec Damien Leloup)', 'Martin Untersinger (avec Damien Leloup)'],
    ['Von Anna Berg', 'Anna Berg'],
    ['di Marco Rossi', 'Marco Rossi'],
    ['Bài, ảnh: ĐỖ HÀ', 'ĐỖ HÀ'],
    ['Nhóm phóng viên', 'Nhóm phóng viên'],
    ['Nhóm phóng viên: Minh Anh, Hoàng Long', 'Minh Anh, Hoàng Long'],
    ['Theo Báo Hải Dương điện tử', 'Báo Hải Dương điện tử'],
    ['Theo Vietnam+', 'Vietnam+'],
    ['Minh Sơn (TTXVN/Vietnam+)', 'Minh Sơn (TTXVN/Vietnam+)'],
    ['(TTXVN/Vietnam+)', 'TTXVN/Vietnam+'],
  ])('%s → %s', (line, byline) => {
    expect(parseBylineLine(line)).toBe(byline);
  });

  it('reads decomposed (NFD) lines', () => {
    expect(parseBylineLine('Bài và ảnh: Xuân Thu'.normalize('NFD'))).toBe('Xuân Thu');
  });

  it('accepts a bare name or list of names only when asked, and keeps capitals as printed', () => {
    expect(parseBylineLine('Xuân Thu')).toBeNull();
    expect(parseBylineLine('Xuân Thu', { bare: true })).toBe('Xuân Thu');
    expect(parseBylineLine('NGỌC ANH', { bare: true })).toBe('NGỌC ANH');
    // A job title after the comma is the name's, not a second author ("Ap Auto" came out as one).
    expect(parseBylineLine('Tom Krisher, Ap Auto Writer', { bare: true })).toBe('Tom Krisher');
    expect(parseBylineLine('Jane Doe, Staff Writer, John Roe', { bare: true })).toBe('Jane Doe, John Roe');
    expect(parseBylineLine('TTXVN', { bare: true })).toBe('TTXVN');
    // A reporter with the agency and bureau, as printed at the end of VOV's and TTXVN's articles.
    expect(parseBylineLine('Thu Trang/VOV-Miền Trung', { bare: true })).toBe('Thu Trang/VOV-Miền Trung');
    // "Mai" is also May in French and German; only before a number is it a month.
    expect(parseBylineLine('Hoàng Mai', { bare: true })).toBe('Hoàng Mai');
    expect(parseBylineLine('Hoàng Mai, Thanh Tùng', { bare: true })).toBe('Hoàng Mai, Thanh Tùng');
    expect(parseBylineLine('Minh Anh - Hoàng Long', { bare: true })).toBe('Minh Anh, Hoàng Long');
    expect(parseBylineLine('Mike Wuerthele and Malcolm Owen Monday', { bare: true })).toBe(
      'Mike Wuerthele, Malcolm Owen',
    );
    expect(parseBylineLine('Hoàng Mai, Thanh Tùng')).toBeNull();
    // "Di" starts Vietnamese names; only the Italian label "di" in lower case is one.
    expect(parseBylineLine('Di Linh')).toBeNull();
  });

  it.each([
    [
      'Theo tính toán của hợp tác xã, mỗi tấn lúa sấy tại lò mới giúp xã viên tiết kiệm khoảng 150 nghìn đồng.',
    ],
    ['Theo ông Lộc'.toLowerCase()],
    ['Ảnh minh họa'],
    ['Sau hai tuần chạy thử, lò sấy đã xử lý hơn 450 tấn lúa.'],
    ['Theo ông Lộc, lò sấy mới giúp tiết kiệm chi phí'],
    ['By the numbers'],
    ['Xã hội'],
    ['6 Days (film, 1h34, Netflix)'],
    [''],
  ])('rejects a sentence: %s', (line) => {
    expect(parseBylineLine(line, { bare: true })).toBeNull();
  });
});

describe('cleanByline', () => {
  it('strips labels from metadata values and keeps plain names', () => {
    expect(cleanByline('By  Margaret Ellison')).toBe('Margaret Ellison');
    expect(cleanByline('Margaret Ellison')).toBe('Margaret Ellison');
    expect(cleanByline('https://example.com/staff/me')).toBeNull();
    expect(cleanByline('')).toBeNull();
  });
});

describe('the site is not an author', () => {
  it.each([
    ['BBC News', ['BBC'], 'www.bbc.co.uk'],
    ['BBC News', ['BBC News'], 'example.com'],
    ['Báo Nam Định', ['Báo Nam Định điện tử'], 'baonamdinh.vn'],
    ['VnExpress', [], 'vnexpress.net'],
    ['Tuổi Trẻ', [], 'tuoitre.vn'],
    ['LE MONDE', ['Le Monde.fr'], 'www.lemonde.fr'],
    ['VnExpress Online', [], 'vnexpress.net'],
    ['VOV', ['VOV.VN'], 'vov.vn'],
  ])('%s on %j (%s)', (byline, names, host) => {
    expect(namesSite(byline, names, host)).toBe(true);
  });

  it.each([
    ['Reuters', ['BBC'], 'www.bbc.co.uk'],
    ['TTXVN', ['Báo Nam Định điện tử'], 'baonamdinh.vn'],
    ['Nguyễn Hải', ['Tuổi Trẻ Online'], 'tuoitre.vn'],
    ['Thanh Hà', ['Báo Nhân Dân điện tử'], 'nhandan.vn'],
    ['Thu Trang/VOV-Miền Trung', ['VOV.VN'], 'vov.vn'],
    ['BBC Sport reporter Jane Doe', ['BBC'], 'www.bbc.co.uk'],
  ])('but %s on %j (%s) is', (byline, names, host) => {
    expect(namesSite(byline, names, host)).toBe(false);
  });

  it('pickByline takes the first real byline: not the site, not a line that swallowed a date', () => {
    expect(pickByline([null, 'BBC News', 'Reuters'], ['BBC'], 'www.bbc.co.uk')).toBe('Reuters');
    expect(
      pickByline(['Hoàng Mai Thứ tư, 08/03/2023 - 07:15', 'Hoàng Mai'], ['Dân trí'], 'dantri.com.vn'),
    ).toBe('Hoàng Mai');
    expect(pickByline(['', 'BBC News'], ['BBC'], 'www.bbc.co.uk')).toBeNull();
  });

  it.each([
    ['Elliot Brownstein Florida Today', ['Florida Today'], 'www.floridatoday.com', 'Elliot Brownstein'],
    ['Jane Doe, BBC News', ['BBC'], 'www.bbc.com', 'Jane Doe'],
    ['Minh Hòa | VnExpress', ['Báo VnExpress'], 'vnexpress.net', 'Minh Hòa'],
    ['Anna Berg / SPIEGEL', [], 'www.spiegel.de', 'Anna Berg'],
    // Not the site's whole name, or no name left: as given.
    ['Minh Hòa/VOV-Tây Bắc', ['VOV'], 'vov.vn', 'Minh Hòa/VOV-Tây Bắc'],
    ['Jane Today', ['Florida Today'], 'www.floridatoday.com', 'Jane Today'],
    ['Jean Le', ['Le Monde'], 'www.lemonde.fr', 'Jean Le'],
    ['Florida Today', ['Florida Today'], 'www.floridatoday.com', 'Florida Today'],
    ['Jane Doe, Reuters', ['BBC'], 'www.bbc.com', 'Jane Doe, Reuters'],
  ])('the site name after a reporter is cut: %s on %j', (byline, names, host, want) => {
    expect(withoutSiteName(byline, names, host)).toBe(want);
  });

  it('pickByline gives the reporter, never the site, when a credit prints both', () => {
    expect(pickByline(['Elliot Brownstein Florida Today'], ['Florida Today'], 'www.floridatoday.com')).toBe(
      'Elliot Brownstein',
    );
    expect(pickByline(['Florida Today', 'Jane Doe'], ['Florida Today'], 'www.floridatoday.com')).toBe(
      'Jane Doe',
    );
    // A personal blog named after its author keeps the name.
    expect(pickByline(['Jane Doe'], ['Jane Doe'], 'janedoe.net', ['Jane Doe'])).toBe('Jane Doe');
  });
});

describe('credits in Chinese, Japanese and Korean', () => {
  it.each([
    ['2026-12-05 08:30 来源：江城日报 记者 李晓红', '李晓红'],
    ['本报记者 李晓红 王明', '李晓红 王明'],
    ['作者：李晓红、王明', '李晓红、王明'],
    ['新华社北京12月5日电（记者李明）', '李明'],
    ['记者李明报道', '李明'],
    ['文/张三', '张三'],
    ['記者 佐藤 美咲', '佐藤 美咲'],
    ['記者：佐藤美咲', '佐藤美咲'],
    ['[엔터미디어=정덕현 기자]', '정덕현'],
    ['홍길동 기자 hong@example.kr', '홍길동'],
    ['홍길동 선임기자', '홍길동'],
    ['[워싱턴=뉴시스] 김민수 특파원', '김민수'],
    ['이지은 논설위원', '이지은'],
    ['글·사진 박서준', '박서준'],
    ['글=박서준', '박서준'],
  ])('%s → %s', (line, want) => {
    expect(cjkCredit(line)).toBe(want);
    expect(parseBylineLine(line)).toBe(want);
  });

  it('the reporter before the source; a source or editor only as a last resort; never the editor in charge', () => {
    expect(cjkCredit('来源：新华社 记者 李明')).toBe('李明');
    expect(cjkCredit('来源：新华社')).toBeNull();
    expect(cjkSource('2026-12-05 来源：新华社')).toBe('新华社');
    expect(cjkSource('编辑：王晨')).toBe('王晨');
    expect(cjkSource('（责任编辑：王晨）')).toBeNull();
    expect(pickByline([null, null, '新华社'], ['江城日报'], 'www.jiangcheng-daily.example')).toBe('新华社');
    expect(parseBylineLine('（责任编辑：王晨）')).toBeNull();
    expect(parseBylineLine('江南小城试点夜间公交')).toBeNull();
    expect(parseBylineLine('记者')).toBeNull();
  });
});

describe('the byline near the headline', () => {
  const PROSE = Array.from(
    { length: 5 },
    (_, i) =>
      `<p>Đoạn ${i + 1}: người dân trong xã đã cùng nhau góp ngày công, hiến đất và theo dõi chất lượng thi công, nhờ vậy con đường mới hoàn thành sớm hơn kế hoạch gần một tháng.</p>`,
  ).join('');
  const near = (before: string, after: string, vietnamese = true) => {
    const html = `<!doctype html><html lang="vi"><body><div class="top"><a href="/">TIN MỚI</a></div><div class="main">${before}<h1>Mở đường mới</h1>${after}<div>${PROSE}</div></div></body></html>`;
    const { window, document } = parsePage(html, 'https://tinmoi.example.vn/a-123456.htm');
    windows.push(window);
    return bylineNearHeadline(
      readNearHeadline(document.querySelector('h1') as Element),
      ['Tin Mới'],
      'tinmoi.example.vn',
      vietnamese,
    );
  };

  it.each([
    ['a name in capitals', '<div class="x">NGUYỄN HẢI</div>', 'NGUYỄN HẢI'],
    [
      'a name linked to its author page',
      '<div><a href="/tac-gia/hoang-mai.htm">Hoàng Mai</a></div>',
      'Hoàng Mai',
    ],
    [
      'names marked as authors',
      '<div class="post-author"><b>Hoàng Mai</b>, <b>Thanh Tùng</b></div>',
      'Hoàng Mai, Thanh Tùng',
    ],
    ['a labelled line', '<p>Bài và ảnh: Xuân Thu</p>', 'Xuân Thu'],
    [
      'an author beside the time line',
      '<div class="meta"><span class="x">THANH HÀ</span> 05-11-2022, 06:15</div>',
      'THANH HÀ',
    ],
    [
      '"Par" after the paper’s name',
      '<p>Le Monde | <span itemprop="author">Claire Dupont</span></p>',
      'Claire Dupont',
    ],
  ])('%s', (_, after, byline) => {
    expect(near('', after)).toBe(byline);
  });

  it('reads a credit whose parts are separate elements with spaces between them', () => {
    const after = '<div class="author"><a href="/author/meg-james">Meg James</a><span>Staff</span></div>';
    expect(near('', after, false)).toBe('Meg James');
  });

  it('takes a line in capitals for a byline on Vietnamese pages only', () => {
    expect(near('', '<div class="x">NGUYỄN HẢI</div>', false)).toBeNull();
    expect(near('', '<div class="x">NGUYỄN HẢI</div>', true)).toBe('NGUYỄN HẢI');
  });

  it.each([
    ['a capitalised kicker before the headline', '<div class="kicker">THỜI SỰ</div>', ''],
    ['a section link in capitals after it', '', '<div><a href="/kinh-te">KINH TẾ</a></div>'],
    ['a bare name with nothing marking it', '', '<div>Hoàng Mai</div>'],
    ['the site’s own name', '', '<div class="author">TIN MỚI</div>'],
    ['a photo credit in a caption', '', '<figure><figcaption>Ảnh: Xuân Thu</figcaption></figure>'],
  ])('not %s', (_, before, after) => {
    expect(near(before, after)).toBeNull();
  });
});
