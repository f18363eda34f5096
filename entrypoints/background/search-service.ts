/**
 * Search in the background: one in-memory index (utils/search), kept up to date by Dexie hooks on every write,
 * saved whole to IndexedDB (debounced) so the first query after the service worker restarts reads one record
 * instead of every highlight. The library's generation (entrypoints/background/database.ts), saved with it, tells whether it is still true.
 * A write while the index is not in memory (the worker woke up for a page's new highlight) loads it, catches it up
 * on that write and saves it again, so the saved index stays true for the next cold start.
 */
import type { Transaction } from 'dexie';
import type { Handlers } from '@/utils/messaging/background-router';
import type { Highlight } from '@/utils/schema';
import { SearchIndex, toSearchDoc } from '@/utils/search';
import { searchArticleNotes } from '@/utils/search/article-notes';
import { type ClipmarkDB, libraryGeneration } from './database';
import { assertExtensionPage } from './library/access';

const SAVE_DELAY_MS = 2000;

export interface SearchService {
  /** The index, loaded or built on first use. */
  index(): Promise<SearchIndex>;
  /** Starts loading the index, if not yet, without waiting: a search is likely soon (the popup opened). */
  warm(): void;
  /** Writes the index now if it changed (tests, and before the worker is stopped). */
  flush(): Promise<void>;
}

export function createSearchService(db: ClipmarkDB): SearchService {
  let loading: Promise<SearchIndex> | null = null;
  let loaded: SearchIndex | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  /**
   * The generation the index can know about: read when it was loaded, then each of this connection's writes as
   * it commits (its hooks mark what changed). A stored generation past it means a write from elsewhere.
   */
  let known = -1;
  /**
   * The generations of this connection's own committed writes, as spans `(from, to]`, contiguous ones merged: a
   * saved index behind the library only by these can be caught up on the writes the hooks marked.
   */
  const own: Array<{ from: number; to: number }> = [];
  db.onGenerationCommitted((generation, from) => {
    known = generation;
    const last = own[own.length - 1];
    if (last && last.to === from) last.to = generation;
    else own.push({ from, to: generation });
  });
  /** True when every write in `(from, to]` was this connection's. */
  const ownWrites = (from: number, to: number) => own.some((span) => span.from <= from && span.to >= to);
  const changed = new Set<string>();
  const changedArticles = new Set<string>();

  // Every write to highlights or articles marks ids; the index catches up once the transaction commits.
  let applyQueued = false;
  const afterCommit = (transaction: Transaction) => {
    dirty = true;
    if (applyQueued) return;
    applyQueued = true;
    // A transaction nested in another (a logged write runs in the answer log's: entrypoints/background/answer-log.ts)
    // "completes" when its own function is done; its writes commit, or not, with the outermost one.
    let root = transaction;
    while (root.parent) root = root.parent;
    const settle = () => {
      applyQueued = false;
      // Not in memory: load it now, so the write reaches the saved index before the worker is stopped.
      if (!loaded) loadAndCatchUp();
      else applyChanges().catch((e) => console.warn('[clipmark] search update failed', e));
    };
    root.on('complete', settle);
    // Rolled back: the marked records read back unchanged, and later writes are not left waiting for this one.
    root.on('error', settle);
  };
  db.highlights.hook('creating', (id, h, tx) => {
    changed.add(String(id ?? h.id));
    afterCommit(tx);
  });
  db.highlights.hook('updating', (_mods, id, _h, tx) => {
    changed.add(String(id));
    afterCommit(tx);
  });
  db.highlights.hook('deleting', (id, _h, tx) => {
    changed.add(String(id));
    afterCommit(tx);
  });
  // A page's new title re-indexes its highlights.
  db.articles.hook('updating', (mods, url, _a, tx) => {
    if ('title' in mods || 'site' in mods) changedArticles.add(String(url));
    afterCommit(tx);
  });
  db.articles.hook('creating', (url, _a, tx) => {
    changedArticles.add(String(url));
    afterCommit(tx);
  });

  /** Applies marked changes; calls are chained so a search waits for one already under way. */
  let applying: Promise<void> = Promise.resolve();
  function applyChanges(): Promise<void> {
    applying = applying.then(applyMarked, applyMarked);
    return applying;
  }

  async function applyMarked(): Promise<void> {
    if (!loaded) return;
    if (changedArticles.size > 0) {
      const urls = [...changedArticles];
      changedArticles.clear();
      for (const id of await db.highlights.where('url').anyOf(urls).primaryKeys()) changed.add(id);
    }
    if (changed.size === 0) return;
    const ids = [...changed];
    changed.clear();
    const records = await db.highlights.bulkGet(ids);
    const articles = await articlesFor(
      db,
      records.filter((h): h is Highlight => !!h),
    );
    ids.forEach((id, i) => {
      const h = records[i];
      if (h) loaded?.update(toSearchDoc(h, articles.get(h.url)));
      else loaded?.remove(id);
    });
    scheduleSave();
  }

  function scheduleSave() {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      save().catch((e) => console.warn('[clipmark] saving the search index failed', e));
    }, SAVE_DELAY_MS);
  }

  async function save(): Promise<void> {
    if (!loaded || !dirty) return;
    await applyChanges();
    const generation = await libraryGeneration(db);
    // A write marked after the changes were applied may be in `generation` but not in the index: save later.
    if (changed.size > 0 || changedArticles.size > 0) {
      scheduleSave();
      return;
    }
    // A write that did not come through this connection (its hooks never saw it): the index cannot be trusted
    // any more; drop it, and the next search reads the library again.
    if (generation !== known) {
      loaded = null;
      loading = null;
      dirty = false;
      return;
    }
    dirty = false;
    await db.searchIndex.put({
      key: 'main',
      fingerprint: fingerprintOf(generation),
      data: loaded.serialize(),
    });
  }

  async function load(): Promise<SearchIndex> {
    const [saved, generation] = await Promise.all([db.searchIndex.get('main'), libraryGeneration(db)]);
    known = generation;
    const savedAt = saved ? generationIn(saved.fingerprint) : null;
    // Saved at this generation, or before writes of this connection alone, which the hooks marked.
    const behind = savedAt !== null && savedAt < generation && ownWrites(savedAt, generation);
    if (saved && (savedAt === generation || behind)) {
      try {
        loaded = SearchIndex.restore(saved.data);
        if (behind) {
          dirty = true; // the marked writes are applied next, then saved
        } else {
          changed.clear();
          changedArticles.clear();
        }
        return loaded;
      } catch {
        // An index saved by another version: rebuild below.
      }
    }
    const highlights = await db.highlights.toArray();
    const articles = await articlesFor(db, highlights);
    loaded = SearchIndex.build(highlights.map((h) => toSearchDoc(h, articles.get(h.url))));
    changed.clear();
    changedArticles.clear();
    dirty = true;
    scheduleSave();
    return loaded;
  }

  /** Loads the index if no load is under way, then applies the marked writes (which schedules a save). */
  function loadAndCatchUp(): void {
    loading ??= load();
    loading.then(applyChanges).catch(() => {}); // the next index() call reports a failed load
  }

  return {
    index() {
      loading ??= load();
      return loading.then(async (index) => {
        await applyChanges();
        return index;
      });
    },
    warm() {
      loadAndCatchUp();
    },
    async flush() {
      await loading?.catch(() => {}); // a load started by a write catches up first
      await applyChanges();
      if (saveTimer !== undefined) clearTimeout(saveTimer);
      saveTimer = undefined;
      await save();
    },
  };
}

