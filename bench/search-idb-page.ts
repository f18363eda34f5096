/**
 * Runs inside Chromium for bench/search-idb.ts (bundled with esbuild): writes a library to IndexedDB with the
 * real Dexie schema, then, in a fresh browser process, times the two cold starts the background could do.
 */
import Dexie from 'dexie';
import { ClipmarkDB } from '../utils/db';
import type { Article, Highlight } from '../utils/schema';
import { SearchIndex, toSearchDoc } from '../utils/search/index';
import type { SerializedIndex } from '../utils/search/types';
import { generateCorpus, QUERIES } from './search-data';

/** Where the persisted index would live: its own database, one record. */
class IndexDB extends Dexie {
  index!: Dexie.Table<{ key: string; data: SerializedIndex }, string>;
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

/** Builds the index from the tables and persists it, as the background would after a rebuild. */
async function writeIndex(): Promise<{ buildMs: number; putMs: number }> {
  const t0 = performance.now();
  const db = new ClipmarkDB();
  const [records, pages] = await Promise.all([db.highlights.toArray(), db.articles.toArray()]);
  const titles = new Map(pages.map((p) => [p.url, p]));
  const index = SearchIndex.build(records.map((h) => toSearchDoc(h, titles.get(h.url))));
  const t1 = performance.now();
  const store = new IndexDB();
  await store.index.put({ key: 'main', data: index.serialize() });
  const t2 = performance.now();
  store.close();
  db.close();
  return { buildMs: t1 - t0, putMs: t2 - t1 };
}

/** Cold start A: read the persisted index (one record), restore it, answer a query. */
async function fromBlob() {
  const t0 = performance.now();
  const row = await new IndexDB().index.get('main');
  const t1 = performance.now();
  const index = SearchIndex.restore(row?.data as SerializedIndex);
  const t2 = performance.now();
  const hits = index.search(QUERIES[0] as string, { limit: 50 }).total;
  const t3 = performance.now();
  return { read: t1 - t0, restore: t2 - t1, query: t3 - t2, total: t3 - t0, hits };
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

Object.assign(globalThis, { searchBench: { writeTables, writeIndex, fromBlob, fromTables } });
