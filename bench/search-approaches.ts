/**
 * The search approaches the benchmark compares, behind one interface. All share the query language
 * (`parseQuery`) and the folding (`foldToken`), so they answer the same question; they differ in how.
 */
import { Index as FlexIndex } from 'flexsearch';
import MiniSearch from 'minisearch';
import { foldTag, foldToken, tokenStrings } from '../utils/search/fold';
import { SearchIndex } from '../utils/search/index';
import { type ParsedQuery, parseQuery } from '../utils/search/query';
import type { SearchDoc, SerializedIndex } from '../utils/search/types';

export interface Answer {
  ids: string[];
  total: number;
}

export interface Approach {
  name: string;
  build(docs: SearchDoc[]): void;
  search(query: string, limit: number): Answer;
  /** Serializes, returning the size in bytes and a function that restores from that form. */
  persist(): { bytes: number; restore(): void };
  /** What the figures leave out or cannot do. */
  notes: string;
}

/** (a) Clipmark's index. */
export function clipmark(): Approach {
  let index = SearchIndex.create();
  return {
    name: '(a) Clipmark index',
    notes: 'BM25F, phrases, filters, prefix, exact-diacritic bonus',
    build: (docs) => (index = SearchIndex.build(docs)),
    search(query, limit) {
      const r = index.search(query, { limit });
      return { ids: r.hits.map((h) => h.id), total: r.total };
    },
    persist() {
      const data = index.serialize();
      return { bytes: serializedBytes(data), restore: () => (index = SearchIndex.restore(data)) };
    },
  };
}

/** Bytes of the serialized form as stored: typed arrays as is, strings as UTF-8. */
export function serializedBytes(data: SerializedIndex): number {
  return Object.values(data).reduce<number>(
    (sum, v) =>
      sum + (ArrayBuffer.isView(v) ? v.byteLength : typeof v === 'string' ? Buffer.byteLength(v) : 8),
    0,
  );
}

/** Pre-folded text and filter data per doc; approach (b) scans it, (c) and (d) post-filter with it. */
export class Table {
  ids: string[] = [];
  title: string[] = [];
  quote: string[] = [];
  note: string[] = [];
  tags: string[] = [];
  tagKeys: string[][] = [];
  host: string[] = [];
  color: string[] = [];
  created: number[] = [];

  constructor(docs: SearchDoc[] = []) {
    // " tok tok " with spaces at both ends, so includes(" t ") is a whole-word test; tags are split by "|".
    const fold = (s: string) => ` ${tokenStrings(foldToken(s)).join(' ')} `;
    for (const d of docs) {
      this.ids.push(d.id);
      this.title.push(fold(d.title));
      this.quote.push(fold(d.quote));
      this.note.push(fold(d.note));
      this.tags.push(` ${d.tags.map((t) => fold(t).trim()).join(' | ')} `);
      this.tagKeys.push(d.tags.map(foldTag));
      this.host.push(d.site.toLowerCase().replace(/^www\./, ''));
      this.color.push(d.color);
      this.created.push(d.createdAt);
    }
  }

  /** Filters, phrases and exclusions of a parsed query, as a predicate over row numbers. */
  predicate(q: ParsedQuery): (i: number) => boolean {
    const f = q.filters;
    const site = (h: string, s: string) => h === s || h.endsWith(`.${s}`);
    const phrases = q.phrases.map((p) => ` ${p.map((t) => t.folded).join(' ')} `);
    const excluded = q.exclude.map((w) => ` ${w.join(' ')} `);
    const has = (i: number, s: string) =>
      (this.quote[i] as string).includes(s) ||
      (this.title[i] as string).includes(s) ||
      (this.note[i] as string).includes(s) ||
      (this.tags[i] as string).includes(s);
    return (i) => {
      const c = this.created[i] as number;
      const h = this.host[i] as string;
      const keys = this.tagKeys[i] as string[];
      return (
        f.tags.every((t) => keys.includes(t)) &&
        !f.notTags.some((t) => keys.includes(t)) &&
        (!f.sites.length || f.sites.some((s) => site(h, s))) &&
        !f.notSites.some((s) => site(h, s)) &&
        (!f.colors.length || (f.colors as string[]).includes(this.color[i] as string)) &&
        !(f.notColors as string[]).includes(this.color[i] as string) &&
        c >= (f.after ?? -Infinity) &&
        c < (f.before ?? Infinity) &&
        phrases.every((p) => has(i, p)) &&
        !excluded.some((p) => has(i, p))
      );
    };
  }
}

