/**
 * The normalised text of a DOM subtree (normalize.ts: NFC, collapsed whitespace), with offsets mapped both ways
 * between it and the original text nodes. Hidden and script content is skipped.
 */
import { isWhitespaceOnly, normalizeWithOffsets } from './normalize';
/** A boundary point inside an original, un-normalised text node. */
export interface DomPosition {
  node: Text;
  offset: number;
}

export interface TextIndex {
  /** The subtree this index describes. The index is a snapshot: rebuild it after the subtree changes. */
  readonly root: Node;
  /** The normalised text: NFC, whitespace runs collapsed to one space, no leading space. */
  readonly text: string;
  /**
   * Maps a normalised offset to a DOM position. `bias: 'start'` (default) gives the position before the
   * character at `offset`; `'end'` gives the position just after the character at `offset - 1`, which stays in
   * that character's node rather than jumping to the start of the next one. Offsets inside a cluster snap to
   * the cluster's start (`'start'`) or end (`'end'`). Returns null when the text is empty.
   * @throws RangeError when offset is not an integer in 0..text.length.
   */
  toDom(offset: number, bias?: 'start' | 'end'): DomPosition | null;
  /**
   * Maps a DOM boundary point (a text node + character offset, or any node + child index, as in a Range) to a
   * normalised offset. A point inside skipped content (script, hidden…) or outside the root maps to the next
   * indexed character after it; a point inside a cluster or whitespace run maps to the end of it.
   */
  fromDom(node: Node, offset: number): number;
}

/** Elements whose text is never part of the article text. Compared against `localName`. */
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'textarea']);

function isSkipped(el: Element): boolean {
  const name = el.localName;
  return (
    SKIPPED_TAGS.has(name) ||
    name.startsWith('clipmark-') ||
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true'
  );
}

/** What can make an element skipped (`isSkipped` decides): found by selector, so the walk itself runs natively. */
const SKIP_CANDIDATES = `${[...SKIPPED_TAGS].join(',')},[hidden],[aria-hidden]`;

/**
 * The text nodes under `root` in document order, skipping hidden and non-content elements (and everything inside
 * them). `root` itself is not tested, only what is inside it. Their lengths go to `lengths`, if given. A
 * TreeWalker over text nodes alone, with no JavaScript filter, does the walk natively; the few skipped elements are
 * found by selector beforehand (our own `clipmark-*` elements among the undefined custom elements) and their text
 * nodes set aside.
 */
export function collectTextNodes(root: Node, lengths?: number[]): Text[] {
  const nodes: Text[] = [];
  if (root.nodeType === 3) {
    const length = (root as Text).length;
    if (length > 0) {
      nodes.push(root as Text);
      lengths?.push(length);
    }
    return nodes;
  }
  const doc = root.ownerDocument ?? (root as Document);
  const excluded = new Set<Node>();
  if ('querySelectorAll' in root) {
    const scope = root as ParentNode;
    const candidates = [
      ...scope.querySelectorAll(SKIP_CANDIDATES),
      ...scope.querySelectorAll(':not(:defined)'),
    ];
    for (const el of candidates) {
      if (!isSkipped(el)) continue;
      const inside = doc.createTreeWalker(el, 4 /* SHOW_TEXT */);
      for (let t = inside.nextNode(); t; t = inside.nextNode()) excluded.add(t);
    }
  }
  const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const length = (t as Text).length;
    if (length > 0 && !(excluded.size > 0 && excluded.has(t))) {
      nodes.push(t as Text);
      lengths?.push(length);
    }
  }
  return nodes;
}

/**
 * Of the first `count` ascending `starts`, the index of the last one at or before `p` (before it when `strict`), or
 * 0 when none is: the node holding raw offset `p`.
 */
