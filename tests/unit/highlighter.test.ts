import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HIGHLIGHT_COLORS } from '@/utils/colors';
import { createHighlighter, isHighlightStyleElement, randomHighlightNames } from '@/utils/highlighter';

/** The CSS Custom Highlight API as the page sees it: happy-dom has none, so a registry and class stand in. */
class FakeHighlight extends Set<Range> {}
let registry: Map<string, FakeHighlight>;

function installHighlightApi() {
  registry = new Map();
  (window as unknown as { Highlight?: unknown }).Highlight = FakeHighlight;
  // happy-dom's `CSS` is a getter that builds a new object on each read.
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
}

function rangeOver(text: string): Range {
  const p = document.createElement('p');
  p.textContent = text;
  document.body.append(p);
  const range = document.createRange();
  range.selectNodeContents(p);
  return range;
}

/** The text given to the sheets the document adopted (happy-dom drops `::highlight()` rules it parses). */
function adoptedCss(): string {
  return document.adoptedStyleSheets.map((sheet) => sheetText.get(sheet) ?? '').join('\n');
}
const sheetText = new WeakMap<CSSStyleSheet, string>();
const replaceSync = CSSStyleSheet.prototype.replaceSync;
CSSStyleSheet.prototype.replaceSync = function (this: CSSStyleSheet, text: string) {
  sheetText.set(this, text);
  replaceSync.call(this, text);
};

beforeEach(() => {
  document.body.innerHTML = '';
  document.adoptedStyleSheets = [];
  for (const style of document.querySelectorAll('style')) style.remove();
  installHighlightApi();
});
afterEach(() => {
  delete (window as unknown as { Highlight?: unknown }).Highlight;
  delete (window as unknown as { CSS?: unknown }).CSS;
});

describe('randomHighlightNames', () => {
  it('gives every colour its own CSS identifier of random letters, different on every call', () => {
    const a = randomHighlightNames();
    const b = randomHighlightNames();
    expect(Object.keys(a)).toEqual([...HIGHLIGHT_COLORS]);
    for (const name of Object.values(a)) expect(name).toMatch(/^[a-z]{10}\d?$/);
    expect(new Set(Object.values(a)).size).toBe(HIGHLIGHT_COLORS.length);
    expect(Object.values(a)).not.toEqual(Object.values(b));
  });
});

