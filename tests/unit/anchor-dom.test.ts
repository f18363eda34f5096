// anchor() and describe() against real DOM trees: the vectors that matter on news pages.
import { expect, describe as group, it } from 'vitest';
import { anchor } from '@/utils/anchoring/anchor';
import { describe } from '@/utils/anchoring/describe';
import { normalizeText } from '@/utils/anchoring/normalize';
import { buildTextIndex } from '@/utils/anchoring/text-index';
import type { Selector, TextPositionSelector, TextQuoteSelector } from '@/utils/selectors';

// happy-dom: build documents through the window's own `document` (Range.toString is empty on DOMParser ones).
function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

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

/** The range's boundaries as plain data, so an assertion names nodes by their text. */
function ends(range: Range | null) {
  if (!range) return null;
  return {
    start: [range.startContainer.textContent, range.startOffset],
    end: [range.endContainer.textContent, range.endOffset],
    text: range.toString(),
  };
}

const NEWS =
  'Ủy ban nhân dân tỉnh Nam Định vừa tổ chức hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025.';

group('anchor', () => {
  it('finds an exact single match', () => {
    const root = body(`<h1>Tin tỉnh</h1><p>${NEWS}</p>`);
    const range = anchor(root, [quote('tổ chức hội nghị')]);
    expect(range?.startContainer).toBe(root.querySelector('p')?.firstChild);
    expect(ends(range)).toEqual({ start: [NEWS, 34], end: [NEWS, 50], text: 'tổ chức hội nghị' });
  });

  it('spans element boundaries', () => {
    const root = body('<p>one <b>two</b> three</p>');
    expect(ends(anchor(root, [quote('two thr')]))).toEqual({
      start: ['two', 0],
      end: [' three', 4],
      text: 'two thr',
    });
    expect(ends(anchor(root, [quote('one two')]))).toEqual({
      start: ['one ', 0],
      end: ['two', 3],
      text: 'one two',
    });
  });

  it('spans a link', () => {
    const root = body('<p>Xem <a href="https://baonamdinh.vn/">bài gốc</a> tại đây.</p>');
    expect(ends(anchor(root, [quote('bài gốc tại')]))).toEqual({
      start: ['bài gốc', 0],
      end: [' tại đây.', 4],
      text: 'bài gốc tại',
    });
  });

  it('resolves a repeated phrase by context after a paragraph is inserted above', () => {
    const root = body('<p>Sáng nay, Hà Nội mưa nhỏ.</p><p>Chiều nay, Hà Nội mưa nhỏ rồi tạnh.</p>');
    const second = root.querySelectorAll('p')[1]?.firstChild as Text;
    const selection = document.createRange();
    selection.setStart(second, 11);
    selection.setEnd(second, 25);
    const selectors = describe(root, selection);
    expect(selectors?.[0]).toEqual(quote('Hà Nội mưa nhỏ', ' nay, Hà Nội mưa nhỏ.Chiều nay, ', ' rồi tạnh.'));
    expect(selectors?.[1]).toEqual({ ...position(36, 50), astralBefore: 0 });

    // 26 characters inserted above: the first copy now sits at 36, exactly where the old position points.
    root.insertAdjacentHTML('afterbegin', '<p>Dự báo thời tiết ngày 5/2.</p>');
    expect(buildTextIndex(root).text.indexOf('Hà Nội mưa nhỏ')).toBe(36);
    const range = anchor(root, selectors ?? []);
    expect(range?.startContainer).toBe(second);
    expect(ends(range)).toEqual({
      start: ['Chiều nay, Hà Nội mưa nhỏ rồi tạnh.', 11],
      end: ['Chiều nay, Hà Nội mưa nhỏ rồi tạnh.', 25],
      text: 'Hà Nội mưa nhỏ',
    });
  });

  it('anchors an NFC quote on NFD page text at the exact offsets of the NFD node', () => {
    const nfd = 'Ho\u0323\u0302i nghi\u0323 to\u0302\u0309ng ke\u0302\u0301t na\u0306m'; // "Hội nghị tổng kết năm"
    const root = body(`<p>${nfd}</p>`);
    const range = anchor(root, [quote('tổng kết', 'Hội nghị ', ' năm'), position(9, 17)]);
    expect(range?.startContainer).toBe(root.querySelector('p')?.firstChild);
    expect(range?.endContainer).toBe(range?.startContainer);
    expect([range?.startOffset, range?.endOffset]).toEqual([12, 24]);
    expect(normalizeText(range?.toString() ?? '')).toBe('tổng kết');
  });

  it('anchors an NFD quote on NFC page text', () => {
    const root = body('<p>Hội nghị tổng kết năm</p>');
    const range = anchor(root, [quote('to\u0302\u0309ng ke\u0302\u0301t', 'Ho\u0323\u0302i nghi\u0323 ')]);
    expect(ends(range)).toEqual({
      start: ['Hội nghị tổng kết năm', 9],
      end: ['Hội nghị tổng kết năm', 17],
      text: 'tổng kết',
    });
  });

  it('matches across collapsed whitespace', () => {
    const root = body('<p>a\n   b</p><p>Xin\u00a0\u00a0chào\t các bạn</p>');
    expect(ends(anchor(root, [quote('a b')]))).toEqual({
      start: ['a\n   b', 0],
      end: ['a\n   b', 6],
      text: 'a\n   b',
    });
    expect(ends(anchor(root, [quote('chào các')]))?.text).toBe('chào\t các');
  });

  it('ignores text in script, style and hidden elements', () => {
    const root = body(
      '<p>Giá vàng<script>var x = "tăng";</script> tăng<style>p{color:red}</style> mạnh' +
        '<span hidden> (tin ẩn)</span>.</p>',
    );
    expect(ends(anchor(root, [quote('Giá vàng tăng mạnh.')]))).toEqual({
      start: ['Giá vàng', 0],
      end: ['.', 1],
      text: 'Giá vàngvar x = "tăng"; tăngp{color:red} mạnh (tin ẩn).', // Range.toString keeps skipped text
    });
    expect(anchor(root, [quote('var x')])).toBeNull();
    expect(anchor(root, [quote('color')])).toBeNull();
    expect(anchor(root, [quote('tin ẩn')])).toBeNull();
  });

  it('returns null when the passage was deleted', () => {
    const root = body(`<p>Mở đầu.</p><p id="gone">${NEWS}</p><p>Kết thúc.</p>`);
    const node = root.querySelector('#gone')?.firstChild as Text;
    const selection = document.createRange();
    selection.setStart(node, 34);
    selection.setEnd(node, 50);
    const selectors = describe(root, selection) as Selector[];
    expect(anchor(root, selectors)?.toString()).toBe('tổ chức hội nghị');
    root.querySelector('#gone')?.remove();
    expect(anchor(root, selectors)).toBeNull();
  });

  it('falls back to the quote when the position is out of range', () => {
    const root = body(`<p>${NEWS}</p>`);
    expect(ends(anchor(root, [quote('Nam Định'), position(900, 908)]))).toEqual({
      start: [NEWS, 21],
      end: [NEWS, 29],
      text: 'Nam Định',
    });
  });

  it('accepts a shared index and a Document root', () => {
    body(`<p>${NEWS}</p>`);
    const index = buildTextIndex(document);
    expect(anchor(document, [quote('Nam Định')], index)?.toString()).toBe('Nam Định');
    expect(anchor(document, [quote('năm 2025')], index)?.toString()).toBe('năm 2025');
  });
});

