/** JSON-LD blocks of a page, flattened to a list of typed nodes. Bounded: it runs on every page at idle. */

/** A JSON-LD object with its `@type`(s) as plain names (`NewsArticle`, not a schema.org URL). */
export type JsonLdNode = Record<string, unknown> & { types: string[] };

const MAX_SCRIPTS = 10;
const MAX_CHARS = 200_000;

/** schema.org types that mean "this page is one article". */
export const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BackgroundNewsArticle',
  'ReviewNewsArticle',
  'AskPublicNewsArticle',
  'SatiricalArticle',
  'BlogPosting',
  'LiveBlogPosting',
  'Report',
]);

/** Types that mean "a list of things", as on home, category and search pages. */
export const LISTING_TYPES = new Set(['CollectionPage', 'ItemList', 'SearchResultsPage']);

function typesOf(node: Record<string, unknown>): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  // "http://schema.org/NewsArticle" and "schema:NewsArticle" both name NewsArticle.
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, ''));
}

function collect(value: unknown, out: JsonLdNode[], depth: number): void {
  if (depth > 3 || out.length > 50) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out, depth + 1);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  if (node['@graph']) collect(node['@graph'], out, depth + 1);
  const types = typesOf(node);
  if (types.length) out.push({ ...node, types });
  // A WebPage may hold its article as mainEntity.
  if (node.mainEntity && typeof node.mainEntity === 'object') collect(node.mainEntity, out, depth + 1);
}

/** Every typed JSON-LD node among `scripts` (including `@graph` members); broken blocks are skipped. */
export function readJsonLd(scripts: ArrayLike<Element>): JsonLdNode[] {
  const out: JsonLdNode[] = [];
  let seen = 0;
  for (let i = 0; i < scripts.length && seen < MAX_SCRIPTS; i++) {
    const script = scripts[i] as Element;
    if (!/ld\+json/i.test(script.getAttribute('type') ?? '')) continue;
    seen++;
    const text = script.textContent ?? '';
    if (text.length > MAX_CHARS) continue;
    try {
      // Some CMSs leave raw newlines, an HTML comment or a CDATA wrapper inside the block.
      collect(
        JSON.parse(
          text
            .replace(/^\s*(?:<!--|(?:\/\/\s*)?<!\[CDATA\[)|(?:-->|(?:\/\/\s*)?\]\]>)\s*$/g, '')
            .replace(/[\r\n\t]+/g, ' '),
        ),
        out,
        0,
      );
    } catch {
      // Invalid JSON-LD is common; the page simply says nothing this way.
    }
  }
  return out;
}

/** The first node whose type is an article type, if any. */
export function articleNode(nodes: readonly JsonLdNode[]): JsonLdNode | undefined {
  return nodes.find((n) => n.types.some((t) => ARTICLE_TYPES.has(t)));
}

/** A name from a string, `{name}`, or the first of an array of those. */
export function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((n): n is string => !!n);
    return names.length ? names.join(', ') : null;
  }
  if (value && typeof value === 'object') return nameOf((value as Record<string, unknown>).name);
  return null;
}

/** A URL from a string, `{url}`, or the first of an array of those. */
export function urlOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return value.length ? urlOf(value[0]) : null;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return urlOf(v.url ?? v.contentUrl ?? v['@id']);
  }
  return null;
}