describe('createHighlighter with the Highlight API', () => {
  it('registers and styles nothing before the first draw', () => {
    const highlighter = createHighlighter(document);
    expect(highlighter.mode).toBe('highlight-api');
    expect(registry.size).toBe(0);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect(document.querySelector('style')).toBeNull();
  });

  it('draws under names that do not spell the product, styled by an adopted sheet, not a <style>', () => {
    const highlighter = createHighlighter(document);
    highlighter.draw('a', rangeOver('một đoạn văn'), 'green');
    const [name] = [...registry.keys()];
    expect(registry.size).toBe(1);
    expect(name).not.toMatch(/clipmark/i);
    expect(registry.get(name as string)?.size).toBe(1);
    expect(document.querySelector('style')).toBeNull();
    expect(adoptedCss()).toContain(`::highlight(${name})`);
    expect(adoptedCss()).not.toMatch(/clipmark|mark\[/);
    // Two page loads, two sets of names.
    createHighlighter(document).draw('b', rangeOver('another'), 'green');
    expect(registry.size).toBe(2);
  });

  it('takes a colour out of the registry when its last highlight goes', () => {
    const highlighter = createHighlighter(document);
    highlighter.draw('a', rangeOver('first'), 'yellow');
    highlighter.draw('b', rangeOver('second'), 'yellow');
    highlighter.draw('c', rangeOver('third'), 'blue');
    expect(registry.size).toBe(2);
    highlighter.remove('a');
    expect(registry.size).toBe(2);
    highlighter.draw('c', rangeOver('third, recoloured'), 'yellow');
    expect(registry.size).toBe(1);
    highlighter.clear();
    expect(registry.size).toBe(0);
  });

  it('registers and styles again what the page took away', () => {
    const highlighter = createHighlighter(document);
    highlighter.draw('a', rangeOver('first'), 'pink');
    registry.clear();
    document.adoptedStyleSheets = [];
    highlighter.draw('b', rangeOver('second'), 'pink');
    expect([...registry.values()][0]?.size).toBe(2);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    // Drawing again does not stack copies of the sheet.
    highlighter.draw('c', rangeOver('third'), 'pink');
    expect(document.adoptedStyleSheets).toHaveLength(1);
  });

  it('falls back to a <style> element, known as its own, where sheets cannot be adopted', () => {
    Object.defineProperty(document, 'adoptedStyleSheets', { configurable: true, get: () => undefined });
    try {
      const highlighter = createHighlighter(document);
      highlighter.draw('a', rangeOver('first'), 'purple');
      highlighter.draw('b', rangeOver('second'), 'purple');
      const styles = document.querySelectorAll('style');
      expect(styles).toHaveLength(1);
      expect(isHighlightStyleElement(styles[0] as Node)).toBe(true);
      expect(styles[0]?.textContent).toContain(`::highlight(${[...registry.keys()][0]})`);
    } finally {
      delete (document as unknown as Record<string, unknown>).adoptedStyleSheets;
    }
  });
});

describe('overlapping highlights', () => {
  /** A paragraph and a range over its characters [start, end). */
  function paragraph(text: string) {
    const p = document.createElement('p');
    p.textContent = text;
    document.body.append(p);
    const node = p.firstChild as Text;
    return (start: number, end: number) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      return range;
    };
  }
  const TEXT = 'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động';

  it('draws the shared text as one more highlight above the colours, only while they overlap', () => {
    const at = paragraph(TEXT);
    const names = randomHighlightNames();
    const highlighter = createHighlighter(document, { names, overlapName: 'sharedtext' });
    highlighter.draw('a', at(0, 20), 'yellow');
    highlighter.draw('b', at(11, 35), 'yellow');
    highlighter.draw('c', at(40, 47), 'yellow');
    expect([...registry.keys()].sort()).toEqual([names.yellow, 'sharedtext'].sort());
    const shared = registry.get('sharedtext') as FakeHighlight & { priority?: number };
    expect([...shared].map((r) => r.toString())).toEqual(['Đồng Tiến']);
    expect(shared.priority).toBe(1);
    expect(adoptedCss()).toMatch(
      /::highlight\(sharedtext\)\{background-color:rgba\(0,0,0,0\.16\);text-decoration:underline/,
    );
    // Three at once: each pair's shared words; a highlight moved or gone takes its overlaps along.
    highlighter.draw('d', at(15, 45), 'green');
    const texts = () => [...shared].map((r) => r.toString()).sort();
    const slice = (from: number, to: number) => TEXT.slice(from, to);
    expect(texts()).toEqual([slice(11, 20), slice(15, 20), slice(15, 35), slice(40, 45)].sort());
    highlighter.remove('b');
    expect(texts()).toEqual([slice(15, 20), slice(40, 45)].sort());
    highlighter.draw('d', at(48, 53), 'green');
    expect(registry.has('sharedtext')).toBe(false);
  });

  it('gives a click in the shared words to the shortest highlight there, then to the latest drawn', () => {
    const at = paragraph(TEXT);
    // happy-dom lays nothing out: a range's box is its character offsets on one line.
    const boxes = Range.prototype.getClientRects;
    Range.prototype.getClientRects = function (this: Range) {
      return [
        { left: this.startOffset, right: this.endOffset, top: 0, bottom: 10 },
      ] as unknown as DOMRectList;
    };
    try {
      const highlighter = createHighlighter(document);
      highlighter.draw('inner', at(11, 20), 'green');
      highlighter.draw('outer', at(0, 35), 'yellow');
      expect(highlighter.hitTest(15, 5)).toBe('inner');
      expect(highlighter.hitTest(25, 5)).toBe('outer');
      expect(highlighter.hitTest(40, 5)).toBeNull();
      highlighter.draw('same', at(11, 20), 'blue');
      expect(highlighter.hitTest(15, 5)).toBe('same');
    } finally {
      Range.prototype.getClientRects = boxes;
    }
  });

  it('does not count highlights that only touch, or ranges in other paragraphs', () => {
    const at = paragraph(TEXT);
    const other = paragraph('Một đoạn khác');
    const highlighter = createHighlighter(document, { overlapName: 'sharedtext' });
    highlighter.draw('a', at(0, 10), 'blue');
    highlighter.draw('b', at(10, 20), 'blue');
    highlighter.draw('c', other(0, 13), 'blue');
    expect(registry.has('sharedtext')).toBe(false);
    highlighter.clear();
    expect(registry.size).toBe(0);
  });

  it('marks a mark inside a mark where the Highlight API is missing', () => {
    delete (window as unknown as { Highlight?: unknown }).Highlight;
    const at = paragraph(TEXT);
    const highlighter = createHighlighter(document);
    expect(highlighter.mode).toBe('marks');
    highlighter.draw('a', at(0, 20), 'pink');
    highlighter.draw('b', at(0, 10), 'pink');
    expect(document.querySelectorAll('mark mark')).toHaveLength(1);
    expect(adoptedCss()).toContain('mark[data-clipmark-color] mark[data-clipmark-color]{background-image:');
  });
});
