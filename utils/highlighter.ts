/**
 * Draws highlights on a document. With the CSS Custom Highlight API (Chromium, Firefox ≥ 140) the page's DOM
 * is never touched: one `Highlight` per colour holds the ranges, styled by a `::highlight(<name>)` rule.
 * Where the API is missing, text nodes are wrapped in `<mark data-clipmark-color>` elements as a fallback.
 *
 * A web page shares the highlight registry (`CSS.highlights`) and the style sheets with the content script, so
 * nothing is registered or styled until the first draw: a page where the user highlighted nothing finds no
 * trace of Clipmark there. The names are random for each highlighter (each page load) and say nothing of the
 * product, so a page can neither probe for them beforehand nor use them to recognise the user across sites.
 * The styles are a constructed style sheet (`adoptedStyleSheets`): no element in the page's DOM, and no page
 * Content Security Policy applies to it (nor does the extension pages' `style-src 'self'`). Adding a
 * `::highlight()` rule to a styled page makes the browser restyle it once (a few ms on an article, more on a
 * page with tens of thousands of elements): that is paid by pages with highlights only, at their first draw.
 *
 * Where two highlights overlap, the shared text is drawn distinctly (a darker shade, underlined: one more
 * `Highlight`, above the colours), so each one's edges stay visible — two yellow highlights side by side over
 * the same words would otherwise read as one. It is registered only while some highlights overlap.
 */
import { COLOR_SWATCHES, HIGHLIGHT_COLORS, type HighlightColor } from './colors';

// A plain <mark>, not a custom element: anchoring skips `clipmark-*` elements (our UI), never marked text.
const MARK_ATTR = 'data-clipmark-color';
/** On the marks of the focused highlight (its value is this page load's random name, like the colours'). */
const FOCUS_ATTR = 'data-clipmark-at';

export interface Highlighter {
  /** Draws (or redraws) highlight `id` over `range`. */
  draw(id: string, range: Range, color: HighlightColor): void;
  remove(id: string): void;
  clear(): void;
  /** The range currently drawn for `id`, if any. */
  rangeOf(id: string): Range | undefined;
  /** The id of the highlight under viewport point (x, y): the shortest there, then the latest drawn. */
  hitTest(x: number, y: number): string | null;
  /**
   * Marks one drawn highlight as the one the user is at (reached with the keys, or shown from a list): painted
   * in the focus style instead of its colour, so the page's registry holds no extra range. `null` unmarks.
   */
  focus(id: string | null): void;
  /** The highlight marked by `focus`, if it is still drawn. */
  readonly focused: string | null;
  /** Which mechanism is in use, for tests and diagnostics. */
  readonly mode: 'highlight-api' | 'marks';
}

type HighlightCtor = new (
  ...ranges: Range[]
) => { add(r: Range): void; delete(r: Range): boolean; size: number };
interface HighlightRegistryLike {
  get(name: string): unknown;
  set(name: string, h: unknown): void;
  delete(name: string): boolean;
}

/** The registry name of each colour: random letters, different for every call. */
export type HighlightNames = Record<HighlightColor, string>;

export function randomHighlightNames(): HighlightNames {
  const used = new Set<string>();
  const names = {} as HighlightNames;
  HIGHLIGHT_COLORS.forEach((color, i) => {
    let name = randomName();
    if (used.has(name)) name += String(i);
    used.add(name);
    names[color] = name;
  });
  return names;
}

/** A CSS identifier of ten random letters: letters only, so it can never start with a digit or a hyphen. */
function randomName(): string {
  let name = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(10)))
    name += String.fromCharCode(97 + (byte % 26));
  return name;
}

export interface HighlighterOptions {
  /** The registry names to use; by default random letters made for this highlighter (this page load). */
  names?: HighlightNames;
  /** The registry name of the overlaps (random letters by default). */
  overlapName?: string;
}

