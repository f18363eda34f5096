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
