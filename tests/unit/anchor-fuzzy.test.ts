import search from 'approx-string-match';
import { describe, expect, it } from 'vitest';
import { anchor, anchorInIndex } from '@/utils/anchoring/anchor';
import { describeOffsets } from '@/utils/anchoring/describe';
import {
  boundedEditDistance,
  type FuzzyQuote,
  fuzzyBracketed,
  fuzzyInPlace,
  fuzzyMatch,
  MIN_QUOTE_SIMILARITY,
} from '@/utils/anchoring/fuzzy';
import type { Selector, TextPositionSelector } from '@/utils/selectors';
import { seededRandom } from '../support/seeded-random';

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

const FILLER = 'Đoạn văn không liên quan đến bài viết. '.repeat(4);

describe('fuzzy anchoring near the shifted position', () => {
  const PLACES = ['Nam Định', 'Nam Trực', 'Ý Yên', 'Hải Hậu', 'Giao Thủy', 'Xuân Trường', 'Vụ Bản', 'Mỹ Lộc'];
  const TOPICS = [
    'giáo dục',
    'y tế',
    'nông nghiệp',
    'giao thông',
    'du lịch',
    'văn hóa',
    'thể thao',
    'môi trường',
  ];
  /** Thirty paragraphs, each with one sentence of its own (the quote) between shared boilerplate. */
  const paragraphs = Array.from({ length: 30 }, (_, i) => {
    const place = PLACES[i % PLACES.length];
    const topic = TOPICS[(i * 3) % TOPICS.length];
    return (
      `Tin ${i + 1}. Phóng viên báo Nam Định cho biết thêm. Huyện ${place} đã tổ chức hội nghị về ${topic} ` +
      `lần thứ ${i + 3} với ${40 + i * 7} đại biểu tham dự. Các đại biểu đã thảo luận sôi nổi. ${FILLER}`
    );
  });
  const quoteOf = (i: number) => {
    const p = paragraphs[i] as string;
    const from = p.indexOf('Huyện');
    return p.slice(from, p.indexOf('tham dự.') + 'tham dự.'.length);
  };
  const ids = [1, 4, 7, 10, 13, 16, 19, 22, 25, 28];
  const original = paragraphs.join(' ');
  const saved = ids.map((i) => {
    const start = original.indexOf(quoteOf(i));
    return describeOffsets({ text: original }, start, start + quoteOf(i).length) ?? [];
  });
  const edit = (q: string) => q.replace('hội nghị', 'hội thảo'); // one word changed
  const inserted = `Cập nhật lúc 9 giờ: ${'Bài viết đã được bổ sung thông tin mới. '.repeat(18)}`; // ~730 characters
  /** The page today: a paragraph inserted at the top, one word changed in three of the quotes. */
  const page = `${inserted}${paragraphs.map((p, i) => ([4, 13, 22].includes(i) ? p.replace(quoteOf(i), edit(quoteOf(i))) : p)).join(' ')}`;

  const oldStart = (selectors: Selector[]) =>
    selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector')?.start;

  function inReadingOrder(hint: (shift: number) => number | undefined) {
    let shift = 0;
    return saved.map((selectors) => {
      const match = anchorInIndex({ text: page }, selectors, hint(shift));
      const old = oldStart(selectors);
      if (match && old !== undefined) shift = match.start - old;
      return match;
    });
  }

  it('an edited word: the window around the shifted position picks what the wider search picks', () => {
    const withoutHint = inReadingOrder(() => undefined);
    expect(inReadingOrder((shift) => shift)).toEqual(withoutHint);
    // A wrong hint falls back to the wider search and still finds the same passages.
    expect(inReadingOrder(() => 40_000)).toEqual(withoutHint);
    expect(inReadingOrder(() => 0)).toEqual(withoutHint);
    ids.forEach((i, k) => {
      const edited = [4, 13, 22].includes(i);
      const text = edited ? edit(quoteOf(i)) : quoteOf(i);
      const start = page.indexOf(text);
      expect(withoutHint[k]).toEqual({ start, end: start + text.length, exactMatch: !edited });
    });
  });

  it('fuzzyMatch finds the same passage with the right shift, a wrong one, or none', () => {
    const i = 13;
    const selectors = saved[ids.indexOf(i)] ?? [];
    const old = oldStart(selectors) ?? 0;
    const start = page.indexOf(edit(quoteOf(i)));
    const expected = { start, end: start + edit(quoteOf(i)).length };
    const quote = selectors[0] as FuzzyQuote;
    expect(fuzzyMatch(page, quote, old, start - old)).toEqual(expected);
    expect(fuzzyMatch(page, quote, old, -5000)).toEqual(expected);
    expect(fuzzyMatch(page, quote, old)).toEqual(expected);
    expect(fuzzyMatch(page, quote)).toEqual(expected);
  });
});

