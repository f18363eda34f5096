import { describe, expect, it } from 'vitest';
import type { Selector, TextPositionSelector, TextQuoteSelector } from '../selectors';
import { anchorInIndex } from './anchor';

const quote = (exact: string, prefix = '', suffix = ''): TextQuoteSelector => ({
  type: 'TextQuoteSelector',
  exact,
  prefix,
  suffix,
});
const position = (start: number, end: number): TextPositionSelector => ({
  type: 'TextPositionSelector',
  start,
  end,
});
const find = (text: string, ...selectors: Selector[]) => anchorInIndex({ text }, selectors);

const RAIN = 'Sáng nay, Hà Nội mưa nhỏ. Chiều nay, Hà Nội mưa nhỏ rồi tạnh.'; // "Hà Nội mưa nhỏ" at 10 and 37

describe('anchorInIndex', () => {
  it('finds a single exact match', () => {
    const text = 'Đại hội Đảng bộ tỉnh Nam Định lần thứ XX thành công tốt đẹp.';
    expect(find(text, quote('Nam Định'))).toEqual({ start: 21, end: 29, exactMatch: true });
  });

  it('takes a position selector whose text and context match the quote', () => {
    // Position wins over search order: the first copy would be found first by a plain search.
    const result = find(RAIN, quote('Hà Nội mưa nhỏ', 'Chiều nay, ', ' rồi tạnh'), position(37, 51));
    expect(result).toEqual({ start: 37, end: 51, exactMatch: true });
  });

  it('does not take a position that holds the quote but not its context when another copy fits', () => {
    const result = find(RAIN, quote('Hà Nội mưa nhỏ', 'Chiều nay, ', ' rồi tạnh'), position(10, 24));
    expect(result).toEqual({ start: 37, end: 51, exactMatch: true });
  });

  it('keeps a position whose context was edited when no copy fits better', () => {
    const edited = 'Tối qua, Hà Nội mưa nhỏ. Chiều nay, Hà Nội mưa nhỏ rồi tạnh.'; // copies at 9 and 36
    const result = find(edited, quote('Hà Nội mưa nhỏ', 'Sáng nay, ', '. Chiều'), position(9, 23));
    expect(result).toEqual({ start: 9, end: 23, exactMatch: true });
  });

  it('resolves a repeated phrase by its prefix and suffix', () => {
    expect(find(RAIN, quote('Hà Nội mưa nhỏ', 'Chiều nay, ', ' rồi tạnh'))).toEqual({
      start: 37,
      end: 51,
      exactMatch: true,
    });
    expect(find(RAIN, quote('Hà Nội mưa nhỏ', 'Sáng nay, ', '. Chiều'))).toEqual({
      start: 10,
      end: 24,
      exactMatch: true,
    });
  });

  it('resolves by prefix alone when suffixes are equal', () => {
    const text = 'Sáng nay: trời mưa. Chiều nay: trời mưa.';
    expect(find(text, quote('trời mưa', 'Chiều nay: ', '.'))).toEqual({
      start: 31,
      end: 39,
      exactMatch: true,
    });
  });

  it('resolves by suffix alone when prefixes are equal', () => {
    const text = 'Lúa xuân tốt. Lúa xuân tốt, ngô tốt. Lúa xuân tốt.';
    expect(find(text, quote('Lúa xuân tốt', '. ', ', ngô'))).toEqual({
      start: 14,
      end: 26,
      exactMatch: true,
    });
  });

  it('prefers context over a stale position that now points at the other occurrence', () => {
    // A paragraph inserted above shifted the text by 37: the old position (37) now lands near the first copy.
    const shifted = `Tin mới cập nhật lúc 8 giờ sáng nay. ${RAIN}`; // copies now at 47 and 74
    const stale = position(37, 51);
    expect(find(shifted, quote('Hà Nội mưa nhỏ', 'Chiều nay, ', ' rồi tạnh'), stale)).toEqual({
      start: 74,
      end: 88,
      exactMatch: true,
    });
  });

  it('breaks a tie in context by closeness to the old position', () => {
    const text = 'Lúa xuân tốt. Lúa xuân tốt. Lúa xuân tốt.'; // copies at 0, 14, 28
    const q = quote('Lúa xuân tốt', '. ', '.');
    expect(find(text, q, position(15, 27))).toEqual({ start: 14, end: 26, exactMatch: true });
    expect(find(text, q, position(30, 42))).toEqual({ start: 28, end: 40, exactMatch: true });
  });

  it('falls back to the quote when the position selector is out of range or malformed', () => {
    const text = 'Đại hội Đảng bộ tỉnh Nam Định lần thứ XX thành công tốt đẹp.';
    expect(find(text, quote('Nam Định'), position(500, 508))).toEqual({
      start: 21,
      end: 29,
      exactMatch: true,
    });
    expect(find(text, quote('Nam Định'), position(25, 21))).toEqual({ start: 21, end: 29, exactMatch: true });
    expect(find(text, quote('Nam Định'), position(-3, 5))).toEqual({ start: 21, end: 29, exactMatch: true });
  });

  it('matches a quote saved in NFD against NFC text, and with other whitespace', () => {
    const text = 'Kết quả đại hội Đảng bộ tỉnh.';
    const nfd = 'Ke\u0302\u0301t qua\u0309\n  đa\u0323i';
    expect(find(text, quote(nfd, '', ' ho\u0302\u0323i'))).toEqual({ start: 0, end: 11, exactMatch: true });
    expect(find(text, quote(nfd), position(0, 11))).toEqual({ start: 0, end: 11, exactMatch: true });
  });

  it('returns null when the passage is gone', () => {
    expect(find(RAIN, quote('Hà Nội nắng to', 'Sáng nay, ', '.'), position(10, 24))).toBeNull();
  });

  it('returns null for an empty or whitespace-only quote', () => {
    expect(find(RAIN, quote(' \n '), position(10, 24))).toBeNull();
  });

  it('trusts a valid position when there is no quote to check it against', () => {
    expect(find(RAIN, position(10, 24))).toEqual({ start: 10, end: 24, exactMatch: true });
    expect(find(RAIN, position(10, 99))).toBeNull();
    expect(find(RAIN)).toBeNull();
  });
});