export function lastStartAt(starts: Int32Array, count: number, p: number, strict = false): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    const s = starts[mid] as number;
    if (strict ? s < p : s <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
const CONTAINED_BY = 16; // Node.DOCUMENT_POSITION_CONTAINED_BY

/**
 * Builds the normalised text of `root` and the offset mapping. One pass over the tree; O(text length). `nodes`, if
 * given, are the text nodes to index instead of all of `root`'s (`collectTextNodes`), in document order: a run of
 * them indexes that stretch of the page alone (see `page-text.ts`).
 */
export function buildTextIndex(root: Node, nodes: readonly Text[] = collectTextNodes(root)): TextIndex {
  const nodeStarts = new Int32Array(nodes.length + 1);
  const chunks: string[] = new Array(nodes.length);
  /**
   * Text nodes of whitespace alone (the line breaks and indentation between a page's elements) go into the raw
   * text as one space: it normalises the same (a whitespace run is one space wherever it is cut), and a page's
   * text then has long runs of plain characters instead of a whitespace run between every two paragraphs. Such
   * a node spans one raw character; its DOM offsets map 0 → 0 and anything else → its end.
   */
  const collapsed = new Uint8Array(nodes.length);
  let total = 0;
  for (let k = 0; k < nodes.length; k++) {
    const data = (nodes[k] as Text).data;
    nodeStarts[k] = total;
    if (isWhitespaceOnly(data)) {
      collapsed[k] = 1;
      chunks[k] = ' ';
      total += 1;
    } else {
      chunks[k] = data;
      total += data.length;
    }
  }
  nodeStarts[nodes.length] = total;
  const { text, map } = normalizeWithOffsets(chunks.join(''));
  /** Raw offset of normalised offset k (k in 0..text.length). */
  const at = (k: number) => map.at(k);
  /** Node → its number, built on the first `fromDom` (making a highlight), never at page load. */
  let nodeIndex: Map<Node, number> | undefined;

  const nodeAt = (p: number, strict: boolean): number => lastStartAt(nodeStarts, nodes.length, p, strict);

  /** Raw offset of the first indexed character at or after a DOM boundary point. */
  const rawOffsetOf = (node: Node, offset: number): number => {
    nodeIndex ??= new Map(nodes.map((n, k) => [n, k]));
    const k = nodeIndex.get(node);
    if (k !== undefined) {
      const within = Math.max(0, Math.min(offset, (node as Text).length));
      return (nodeStarts[k] ?? 0) + (collapsed[k] ? Math.min(within, 1) : within);
    }
    // The first indexed node after the boundary; indexed nodes are in document order, so binary search.
    let isAfter: (n: Node) => boolean;
    const child =
      node.nodeType === 1 || node.nodeType === 9 || node.nodeType === 11 ? node.childNodes[offset] : null;
    if (child) {
      isAfter = (n) => n === child || (child.compareDocumentPosition(n) & FOLLOWING) !== 0;
    } else {
      // End of a container, or inside a character-data node that is not indexed: after the whole node.
      isAfter = (n) => {
        const pos = node.compareDocumentPosition(n);
        return (pos & FOLLOWING) !== 0 && (pos & CONTAINED_BY) === 0;
      };
    }
    let lo = 0;
    let hi = nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (isAfter(nodes[mid] as Text)) hi = mid;
      else lo = mid + 1;
    }
    return nodeStarts[lo] ?? total;
  };

  return {
    root,
    text,
    toDom(offset, bias = 'start') {
      if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
        throw new RangeError(`offset ${offset} outside 0..${text.length}`);
      }
      if (text.length === 0) return null;
      let p = at(offset);
      if (bias === 'end' && offset > 0) {
        // The end of the cluster holding character offset-1: the next map entry that differs.
        const s = at(offset - 1);
        let k = offset;
        while (k < text.length && at(k) === s) k++;
        p = at(k);
      }
      const k = nodeAt(p, bias === 'end');
      const node = nodes[k] as Text;
      const within = p - (nodeStarts[k] ?? 0);
      return { node, offset: collapsed[k] && within > 0 ? node.length : within };
    },
    fromDom(node, offset) {
      return map.firstAtLeast(rawOffsetOf(node, offset));
    },
  };
}
