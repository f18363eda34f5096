/**
 * One pass over a document's elements, sorted by tag, for detection. Browsers answer
 * `getElementsByTagName` natively, but DOM implementations in JavaScript (happy-dom in tests and
 * benchmarks) walk the whole tree for each call; one walk keeps detection's cost flat.
 */

const WANTED = new Set([
  'META',
  'LINK',
  'SCRIPT',
  'H1',
  'H2',
  'H3',
  'H4',
  'P',
  'DIV',
  'TD',
  'SECTION',
  'ARTICLE',
  'TIME',
]);

/** The result of `scanPage`. */
export interface PageScan {
  /** Elements of the wanted tags (upper-case names), in document order. */
  byTag: Map<string, Element[]>;
}

/** Lists the elements detection looks at, in one walk. */
export function scanPage(doc: Document): PageScan {
  const byTag = new Map<string, Element[]>();
  for (const tag of WANTED) byTag.set(tag, []);
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i] as Element;
    byTag.get(el.tagName.toUpperCase())?.push(el);
  }
  return { byTag };
}

/** The scanned elements of one tag (upper case), or an empty list. */
export function tagged(scan: PageScan, tag: string): readonly Element[] {
  return scan.byTag.get(tag) ?? [];
}