/** (b) A linear scan of pre-folded text: field-weighted word presence, newest first on ties. */
export function scan(): Approach {
  let table = new Table();
  return {
    name: '(b) plain scan',
    notes: 'presence-only scoring (no tf/idf)',
    build: (docs) => (table = new Table(docs)),
    search(query, limit) {
      const q = parseQuery(query);
      const ok = table.predicate(q);
      const words = [...q.terms, ...q.phrases.flat()].map((t) => ({
        s: ` ${t.folded}${t.prefix ? '' : ' '}`,
      }));
      const hits: Array<[number, number]> = [];
      for (let i = 0; i < table.ids.length; i++) {
        let score = 0;
        let all = true;
        for (const { s } of words) {
          const w =
            ((table.quote[i] as string).includes(s) ? 1 : 0) +
            ((table.title[i] as string).includes(s) ? 1 : 0) +
            ((table.tags[i] as string).includes(s) ? 0.6 : 0) +
            ((table.note[i] as string).includes(s) ? 0.35 : 0);
          if (!w) {
            all = false;
            break;
          }
          score += w;
        }
        if (all && ok(i)) hits.push([i, score]);
      }
      hits.sort((a, b) => b[1] - a[1] || (table.created[b[0]] as number) - (table.created[a[0]] as number));
      return { ids: hits.slice(0, limit).map(([i]) => table.ids[i] as string), total: hits.length };
    },
    persist() {
      const json = JSON.stringify(table);
      return {
        bytes: Buffer.byteLength(json),
        restore: () => (table = Object.assign(new Table(), JSON.parse(json))),
      };
    },
  };
}

/** The engine's terms for a parsed query: words then phrase words, folded; the index of the prefix word. */
function engineTerms(q: ParsedQuery): { terms: string[]; prefixAt: number } {
  const terms = [...q.terms, ...q.phrases.flat()].map((t) => t.folded);
  return { terms, prefixAt: q.terms.at(-1)?.prefix ? q.terms.length - 1 : -1 };
}

const MINI_OPTIONS = {
  fields: ['title', 'quote', 'note', 'tags'],
  idField: 'n',
  tokenize: (text: string) => tokenStrings(text),
  processTerm: (term: string) => foldToken(term),
  extractField: (doc: Record<string, unknown>, field: string) =>
    field === 'tags' ? (doc.tags as string[]).join(' | ') : (doc[field] as string),
};

/** (c) MiniSearch with the same folding, field boosts, AND; filters and phrases post-checked on a Table. */
export function minisearch(): Approach {
  let ms = new MiniSearch(MINI_OPTIONS);
  let table = new Table();
  return {
    name: '(c) MiniSearch 7.2',
    notes: 'BM25+; no phrases or filters of its own (post-checked on a side table, not counted in memory)',
    build(docs) {
      table = new Table(docs);
      ms = new MiniSearch(MINI_OPTIONS);
      ms.addAll(docs.map((d, n) => ({ n, title: d.title, quote: d.quote, note: d.note, tags: d.tags })));
    },
    search(query, limit) {
      const q = parseQuery(query);
      const ok = table.predicate(q);
      const { terms, prefixAt } = engineTerms(q);
      const results = ms.search(terms.length ? terms.join(' ') : MiniSearch.wildcard, {
        combineWith: 'AND',
        boost: { quote: 1, title: 1, tags: 0.6, note: 0.35 },
        prefix: (_t, i) => i === prefixAt,
        filter: (r) => ok(r.id as number),
      });
      return {
        ids: results.slice(0, limit).map((r) => table.ids[r.id as number] as string),
        total: results.length,
      };
    },
    persist() {
      const json = JSON.stringify(ms);
      return {
        bytes: Buffer.byteLength(json),
        restore: () => (ms = MiniSearch.loadJSON(json, MINI_OPTIONS)),
      };
    },
  };
}

/** (d) FlexSearch over one folded text per highlight (its per-field Document index cannot AND across fields). */
export function flexsearch(): Approach {
  const make = () =>
    new FlexIndex({ tokenize: 'strict', resolution: 9, encode: (s: string) => tokenStrings(foldToken(s)) });
  let index = make();
  let table = new Table();
  return {
    name: '(d) FlexSearch 0.8',
    notes:
      'no field weights, no prefix on the last word only (strict tokenizer); filters/phrases post-checked',
    build(docs) {
      table = new Table(docs);
      index = make();
      docs.forEach((d, n) => {
        index.add(n, `${d.title} ${d.quote} ${d.note} ${d.tags.join(' | ')}`);
      });
    },
    search(query, limit) {
      const q = parseQuery(query);
      const ok = table.predicate(q);
      const { terms } = engineTerms(q);
      const rows = terms.length
        ? (index.search(terms.join(' '), { limit: table.ids.length }) as number[])
        : [...table.ids.keys()].sort((a, b) => (table.created[b] as number) - (table.created[a] as number));
      const hits = rows.filter((n) => ok(n));
      return { ids: hits.slice(0, limit).map((n) => table.ids[n] as string), total: hits.length };
    },
    persist() {
      const chunks = new Map<string, string>();
      index.export((key, data) => {
        chunks.set(String(key), data as string);
      });
      let bytes = 0;
      for (const v of chunks.values()) bytes += Buffer.byteLength(v ?? '');
      return {
        bytes,
        restore() {
          index = make();
          for (const [k, v] of chunks) index.import(k, v);
        },
      };
    },
  };
}
