import { expect, describe as group, it } from 'vitest';
import { describe, describeOffsets } from '@/utils/anchoring/describe';

// happy-dom: build documents through the window's own `document` (Range.toString is empty on DOMParser ones).
function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

function rangeOf(startNode: Node, startOffset: number, endNode: Node, endOffset: number): Range {
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}

const NEWS =
  'Ủy ban nhân dân tỉnh Nam Định vừa tổ chức hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025.';

group('describe', () => {
  it('gives the quote with 32 characters of context and the position', () => {
    const root = body(`<p>${NEWS}</p>`);
    const node = root.querySelector('p')?.firstChild as Text;
    expect(describe(root, rangeOf(node, 34, node, 50))).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: 'tổ chức hội nghị',
        prefix: ' ban nhân dân tỉnh Nam Định vừa ',
        suffix: ' tổng kết công tác năm 2024 và t',
      },
      { type: 'TextPositionSelector', start: 34, end: 50, astralBefore: 0 },
    ]);
  });

  it('trims spaces and reads element boundaries', () => {
    const root = body('<p>one <b>two</b> three</p>');
    const p = root.querySelector('p') as HTMLElement;
    const b = root.querySelector('b') as HTMLElement;
    const expected = [
      { type: 'TextQuoteSelector', exact: 'two', prefix: 'one ', suffix: ' three' },
      { type: 'TextPositionSelector', start: 4, end: 7, astralBefore: 0 },
    ];
    expect(describe(root, rangeOf(p.firstChild as Text, 3, p.lastChild as Text, 1))).toEqual(expected);
    const contents = document.createRange();
    contents.selectNodeContents(b);
    expect(describe(root, contents)).toEqual(expected);
  });

  it('returns null for a range with no visible text', () => {
    const root = body('<p>a</p>  \n <p>b<script>var x;</script></p>');
    const gap = root.childNodes[1] as Text;
    expect(describe(root, rangeOf(gap, 0, gap, 4))).toBeNull();
    const script = root.querySelector('script')?.firstChild as Text;
    expect(describe(root, rangeOf(script, 0, script, 6))).toBeNull();
    const a = root.querySelector('p')?.firstChild as Text;
    expect(describe(root, rangeOf(a, 1, a, 1))).toBeNull();
  });

  it('describes decomposed (NFD) page text in NFC', () => {
    const root = body('<p>to\u0302\u0309 chu\u031b\u0301c</p>');
    const node = root.querySelector('p')?.firstChild as Text;
    expect(describe(root, rangeOf(node, 0, node, 4))).toEqual([
      { type: 'TextQuoteSelector', exact: 'tổ', prefix: '', suffix: ' chức' },
      { type: 'TextPositionSelector', start: 0, end: 2, astralBefore: 0 },
    ]);
  });
});

group('describeOffsets', () => {
  it('never cuts a surrogate pair at the edge of the context', () => {
    const text = `😀${'a'.repeat(31)}QUOTE${'b'.repeat(31)}😀`;
    const [quote, position] = describeOffsets({ text }, 33, 38) ?? [];
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'QUOTE',
      prefix: 'a'.repeat(31),
      suffix: 'b'.repeat(31),
    });
    expect(position).toEqual({ type: 'TextPositionSelector', start: 33, end: 38, astralBefore: 1 });
  });
});