export function createHighlighter(doc: Document, options: HighlighterOptions = {}): Highlighter {
  const names = options.names ?? randomHighlightNames();
  const focusName = randomHighlightNames().yellow;
  let overlapName = options.overlapName ?? randomName();
  while (Object.values(names).includes(overlapName) || overlapName === focusName) overlapName = randomName();
  const win = doc.defaultView as
    | (Window & { Highlight?: HighlightCtor; CSS?: { highlights?: unknown } })
    | null;
  const registry = win?.CSS?.highlights as HighlightRegistryLike | undefined;
  const HighlightClass = win?.Highlight;
  const drawn = new Map<string, { range: Range; color: HighlightColor; marks: HTMLElement[] }>();

  let focused: string | null = null;
  if (registry && HighlightClass) {
    const styles = highlightStyles(
      doc,
      highlightCss(names, 'highlight-api', overlapName) + focusCss(focusName),
    );
    const byColor = new Map<HighlightColor, InstanceType<HighlightCtor>>();
    let focusGroup: InstanceType<HighlightCtor> | null = null;
    /** Moves the focused highlight's range back into its colour. */
    const unfocus = () => {
      const entry = focused ? drawn.get(focused) : undefined;
      focused = null;
      if (focusGroup) {
        if (entry) focusGroup.delete(entry.range);
        if (focusGroup.size === 0 && registry.get(focusName) === focusGroup) registry.delete(focusName);
      }
      if (entry) groupFor(entry.color).add(entry.range);
    };
    const register = (name: string, group: InstanceType<HighlightCtor>) => {
      // Registered again if the page took it out of the registry.
      if (registry.get(name) !== group) registry.set(name, group);
    };
    const groupFor = (color: HighlightColor) => {
      let group = byColor.get(color);
      if (!group) {
        group = new HighlightClass();
        byColor.set(color, group);
      }
      register(names[color], group);
      return group;
    };
    // The text two highlights share, per pair (`id\nid`), in one group painted above the colours.
    const overlaps = new Map<string, { ids: [string, string]; range: Range }>();
    let overlapGroup: (InstanceType<HighlightCtor> & { priority?: number }) | null = null;
    const dropOverlaps = (id: string) => {
      for (const [key, overlap] of overlaps) {
        if (!overlap.ids.includes(id)) continue;
        overlapGroup?.delete(overlap.range);
        overlaps.delete(key);
      }
      if (overlapGroup && overlapGroup.size === 0) {
        if (registry.get(overlapName) === overlapGroup) registry.delete(overlapName);
        overlapGroup = null;
      }
    };
    const addOverlaps = (id: string, range: Range) => {
      for (const [other, entry] of drawn) {
        if (other === id) continue;
        const shared = intersection(doc, range, entry.range);
        if (!shared) continue;
        if (!overlapGroup) {
          overlapGroup = new HighlightClass();
          overlapGroup.priority = 1;
        }
        overlapGroup.add(shared);
        overlaps.set(`${other}\n${id}`, { ids: [other, id], range: shared });
      }
      if (overlapGroup) register(overlapName, overlapGroup);
    };
    const remove = (id: string) => {
      const entry = drawn.get(id);
      if (!entry) return;
      if (focused === id) unfocus();
      const group = byColor.get(entry.color);
      group?.delete(entry.range);
      drawn.delete(id);
      dropOverlaps(id);
      // A colour no longer used leaves the registry: a page without highlights holds none of ours.
      if (group?.size === 0) {
        byColor.delete(entry.color);
        if (registry.get(names[entry.color]) === group) registry.delete(names[entry.color]);
      }
    };
    return {
      mode: 'highlight-api',
      draw(id, range, color) {
        styles.ensure();
        remove(id);
        const copy = range.cloneRange();
        groupFor(color).add(copy);
        addOverlaps(id, copy);
        drawn.set(id, { range: copy, color, marks: [] });
      },
      remove,
      clear() {
        for (const id of [...drawn.keys()]) remove(id);
      },
      rangeOf: (id) => drawn.get(id)?.range,
      hitTest: (x, y) => hitTest(drawn, x, y),
      focus(id) {
        if (focused) unfocus();
        const entry = id ? drawn.get(id) : undefined;
        if (!id || !entry) return;
        const group = byColor.get(entry.color);
        group?.delete(entry.range);
        if (group?.size === 0) {
          byColor.delete(entry.color);
          if (registry.get(names[entry.color]) === group) registry.delete(names[entry.color]);
        }
        focusGroup ??= new HighlightClass();
        focusGroup.add(entry.range);
        if (registry.get(focusName) !== focusGroup) registry.set(focusName, focusGroup);
        focused = id;
      },
      get focused() {
        return focused;
      },
    };
  }

  const styles = highlightStyles(doc, highlightCss(names, 'marks') + focusCss(focusName, 'marks'));
  const remove = (id: string) => {
    const entry = drawn.get(id);
    if (!entry) return;
    if (focused === id) focused = null;
    for (const mark of entry.marks) mark.replaceWith(...mark.childNodes);
    drawn.delete(id);
  };
  return {
    mode: 'marks',
    draw(id, range, color) {
      styles.ensure();
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
    focus(id) {
      for (const mark of (focused && drawn.get(focused)?.marks) || []) mark.removeAttribute(FOCUS_ATTR);
      focused = null;
      const entry = id ? drawn.get(id) : undefined;
      if (!id || !entry) return;
      for (const mark of entry.marks) mark.setAttribute(FOCUS_ATTR, focusName);
      focused = id;
    },
    get focused() {
      return focused;
    },
  };
}

/** The focus style (`Highlighter.focus`): a strong amber with a thick underline, readable on any colour. */
function focusCss(name: string, mode: Highlighter['mode'] = 'highlight-api'): string {
  const paint = 'background-color:#ffb74d;color:#1a1a1a;text-decoration:underline 3px solid #b34700';
  return mode === 'highlight-api'
    ? `::highlight(${name}){${paint}}\n`
    : `mark[${FOCUS_ATTR}]{${paint.replace(/;/g, ' !important;')} !important}\n`;
}

/** How the text two highlights share is drawn, over their colours: a darker shade, underlined. */
const OVERLAP_SHADE = 'rgba(0,0,0,0.16)';
const OVERLAP_LINE = 'underline 2px rgba(0,0,0,0.6)';

/**
 * The highlight styles: one `::highlight()` rule per colour and one for the overlaps (`overlapName`), or with
 * `marks`, one rule per colour for the `<mark>` fallback and one for a mark inside a mark (the page learns of
 * the one in use only).
 */
export function highlightCss(
  names: HighlightNames,
  mode: Highlighter['mode'] = 'highlight-api',
  overlapName?: string,
): string {
  const colours = HIGHLIGHT_COLORS.map((c) =>
    mode === 'highlight-api'
      ? `::highlight(${names[c]}){background-color:${COLOR_SWATCHES[c]};color:inherit}\n`
      : `mark[${MARK_ATTR}="${c}"]{background-color:${COLOR_SWATCHES[c]} !important;color:inherit !important}\n`,
  ).join('');
  if (mode === 'marks') {
    const shade = `linear-gradient(${OVERLAP_SHADE},${OVERLAP_SHADE})`;
    return `${colours}mark[${MARK_ATTR}] mark[${MARK_ATTR}]{background-image:${shade} !important;text-decoration:${OVERLAP_LINE} !important}\n`;
  }
  return overlapName
    ? `${colours}::highlight(${overlapName}){background-color:${OVERLAP_SHADE};text-decoration:${OVERLAP_LINE};color:inherit}\n`
    : colours;
}

/** The text ranges `a` and `b` share, or null (none, or not comparable: another document or root). */
function intersection(doc: Document, a: Range, b: Range): Range | null {
  try {
    // Range.START_TO_START (0) and END_TO_END (2): the later start, the earlier end.
    const from = a.compareBoundaryPoints(0, b) >= 0 ? a : b;
    const to = a.compareBoundaryPoints(2, b) <= 0 ? a : b;
    const shared = doc.createRange();
    shared.setStart(from.startContainer, from.startOffset);
    // An end before the start collapses the range there: nothing shared.
    shared.setEnd(to.endContainer, to.endOffset);
    return shared.collapsed || !shared.toString().trim() ? null : shared;
  } catch {
    return null;
  }
}

/** `<style>` elements a highlighter added (where constructed style sheets are missing), for mutation filters. */
const addedStyleElements = new WeakSet<Node>();

/** Whether `node` is a `<style>` a highlighter added to the page. */
export function isHighlightStyleElement(node: Node): boolean {
  return addedStyleElements.has(node);
}

/**
 * The styles, added on the first `ensure()` as a constructed style sheet, or a `<style>` element where the
 * document has no `adoptedStyleSheets`; added again if the page took them away.
 */
function highlightStyles(doc: Document, css: string): { ensure(): void } {
  let sheet: CSSStyleSheet | null = null;
  let element: HTMLStyleElement | null = null;
  const adopt = (): boolean => {
    const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
    if (!Sheet || !doc.adoptedStyleSheets) return false;
    try {
      if (!sheet) {
        sheet = new Sheet();
        sheet.replaceSync(css);
      }
      if (!doc.adoptedStyleSheets.includes(sheet))
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      return true;
    } catch {
      sheet = null;
      return false;
    }
  };
  return {
    ensure() {
      if (element?.isConnected || adopt()) return;
      if (!element) {
        element = doc.createElement('style');
        element.textContent = css;
        addedStyleElements.add(element);
      }
      (doc.head ?? doc.documentElement).append(element);
    },
  };
}

/**
 * The highlight under (x, y). Where highlights overlap there, the shortest one: a highlight inside another is
 * reached by clicking it, the longer one around its edges; of equal ones, the latest drawn.
 */
function hitTest(drawn: Map<string, { range: Range }>, x: number, y: number): string | null {
  let best: { id: string; length: number } | null = null;
  for (const [id, { range }] of drawn) {
    const hit = [...range.getClientRects()].some(
      (rect) => x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom,
    );
    if (!hit) continue;
    const length = range.toString().length;
    if (!best || length <= best.length) best = { id, length };
  }
  return best?.id ?? null;
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