describe('fuzzyInPlace: a passage edited between its intact prefix and suffix', () => {
  const selectorsOf = (text: string, exact: string) => {
    const [q, p] = saved(text, exact) as [FuzzyQuote & { type: string }, TextPositionSelector];
    return { quote: { exact: q.exact, prefix: q.prefix, suffix: q.suffix }, start: p.start };
  };

  it('takes exactly what lies between the context, whichever word of the quote was changed', () => {
    const { quote, start } = selectorsOf(ORIGINAL, QUOTE);
    for (const edited of [
      EDITED_QUOTE,
      'tổ chức hội nghị tổng kết công tác năm 2025', // the last word
      'Tổ chức hội nghị tổng kết công tác năm 2024', // the first letter
      'tổ chức hội thảo tổng kết công tác năm 2024',
    ]) {
      const page = `Tin mới. ${ORIGINAL.replace(QUOTE, edited)}`;
      const at = page.indexOf(edited);
      expect(fuzzyInPlace(page, quote, start, 9), edited).toEqual({ start: at, end: at + edited.length });
      // Agrees with the full approximate search where that one finds the same words.
      expect(fuzzyMatch(page, quote, start, 9), edited).toEqual({ start: at, end: at + edited.length });
    }
  });

  it('gives null when a side of the context changed, the passage changed too much, or context is short', () => {
    const { quote, start } = selectorsOf(ORIGINAL, QUOTE);
    const prefixChanged = ORIGINAL.replace('Nam Định', 'Thái Bình').replace(QUOTE, EDITED_QUOTE);
    expect(fuzzyInPlace(prefixChanged, quote, start, 0)).toBeNull();
    const rewritten = ORIGINAL.replace(QUOTE, 'tổ chức buổi gặp mặt đầu xuân cho cán bộ hưu trí');
    expect(fuzzyInPlace(rewritten, quote, start, 0)).toBeNull();
    const short = { ...quote, prefix: quote.prefix.slice(-10) };
    expect(fuzzyInPlace(ORIGINAL.replace(QUOTE, EDITED_QUOTE), short, start, 0)).toBeNull();
  });

  it('boundedEditDistance: the Levenshtein distance when within the bound, else bound + 1', () => {
    const full = (a: string, b: string) => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
      for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          (d[i] as number[])[j] = Math.min(
            ((d[i - 1] as number[])[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
            ((d[i - 1] as number[])[j] as number) + 1,
            ((d[i] as number[])[j - 1] as number) + 1,
          );
      return (d[a.length] as number[])[b.length] as number;
    };
    const rnd = seededRandom(11);
    const word = () =>
      Array.from({ length: Math.floor(rnd() * 14) }, () => 'abcđ '[Math.floor(rnd() * 5)]).join('');
    for (let k = 0; k < 3000; k++) {
      const a = word();
      const b = rnd() < 0.5 ? word() : a.replace(/b/g, 'c');
      const max = Math.floor(rnd() * 6);
      const d = full(a, b);
      expect(boundedEditDistance(a, b, max), `${a}|${b}|${max}`).toBe(d <= max ? d : max + 1);
    }
  });
});

describe('fuzzyBracketed: the quote grew inside, its context partly changed', () => {
  const before = 'Hội nghị tổng kết vụ mùa diễn ra sáng thứ Hai tại hội trường xã.';
  const quote =
    'Giá sấy mỗi tấn lúa năm nay là 150 nghìn đồng, thấp hơn năm ngoái nhờ lò sấy mới của hợp tác xã.';
  const after = 'Bà con đánh giá cao sự hỗ trợ của chính quyền địa phương.';
  const page = `${before} ${quote} ${after}`;
  const start = page.indexOf(quote);
  const position = (selectors: Selector[]) =>
    (selectors.find((s) => s.type === 'TextPositionSelector') as TextPositionSelector).start;
  const selectors = saved(page, quote);
  const q = selectors.find((s) => s.type === 'TextQuoteSelector') as FuzzyQuote & { type: string };
  const ad = 'Quảng cáo: mua máy cày trả góp lãi suất 0% tại đại lý gần nhất.';

  it('four words gained inside, an advertisement inserted just before: the suffix and the quote ends bound it', () => {
    const grown = quote.replace('150 nghìn đồng,', '150 nghìn đồng theo giá niêm yết mới,');
    const edited = `${before.slice(0, 30)} ${ad} ${grown} ${after}`;
    const at = edited.indexOf(grown);
    expect(fuzzyBracketed(edited, q, position(selectors), 0)).toEqual({ start: at, end: at + grown.length });
    expect(start).toBeGreaterThan(0);
  });

  // The quote's first words changed as well as its middle.
  const reworded = quote
    .replace('Giá sấy mỗi tấn lúa', 'Mức giá sấy cho mỗi tấn lúa')
    .replace('150 nghìn đồng,', '150 nghìn đồng theo giá niêm yết,');

  it('its first words changed too: what is left of the prefix bounds it instead', () => {
    const grown = reworded;
    const edited = `${before} ${grown} ${after}`;
    const at = edited.indexOf(grown);
    expect(fuzzyBracketed(edited, q, position(selectors), 0)).toEqual({ start: at, end: at + grown.length });
    expect(anchorInIndex({ text: edited }, selectors, 0)).toEqual({
      start: at,
      end: at + grown.length,
      exactMatch: false,
    });
  });

  it('null when the start and the prefix both changed, the end was rewritten, or the passage is gone', () => {
    expect(fuzzyBracketed(`${ad} ${reworded} ${after}`, q, position(selectors), 0)).toBeNull();
    expect(anchorInIndex({ text: `${ad} ${reworded} ${after}` }, selectors, 0)).toBeNull();
    const rewritten = quote.replace('lò sấy mới của hợp tác xã.', 'giá điện giảm trong mùa khô.');
    expect(fuzzyBracketed(`${before} ${rewritten} ${after}`, q, position(selectors), 0)).toBeNull();
    expect(fuzzyBracketed(`${before} ${ad} ${after}`, q, position(selectors), 0)).toBeNull();
    expect(anchorInIndex({ text: `${before} ${ad} ${after}` }, selectors, 0)).toBeNull();
  });
});
