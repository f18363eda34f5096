/**
 * Runs inside Chromium for bench/search-idb.ts (bundled with esbuild): writes a library to IndexedDB with the
 * real Dexie schema, then, in a fresh browser process, times the cold starts the background could do, and the
 * popup's data for one page.
 */
import Dexie from 'dexie';
import { ClipmarkDB } from '../entrypoints/background/database';
import { createPageEvidence } from '../entrypoints/background/library/evidence';
import { highlightHandlers } from '../entrypoints/background/library/highlights';
import { createSearchService } from '../entrypoints/background/search-service';
import type { Article, Highlight } from '../utils/schema';
import { SearchIndex, toSearchDoc } from '../utils/search/index';
import { runSearch } from '../utils/search/run-search';
import type { Store } from '../utils/search/store';
import type { SerializedIndex } from '../utils/search/types';
import { restore as restoreV1, serialize as serializeV1 } from './lib/search-persist-v1';
import { generateCorpus, QUERIES } from './search-data';

/** The saved forms side by side, outside the extension's database: v1 (before, kept in bench/lib) and v2. */
class IndexDB extends Dexie {
  index!: Dexie.Table<{ key: string; data: unknown }, string>;
  constructor() {
    super('clipmark-search');
    this.version(1).stores({ index: 'key' });
  }
}

/** Writes the library as the extension stores it: highlights and pages through the real Dexie schema. */
async function writeTables(highlights: number, articles: number): Promise<void> {
  const docs = generateCorpus(highlights, articles);
  const db = new ClipmarkDB();
  const pages = new Map<string, Article>();
  const records: Highlight[] = docs.map((d, i) => {
    pages.set(d.url, {
      url: d.url,
      site: d.site,
      title: d.title,
      meta: {},
      createdAt: d.createdAt,
      updatedAt: d.createdAt,
    });
    return {
      id: crypto.randomUUID(),
      url: d.url,
      quote: {
        type: 'TextQuoteSelector',
        exact: d.quote,
        prefix: 'ngữ cảnh trước '.repeat(4),
        suffix: ' ngữ cảnh sau'.repeat(4),
      },
      position: { type: 'TextPositionSelector', start: i * 10, end: i * 10 + d.quote.length },
      color: d.color,
      tags: d.tags,
      note: d.note,
      createdAt: d.createdAt,
      updatedAt: d.createdAt,
    };
  });
  for (let i = 0; i < records.length; i += 5000) await db.highlights.bulkPut(records.slice(i, i + 5000));
  await db.articles.bulkPut([...pages.values()]);
  db.close();
}

/**
 * Builds the index from the tables and saves it as the background does (the search service: rebuild, then
 * `searchIndex` with the library's fingerprint), and both saved forms into the side database.
 */
async function writeIndex(): Promise<{ buildMs: number; putMs: number; v1Bytes: number; v2Bytes: number }> {
  const t0 = performance.now();
  const db = new ClipmarkDB();
  const service = createSearchService(db);
  const index = await service.index();
  const t1 = performance.now();
  await service.flush();
  const t2 = performance.now();
  const v1 = serializeV1((index as unknown as { store: Store }).store);
  const v2 = index.serialize();
  const side = new IndexDB();
  await side.index.put({ key: 'v1', data: v1 });
  await side.index.put({ key: 'v2', data: v2 });
  side.close();
  db.close();
  return { buildMs: t1 - t0, putMs: t2 - t1, v1Bytes: bytesOf(v1), v2Bytes: bytesOf(v2) };
}

function bytesOf(form: object): number {
  return Object.values(form).reduce<number>(
    (sum, v) => sum + (typeof v === 'string' ? v.length : ((v as ArrayBufferView | null)?.byteLength ?? 0)),
    0,
  );
}

/** Cold start A (before): read the v1 saved form (one record, plain typed arrays), restore it, answer a query. */
async function fromV1() {
  const t0 = performance.now();
  const row = await new IndexDB().index.get('v1');
  const t1 = performance.now();
  const store = restoreV1(row?.data as Parameters<typeof restoreV1>[0]);
  const t2 = performance.now();
  const hits = runSearch(store, QUERIES[0] as string, { limit: 50 }).total;
  const t3 = performance.now();
  return { read: t1 - t0, restore: t2 - t1, query: t3 - t2, total: t3 - t0, hits };
}

/** Cold start A2 (after): the same with the v2 saved form (varints, postings unpacked when first queried). */
async function fromV2() {
  const t0 = performance.now();
  const row = await new IndexDB().index.get('v2');
  const t1 = performance.now();
  const index = SearchIndex.restore(row?.data as SerializedIndex);
  const t2 = performance.now();
  const hits = index.search(QUERIES[0] as string, { limit: 50 }).total;
  const t3 = performance.now();
  return { read: t1 - t0, restore: t2 - t1, query: t3 - t2, total: t3 - t0, hits };
}

/**
 * Cold start C: what the background does — the search service opens the database, checks the fingerprint,
 * reads `searchIndex` and restores it — then the query. Read and restore are not apart here.
 */
async function fromService() {
  const t0 = performance.now();
  const index = await createSearchService(new ClipmarkDB()).index();
  const t1 = performance.now();
  const hits = index.search(QUERIES[0] as string, { limit: 50 }).total;
  const t2 = performance.now();
  return { read: t1 - t0, restore: 0, query: t2 - t1, total: t2 - t0, hits };
}

/**
 * The popup's data for one page (`highlight.listForPage`, the real handler) with the whole library stored:
 * first in a fresh browser process (the database opened by the call), then again.
 */
async function pageData(url: string) {
  const t0 = performance.now();
  const db = new ClipmarkDB();
  const evidence = createPageEvidence(db, undefined);
  const list = highlightHandlers(db, Date.now, () => crypto.randomUUID(), evidence)['highlight.listForPage'];
  const first = await list({ url }, { kind: 'extension-page' });
  const t1 = performance.now();
  await list({ url }, { kind: 'extension-page' });
  const t2 = performance.now();
  db.close();
  return { cold: t1 - t0, warm: t2 - t1, count: first.length };
}

/** Cold start B: read every highlight and page, build the index, answer a query. */
async function fromTables() {
  const t0 = performance.now();
  const db = new ClipmarkDB();
  const [records, pages] = await Promise.all([db.highlights.toArray(), db.articles.toArray()]);
  const t1 = performance.now();
  const titles = new Map(pages.map((p) => [p.url, p]));
  const index = SearchIndex.build(records.map((h) => toSearchDoc(h, titles.get(h.url))));
  const t2 = performance.now();
  const hits = index.search(QUERIES[0] as string, { limit: 50 }).total;
  const t3 = performance.now();
  return { read: t1 - t0, restore: t2 - t1, query: t3 - t2, total: t3 - t0, hits };
}

Object.assign(globalThis, {
  searchBench: { writeTables, writeIndex, fromV1, fromV2, fromService, fromTables, pageData },
});
