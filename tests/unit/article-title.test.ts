// Titles without the site's name around them, and the site's name read from <title> when nothing else says.
import { describe, expect, it } from 'vitest';
import { cleanTitle, siteNameFromTitle } from '@/utils/article/title';

describe('cleanTitle', () => {
  it.each([
    [
      'Harbour town votes to ban cars - BBC News',
      ['BBC News'],
      'www.bbc.co.uk',
      'Harbour town votes to ban cars',
    ],
    ['Harbour town votes to ban cars - BBC News', ['BBC'], 'www.bbc.co.uk', 'Harbour town votes to ban cars'],
    ['Chợ nổi đón khách | VnExpress', [], 'vnexpress.net', 'Chợ nổi đón khách'],
    [
      'Chợ nổi đón khách - Du lịch - VnExpress',
      ['VnExpress'],
      'vnexpress.net',
      'Chợ nổi đón khách - Du lịch',
    ],
    ['Báo Hải Dương điện tử - Nông dân xuống giống', [], 'baohaiduong.vn', 'Nông dân xuống giống'],
    ['Les abeilles reviennent – Le Monde', ['Le Monde.fr'], 'www.lemonde.fr', 'Les abeilles reviennent'],
    ['Les abeilles reviennent | Le Monde.fr', [], 'www.lemonde.fr', 'Les abeilles reviennent'],
    ['Cảng đón tàu lớn | Vietnam+ (VietnamPlus)', ['VietnamPlus'], 'www.vietnamplus.vn', 'Cảng đón tàu lớn'],
    [
      '宇航员在太空中喝酒会怎么样 _探索者 _光明网',
      ['光明网'],
      'tech.gmw.cn',
      '宇航员在太空中喝酒会怎么样 _探索者',
    ],
    ['Lúa tăng giá - Tuổi Trẻ Online', [], 'tuoitre.vn', 'Lúa tăng giá'],
  ])('%s → without the site', (title, names, host, clean) => {
    expect(cleanTitle(title, { names, host })).toBe(clean);
  });

  it.each([
    ['Tuyến đường sắt Hà Nội - Hải Phòng chạy thêm chuyến', ['Báo Nhân Dân điện tử'], 'nhandan.vn'],
    ['Spain - Portugal: a border that vanished', ['The Gazette'], 'gazette.example.com'],
    ['Hợp tác xã Đồng Tiến: lò sấy mới', ['Báo Nam Định'], 'baonamdinh.vn'],
    ['BBC News', ['BBC News'], 'www.bbc.co.uk'],
  ])('keeps %s whole: no part names the site, or nothing would be left', (title, names, host) => {
    expect(cleanTitle(title, { names, host })).toBe(title);
  });

  it('keeps a real dash inside once the suffix is cut', () => {
    expect(
      cleanTitle('Tuyến đường sắt Hà Nội - Hải Phòng chạy thêm chuyến | Báo Nhân Dân điện tử', {
        names: ['Báo Nhân Dân điện tử'],
        host: 'nhandan.vn',
      }),
    ).toBe('Tuyến đường sắt Hà Nội - Hải Phòng chạy thêm chuyến');
  });
});

describe('siteNameFromTitle', () => {
  it('reads the name printed before or after the headline', () => {
    expect(siteNameFromTitle('Báo Hải Dương điện tử - Nông dân xuống giống', 'Nông dân xuống giống')).toBe(
      'Báo Hải Dương điện tử',
    );
    expect(siteNameFromTitle('Lúa tăng giá - Kinh tế - Tin Mới', 'Lúa tăng giá')).toBe('Tin Mới');
  });

  it('says nothing when <title> is the headline alone or adds a sentence', () => {
    expect(siteNameFromTitle('Lúa tăng giá', 'Lúa tăng giá')).toBeNull();
    expect(siteNameFromTitle('Something else entirely', 'Lúa tăng giá')).toBeNull();
    expect(
      siteNameFromTitle('Lúa tăng giá - vì sao giá lúa tăng mạnh trong mùa mưa năm nay', 'Lúa tăng giá'),
    ).toBeNull();
  });
});
