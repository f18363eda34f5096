/**
 * Draws highlights on a document. With the CSS Custom Highlight API (Chromium, Firefox ≥ 140) the page's DOM
 * is never touched: one `Highlight` per colour holds the ranges, styled by `::highlight(clipmark-<colour>)`.
 * Where the API is missing, text nodes are wrapped in `<mark data-clipmark-color>` elements as a fallback.
 *
 * The styles (`highlightCss`) are a universal rule (`::highlight()` is `*::highlight()`): adding them to a page
 * that is already styled makes the browser recompute the style of every element — 11–16 ms on a 1 MB page in
 * Chromium. So on web pages they come with the extension's manifest (injected before the page is first styled,
 * see wxt.config.ts) and the content script passes `styled: true`; elsewhere (extension pages, and under
 * `wxt dev`, which registers content scripts without that file) they are added on the first draw.
 */
import { COLOR_SWATCHES, HIGHLIGHT_COLORS, type HighlightColor } from './colors';

const STYLE_ID = 'clipmark-highlight-style';
// A plain <mark>, not a custom element: anchoring skips `clipmark-*` elements (our UI), never marked text.
const MARK_ATTR = 'data-clipmark-color';

export interface Highlighter {
  /** Draws (or redraws) highlight `id` over `range`. */
  draw(id: string, range: Range, color: HighlightColor): void;
  remove(id: string): void;
  clear(): void;
  /** The range currently drawn for `id`, if any. */
  rangeOf(id: string): Range | undefined;
  /** The id of the highlight under viewport point (x, y), topmost (latest drawn) first. */
  hitTest(x: number, y: number): string | null;
  /** Which mechanism is in use, for tests and diagnostics. */
  readonly mode: 'highlight-api' | 'marks';
}

type HighlightCtor = new (
  ...ranges: Range[]
) => { add(r: Range): void; delete(r: Range): boolean; size: number };
interface HighlightRegistryLike {
  set(name: string, h: unknown): void;
  delete(name: string): boolean;
}

export function highlightName(color: HighlightColor): string {
  return `clipmark-${color}`;
}

export interface HighlighterOptions {
  /** The page already has `highlightCss()` (the manifest injected it): never add it again. */
  styled?: boolean;
}

export function createHighlighter(doc: Document, { styled = false }: HighlighterOptions = {}): Highlighter {
  const win = doc.defaultView as
    | (Window & { Highlight?: HighlightCtor; CSS?: { highlights?: unknown } })
    | null;
  const registry = win?.CSS?.highlights as HighlightRegistryLike | undefined;
  const HighlightClass = win?.Highlight;
  let needsStyle = !styled;
  const style = () => {
    if (!needsStyle) return;
    needsStyle = false;
    ensureStyle(doc);
  };
  const drawn = new Map<string, { range: Range; color: HighlightColor; marks: HTMLElement[] }>();

  if (registry && HighlightClass) {
    const byColor = new Map<HighlightColor, InstanceType<HighlightCtor>>();
    const groupFor = (color: HighlightColor) => {
      let group = byColor.get(color);
      if (!group) {
        group = new HighlightClass();
        byColor.set(color, group);
        registry.set(highlightName(color), group);
      }
      return group;
    };
    const remove = (id: string) => {
      const entry = drawn.get(id);
      if (!entry) return;
      byColor.get(entry.color)?.delete(entry.range);
      drawn.delete(id);
    };
    return {
      mode: 'highlight-api',
      draw(id, range, color) {
        style();
        remove(id);
        const copy = range.cloneRange();
        groupFor(color).add(copy);
        drawn.set(id, { range: copy, color, marks: [] });
      },
      remove,
      clear() {
        for (const id of [...drawn.keys()]) remove(id);
      },
      rangeOf: (id) => drawn.get(id)?.range,
      hitTest: (x, y) => hitTest(drawn, x, y),
    };
  }

  const remove = (id: string) => {
    const entry = drawn.get(id);
    if (!entry) return;
    for (const mark of entry.marks) mark.replaceWith(...mark.childNodes);
    drawn.delete(id);
  };
  return {
    mode: 'marks',
    draw(id, range, color) {
      style();
      remove(id);
      const marks = wrapRange(doc, range, color);
      const cover = doc.createRange();
      if (marks.length > 0) {
        cover.setStartBefore(marks[0] as Node);
        cover.setEndAfter(marks[marks.length - 1] as Node);
      }
      drawn.set(id, { range: cover, color, marks });
    },
    remove,
    clear() {
      for (const id of [...drawn.keys()]) remove(id);
    },
    rangeOf: (id) => drawn.get(id)?.range,
    hitTest: (x, y) => hitTest(drawn, x, y),
  };
}

/** The highlight styles: one `::highlight()` rule per colour, and the same for the `<mark>` fallback. */
export function highlightCss(): string {
  return HIGHLIGHT_COLORS.map(
    (c) =>
      `::highlight(${highlightName(c)}){background-color:${COLOR_SWATCHES[c]};color:inherit}\n` +
      `mark[${MARK_ATTR}="${c}"]{background-color:${COLOR_SWATCHES[c]} !important;color:inherit !important}\n`,
  ).join('');
}

function ensureStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = highlightCss();
  (doc.head ?? doc.documentElement).append(style);
}

function hitTest(drawn: Map<string, { range: Range }>, x: number, y: number): string | null {
  const ids = [...drawn.keys()].reverse();
  for (const id of ids) {
    const range = drawn.get(id)?.range;
    if (!range) continue;
    for (const rect of range.getClientRects()) {
      if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return id;
    }
  }
  return null;
}

/** Fallback drawing: wraps each text node (or part of one) inside the range in a mark element. */
function wrapRange(doc: Document, range: Range, color: HighlightColor): HTMLElement[] {
  const nodes: Text[] = [];
  const root = range.commonAncestorContainer;
  if (root.nodeType === Node.TEXT_NODE) {
    nodes.push(root as Text);
  } else {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (range.intersectsNode(n)) nodes.push(n as Text);
    }
  }
  const marks: HTMLElement[] = [];
  for (let node of nodes) {
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : node.data.length;
    if (end <= start || !node.data.slice(start, end).trim()) continue;
    if (start > 0) node = node.splitText(start);
    if (end - start < node.data.length) node.splitText(end - start);
    const mark = doc.createElement('mark');
    mark.setAttribute(MARK_ATTR, color);
    node.replaceWith(mark);
    mark.append(node);
    marks.push(mark);
  }
  return marks;
}