/**
 * What the saved index must agree with: the library's generation, which every write to highlights or articles
 * moves on in its own transaction. One small read on each cold start (counting 100,000 highlights took longer
 * than reading the whole saved index: docs/benchmarks.md, "Search").
 */
function fingerprintOf(generation: number): string {
  return `generation:${generation}`;
}

/** The generation a fingerprint was made at, or null for another form of fingerprint. */
function generationIn(fingerprint: string): number | null {
  const m = /^generation:(\d+)$/.exec(fingerprint);
  return m ? Number(m[1]) : null;
}

async function articlesFor(db: ClipmarkDB, highlights: readonly Highlight[]) {
  const urls = [...new Set(highlights.map((h) => h.url))];
  const found = await db.articles.bulkGet(urls);
  return new Map(found.filter((a) => !!a).map((a) => [a.url, a]));
}

export function searchHandlers(db: ClipmarkDB, search: SearchService): Pick<Handlers, 'library.search'> {
  return {
    async 'library.search'({ query, limit, offset, notes: withNotes = true }, sender) {
      assertExtensionPage(sender);
      const index = await search.index();
      const result = index.search(query, { limit, offset });
      const highlights = await db.highlights.bulkGet(result.hits.map((h) => h.id));
      const articles = await articlesFor(
        db,
        highlights.filter((h): h is Highlight => !!h),
      );
      // Keys only: a clipping holds the article's whole text, and the list needs to know it exists.
      const clipped = new Set(
        await db.clippings
          .where('url')
          .anyOf([...articles.keys()])
          .primaryKeys(),
      );
      // Each article's highlight count, for the library's article heads: one key-only count per article shown.
      const counts = new Map(
        await Promise.all(
          [...new Set(highlights.flatMap((h) => (h ? [h.url] : [])))].map(
            async (url) => [url, await db.highlights.where('url').equals(url).count()] as const,
          ),
        ),
      );
      // Articles' own notes: a scan of the few articles that have one (utils/search/article-notes.ts).
      const notes =
        offset || !withNotes
          ? undefined
          : searchArticleNotes(await db.articles.filter((a) => !!a.note).toArray(), query, 50);
      return {
        total: result.total,
        ...(notes ? { notes } : {}),
        hits: result.hits.flatMap((hit, i) => {
          const highlight = highlights[i];
          if (!highlight) return [];
          const article = articles.get(highlight.url);
          return [
            {
              highlight,
              article: {
                url: highlight.url,
                title: article?.title ?? '',
                site: article?.site ?? '',
                clipped: clipped.has(highlight.url),
                byline: article?.meta?.byline ?? null,
                // The article's own note, when one was ever saved (its version, for the library's editor).
                ...(article?.noteUpdatedAt === undefined
                  ? {}
                  : { note: article.note ?? '', noteUpdatedAt: article.noteUpdatedAt }),
                publishedAt: article?.meta?.publishedAt ?? null,
                createdAt: article?.createdAt ?? null,
                count: counts.get(highlight.url) ?? 1,
              },
              matches: hit.matches,
            },
          ];
        }),
      };
    },
  };
}
