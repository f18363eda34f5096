import search from 'approx-string-match';
import { describe, expect, it } from 'vitest';
import type { Selector } from '../selectors';
import { anchor, anchorInIndex } from './anchor';
import { describeOffsets } from './describe';
import { MIN_QUOTE_SIMILARITY } from './fuzzy';

const ORIGINAL =
  'Chiều 5/2, Ủy ban nhân dân tỉnh Nam Định tổ chức hội nghị tổng kết công tác năm 2024 và triển khai ' +
  'nhiệm vụ năm 2025. Tại hội nghị, các đại biểu đã thảo luận sôi nổi.';
const QUOTE = 'tổ chức hội nghị tổng kết công tác năm 2024';
const EDITED_QUOTE = 'tổ chức hội nghị sơ kết công tác năm 2024'; // one word changed

/** Selectors as describe() saved them on the original text. */
function saved(text: string, exact: string): Selector[] {
  const start = text.indexOf(exact);
  return describeOffsets({ text }, start, start + exact.length) ?? [];
}

describe('fuzzy anchoring', () => {
  it('finds a quote with one word changed, on exactly the new words', () => {
    const selectors = saved(ORIGINAL, QUOTE);
    const page = `Tin mới cập nhật. ${ORIGINAL.replace(QUOTE, EDITED_QUOTE)}`;
    const start = page.indexOf(EDITED_QUOTE);
    expect(start).toBe(59);
    expect(anchorInIndex({ text: page }, selectors)).toEqual({ start: 59, end: 59 + 41, exactMatch: false });
  });

  it('returns null when the passage is gone and only a look-alike sentence with other context remains', () => {
    const text =
      'Chiều 5/2, Ủy ban nhân dân tỉnh Nam Định tổ chức hội nghị tổng kết công tác năm 2024. Tại hội nghị, ...';
    const exact = 'Ủy ban nhân dân tỉnh Nam Định tổ chức hội nghị tổng kết công tác năm 2024';
    const selectors = saved(text, exact);
    const page =
      'Thời tiết hôm nay nắng nhẹ, nhiệt độ cao nhất 25 độ. Theo kế hoạch, Ủy ban nhân dân huyện Nam Trực ' +
      'tổ chức hội nghị sơ kết công tác năm 2025 vào tuần tới. Giá lúa tăng nhẹ.';
    // The look-alike is close enough to pass the quote test on its own: only context can reject it.
    const [lookAlike] = search(page, exact, 18);
    expect(1 - (lookAlike?.errors ?? 99) / exact.length).toBeGreaterThanOrEqual(MIN_QUOTE_SIMILARITY);
    expect(anchorInIndex({ text: page }, selectors)).toBeNull();
    expect(anchorInIndex({ text: page }, [selectors[0] as Selector])).toBeNull();
  });

  it('finds the edited passage even when a closer look-alike elsewhere has fewer errors', () => {
    const selectors = saved(ORIGINAL, QUOTE);
    const lookAlike = 'Năm ngoái, xã đã tổ chức hội nghị tổng kết công tác năm 2023 tại nhà văn hóa. ';
    const filler = 'Đoạn văn không liên quan đến bài viết. '.repeat(80);
    const page = `${lookAlike}${filler}${ORIGINAL.replace(QUOTE, EDITED_QUOTE)}`;
    const start = page.indexOf(EDITED_QUOTE);
    expect(start).toBe(3239);
    const expected = { start, end: start + EDITED_QUOTE.length, exactMatch: false };
    expect(anchorInIndex({ text: page }, [selectors[0] as Selector])).toEqual(expected); // no position: whole text
    expect(anchorInIndex({ text: page }, selectors)).toEqual(expected); // stale position
  });

  it('does not fuzzy-match quotes too short to allow an error', () => {
    expect(anchorInIndex({ text: 'Nam Định, Nam Trực' }, saved('Nom Định', 'Nom'))).toBeNull();
  });

  it('anchors an edited passage in the DOM, NFD page included', () => {
    const selectors = saved(ORIGINAL, QUOTE);
    document.body.innerHTML = `<p>${ORIGINAL.replace(QUOTE, EDITED_QUOTE).normalize('NFD')}</p>`;
    const range = anchor(document.body, selectors);
    expect(range?.toString().normalize('NFC')).toBe(EDITED_QUOTE);
  });
});
