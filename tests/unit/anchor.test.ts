import { describe, expect, it } from 'vitest';
import { type AnchorMatch, anchorInIndex, NEAR_WINDOW } from '@/utils/anchoring/anchor';
import { describeOffsets } from '@/utils/anchoring/describe';
import type { Selector, TextPositionSelector, TextQuoteSelector } from '@/utils/selectors';
import { seededRandom as random } from '../support/seeded-random';

/** Thousands of cases: a few seconds alone, more on a busy 2-core machine than vitest's default 5 s. */
const HEAVY_MS = 60_000;

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

describe('anchorInIndex with a shift hint (the window near the expected start)', () => {
  const STOCK = [
    'Hà Nội mưa nhỏ rồi tạnh.',
    'Giá lúa tăng nhẹ so với tuần trước.',
    'Đây là thông tin chính thức từ Ủy ban nhân dân tỉnh.',
  ];
  const WORDS = ['Nam Định', 'nông nghiệp', 'xây dựng', 'tổ chức', 'hội nghị', 'đường', 'trường', 'công tác'];
  /** A page of paragraphs; a quarter of the sentences are stock sentences repeated all over the page. */
  function paragraphs(rnd: () => number, count: number, tag: string): string[] {
    return Array.from({ length: count }, (_, p) => {
      const sentences = Array.from({ length: 2 + Math.floor(rnd() * 4) }, (_, s) =>
        rnd() < 0.25
          ? (STOCK[Math.floor(rnd() * STOCK.length)] as string)
          : `Câu ${tag}${p}.${s}: ${WORDS[Math.floor(rnd() * WORDS.length)]} năm ${2000 + Math.floor(rnd() * 25)}.`,
      );
      return sentences.join(' ');
    });
  }
  const positionOf = (selectors: Selector[]) =>
    selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
  /** As the content script does: in reading order, each with the previous highlight's shift as the hint. */
  function inReadingOrder(text: string, saved: Selector[][], hint = (shift: number) => shift) {
    let shift = 0;
    return saved.map((selectors) => {
      const match = anchorInIndex({ text }, selectors, hint(shift));
      const old = positionOf(selectors);
      if (match && old) shift = match.start - old.start;
      return match;
    });
  }
  /** Selectors for sentences of `text` (every `step`-th), as describe() saves them. */
  function saveSentences(text: string, step: number): Selector[][] {
    const saved: Selector[][] = [];
    let k = 0;
    for (const m of text.matchAll(/[^.:]+[.:]/g)) {
      if (k++ % step) continue;
      const start = m.index + (m[0].startsWith(' ') ? 1 : 0);
      const selectors = describeOffsets({ text }, start, m.index + m[0].length);
      if (selectors) saved.push(selectors);
    }
    return saved;
  }
  const fullScan = (text: string, saved: Selector[][]) => saved.map((s) => anchorInIndex({ text }, s));

  it(
    'picks what the full scan picks: repeated phrases, paragraph inserted above, paragraph removed',
    () => {
      const rnd = random(7);
      const original = paragraphs(rnd, 400, 'a');
      const text = original.join(' ');
      expect(text.length).toBeGreaterThan(6 * NEAR_WINDOW);
      const saved = saveSentences(text, 3);
      const stockQuotes = saved.filter((s) => STOCK.includes((s[0] as TextQuoteSelector).exact)).length;
      expect(stockQuotes).toBeGreaterThan(50);
      const versions = {
        unchanged: original,
        // A short paragraph above: every later position is stale by less than the window.
        insertedShort: [...original.slice(0, 2), paragraphs(rnd, 3, 'b').join(' '), ...original.slice(2)],
        // A long one: stale by more than the window, so the first quote after it falls back to the full scan.
        insertedLong: [...original.slice(0, 2), paragraphs(rnd, 120, 'c').join(' '), ...original.slice(2)],
        removed: [...original.slice(0, 5), ...original.slice(8)],
        // Several edits, each shifting what follows.
        several: original.flatMap((p, i) =>
          i % 60 === 10 ? [p, paragraphs(rnd, 2, `d${i}`).join(' ')] : [p],
        ),
      };
      for (const [name, version] of Object.entries(versions)) {
        const page = version.join(' ');
        const expected = fullScan(page, saved);
        expect(inReadingOrder(page, saved), name).toEqual(expected);
        // A useless hint changes nothing either.
        expect(
          inReadingOrder(page, saved, () => 0),
          name,
        ).toEqual(expected);
        expect(
          inReadingOrder(page, saved, () => -50_000),
          name,
        ).toEqual(expected);
        // Found exactly, on the same words (all of them but those in the removed paragraphs).
        const exact = expected.filter((m) => m?.exactMatch);
        expect(exact.length, name).toBeGreaterThan(name === 'removed' ? saved.length - 12 : saved.length - 1);
        for (const [i, match] of expected.entries()) {
          const q = saved[i]?.[0] as TextQuoteSelector;
          if (match?.exactMatch) expect(page.slice(match.start, match.end), name).toBe(q.exact);
        }
      }
    },
    HEAVY_MS,
  );

  const FILLER = 'Đoạn văn không liên quan đến bài viết. '.repeat(400); // ~15,600 characters: 4 windows
  const WEATHER =
    'Theo đài khí tượng thủy văn, chiều nay Hà Nội mưa nhỏ rồi tạnh, trời mát và gió nhẹ thổi qua.';
  const QUOTE = 'Hà Nội mưa nhỏ'; // with 32 characters of context inside the sentence on each side
  const saveAt = (text: string, start: number) =>
    describeOffsets({ text }, start, start + QUOTE.length) ?? [];

  it('widens the window when a copy closer to the old position lies outside it', () => {
    // The same sentence twice, far apart: both copies of the quote have their full context.
    const original = `Mở đầu. ${WEATHER} ${FILLER}${WEATHER} Kết thúc.`;
    const start = original.indexOf(QUOTE);
    const saved = saveAt(original, start);
    const page = `Tin mới. ${original}`; // the position is stale by 9
    const expected = { start: start + 9, end: start + 9 + QUOTE.length, exactMatch: true };
    expect(anchorInIndex({ text: page }, saved)).toEqual(expected);
    // A hint that lands on the far copy: it has full context, but the near one is closer to the old position.
    const farCopy = page.lastIndexOf(QUOTE);
    expect(farCopy - start).toBeGreaterThan(2 * NEAR_WINDOW);
    expect(anchorInIndex({ text: page }, saved, farCopy - start)).toEqual(expected);
    expect(anchorInIndex({ text: page }, saved, 9)).toEqual(expected);
  });

  it('falls back to the full scan when no copy near the hint has its full context', () => {
    const original = `Mở đầu. ${WEATHER} ${FILLER}`;
    const start = original.indexOf(QUOTE);
    const saved = saveAt(original, start);
    // The sentence moved to the end; at its old place, one with the same start but another ending.
    const lookAlike = 'Theo đài khí tượng thủy văn, chiều nay Hà Nội mưa nhỏ, sau đó mưa to kéo dài đến tối.';
    const page = `Mở đầu. ${lookAlike} ${FILLER}${WEATHER}`;
    expect(page.indexOf(QUOTE)).toBe(start); // the old position holds the quote, but not its suffix
    const farCopy = page.lastIndexOf(QUOTE);
    expect(farCopy - start).toBeGreaterThan(2 * NEAR_WINDOW);
    const expected = { start: farCopy, end: farCopy + QUOTE.length, exactMatch: true };
    expect(anchorInIndex({ text: page }, saved)).toEqual(expected);
    // Near the hint only the look-alike, without its full context: the full scan decides.
    expect(anchorInIndex({ text: page }, saved, 0)).toEqual(expected);
  });

  it('takes a passage edited in place, its context intact, over a copy of the old words elsewhere', () => {
    const sentence = 'Giá lúa tại các hợp tác xã trong tỉnh tăng nhẹ so với tuần trước, theo sở nông nghiệp.';
    const quoted = 'tăng nhẹ so với tuần trước';
    const original = `Mở đầu. ${sentence} ${FILLER}`;
    const start = original.indexOf(quoted);
    const saved = describeOffsets({ text: original }, start, start + quoted.length) ?? [];
    // One word changed in place ("nhẹ" → "mạnh"), and the old words now stand elsewhere, in another sentence.
    const page = `Mở đầu. ${sentence.replace('tăng nhẹ', 'tăng mạnh')} ${FILLER}Giá vàng tăng nhẹ so với tuần trước.`;
    const inPlace = { start, end: start + 'tăng mạnh so với tuần trước'.length, exactMatch: false };
    expect(anchorInIndex({ text: page }, saved, 0)).toEqual(inPlace);
    // Without the hint (a single highlight, not the page load) the exact copy is taken, as before.
    const far = page.lastIndexOf(quoted);
    expect(anchorInIndex({ text: page }, saved)).toEqual({
      start: far,
      end: far + quoted.length,
      exactMatch: true,
    });
    // Context changed too: no longer evidence enough, the exact copy wins with the hint as well.
    const rewritten = page
      .replace('theo sở nông nghiệp', 'theo báo cáo mới nhất')
      .replace('Giá lúa tại', 'Ở');
    const farThere = rewritten.lastIndexOf(quoted);
    expect(anchorInIndex({ text: rewritten }, saved, 0)).toEqual({
      start: farThere,
      end: farThere + quoted.length,
      exactMatch: true,
    });
  });

  it('never moves an edited highlight onto the same words in a neighbouring paragraph (a phrase the article repeats)', () => {
    // Every paragraph says "nông nghiệp, lúa gạo"; the user highlighted it in paragraph 10, which the site then
    // edited. The copies in paragraphs 9 and 11 are near, exact, with part of the context: other words.
    const para = (n: number, crop = 'lúa gạo') =>
      `Đoạn ${n}: Tỉnh Nam Định tổ chức hội nghị số ${n} về nông nghiệp, ${crop} và đời sống.`;
    const original = Array.from({ length: 20 }, (_, n) => para(n)).join(' ');
    const quoted = 'nông nghiệp, lúa gạo';
    const start = original.indexOf(quoted, original.indexOf('số 10 '));
    const saved = describeOffsets({ text: original }, start, start + quoted.length) ?? [];
    const page = original.replace(para(10), para(10, 'lúa nếp'));
    const edited = { start, end: start + 'nông nghiệp, lúa nếp'.length, exactMatch: false };
    expect(anchorInIndex({ text: page }, saved, 0)).toEqual(edited);
    // A copy with its whole context still wins: the passage moved, and its old place was rewritten.
    const moved = `${page} ${para(10)} ${para(11)}`;
    const copy = moved.indexOf(quoted, page.length);
    expect(anchorInIndex({ text: moved }, saved, 0)).toEqual({
      start: copy,
      end: copy + quoted.length,
      exactMatch: true,
    });
  });

  it(
    'agrees with the full scan on random pages, edits and hints',
    () => {
      const rnd = random(2024);
      let exactCount = 0;
      for (let round = 0; round < 40; round++) {
        const original = paragraphs(rnd, 60 + Math.floor(rnd() * 200), `r${round}.`);
        const text = original.join(' ');
        const saved = saveSentences(text, 1 + Math.floor(rnd() * 6));
        // Random paragraph insertions and removals.
        const edited = [...original];
        for (let e = Math.floor(rnd() * 6); e > 0; e--) {
          const at = Math.floor(rnd() * edited.length);
          if (rnd() < 0.5) edited.splice(at, 1);
          else edited.splice(at, 0, paragraphs(rnd, 1 + Math.floor(rnd() * 40), `x${round}.${e}.`).join(' '));
        }
        const page = edited.join(' ');
        // Exact matches must be the full scan's. (Quotes whose paragraph was removed go to the fuzzy matcher, which
        // searches near the hint first by design: on these look-alike sentences it may take another look-alike.)
        const exactOnly = (matches: (AnchorMatch | null)[]) =>
          matches.map((m, i) => (expected[i]?.exactMatch ? m : 'not exact'));
        const expected = fullScan(page, saved);
        exactCount += expected.filter((m) => m?.exactMatch).length;
        const randomHint = () => Math.floor((rnd() - 0.5) * 3 * NEAR_WINDOW);
        expect(exactOnly(inReadingOrder(page, saved)), `round ${round}`).toEqual(exactOnly(expected));
        expect(exactOnly(inReadingOrder(page, saved, randomHint)), `round ${round}, random hints`).toEqual(
          exactOnly(expected),
        );
      }
      expect(exactCount).toBeGreaterThan(5000);
    },
    HEAVY_MS,
  );
});

