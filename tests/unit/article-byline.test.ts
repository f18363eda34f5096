// Author lines → bylines, labels stripped.
import { describe, expect, it } from 'vitest';
import { cleanByline, parseBylineLine } from '@/utils/article/byline';

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
  ])('%s → %s', (line, byline) => {
    expect(parseBylineLine(line)).toBe(byline);
  });

  it('reads decomposed (NFD) lines', () => {
    expect(parseBylineLine('Bài và ảnh: Xuân Thu'.normalize('NFD'))).toBe('Xuân Thu');
  });

  it('accepts a bare name only when asked, and title-cases capitals', () => {
    expect(parseBylineLine('Xuân Thu')).toBeNull();
    expect(parseBylineLine('Xuân Thu', { bare: true })).toBe('Xuân Thu');
    expect(parseBylineLine('NGỌC ANH', { bare: true })).toBe('Ngọc Anh');
  });

  it.each([
    [
      'Theo tính toán của hợp tác xã, mỗi tấn lúa sấy tại lò mới giúp xã viên tiết kiệm khoảng 150 nghìn đồng.',
    ],
    ['Theo ông Lộc'.toLowerCase()],
    ['Ảnh minh họa'],
    ['Sau hai tuần chạy thử, lò sấy đã xử lý hơn 450 tấn lúa.'],
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