group('describe → anchor round trip', () => {
  const pages = [
    `<h1>Tin tỉnh</h1><p>${NEWS}</p><p>Hội nghị   diễn ra <em>sáng 5/2</em>.</p>`,
    `<h1>Tin tỉnh</h1><p>${NEWS.normalize('NFD')}</p><p>Hội nghị   diễn ra <em>sáng 5/2</em>.</p>`,
  ];
  for (const [i, html] of pages.entries()) {
    it(`gives back the same range on page ${i + 1} (${i === 0 ? 'NFC' : 'NFD'})`, () => {
      const root = body(html);
      const p1 = root.querySelectorAll('p')[0]?.firstChild as Text;
      const em = root.querySelector('em')?.firstChild as Text;
      const selection = document.createRange();
      selection.setStart(p1, p1.data.length - 4); // inside "2025."
      selection.setEnd(em, 4); // "sáng"
      const selectors = describe(root, selection);
      expect(selectors?.[0].exact).toBe('025.Hội nghị diễn ra sáng');
      const range = anchor(root, selectors ?? []);
      expect(normalizeText(range?.toString() ?? '')).toBe('025.Hội nghị diễn ra sáng');
      expect([range?.startContainer, range?.startOffset, range?.endContainer, range?.endOffset]).toEqual([
        p1,
        p1.data.length - 4,
        em,
        4,
      ]);
    });
  }
});