describe('anchorInIndex when the quote grew in its middle and a paragraph was inserted just before it', () => {
  const before = 'Hội nghị tổng kết vụ mùa diễn ra sáng thứ Hai tại hội trường xã.';
  const quote =
    'Giá sấy mỗi tấn lúa năm nay là 150 nghìn đồng, thấp hơn năm ngoái nhờ lò sấy mới của hợp tác xã.';
  const after = 'Bà con đánh giá cao sự hỗ trợ của chính quyền địa phương.';
  const page = `${before} ${quote} ${after}`;
  const start = page.indexOf(quote);
  const saved = describeOffsets({ text: page }, start, start + quote.length) as Selector[];
  const grown = quote.replace('150 nghìn đồng,', '150 nghìn đồng theo giá niêm yết mới,');
  const ad = 'Quảng cáo: mua máy cày trả góp lãi suất 0% tại đại lý gần nhất.';

  it('finds the grown passage between its intact ends and suffix, the prefix partly gone', () => {
    const edited = `${before.slice(0, 30)} ${ad} ${grown} ${after}`;
    const at = edited.indexOf(grown);
    expect(anchorInIndex({ text: edited }, saved, 0)).toEqual({
      start: at,
      end: at + grown.length,
      exactMatch: false,
    });
    expect(anchorInIndex({ text: edited }, saved)).toEqual({
      start: at,
      end: at + grown.length,
      exactMatch: false,
    });
  });

  it('still finds nothing when the passage is gone, or its end was rewritten', () => {
    expect(anchorInIndex({ text: `${before} ${ad} ${after}` }, saved, 0)).toBeNull();
    const rewritten = grown.replace('lò sấy mới của hợp tác xã.', 'giá điện giảm trong mùa khô.');
    expect(anchorInIndex({ text: `${before} ${ad} ${rewritten} ${after}` }, saved, 0)).toBeNull();
  });
});
