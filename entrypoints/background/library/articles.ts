/**
 * Articles and clippings: what extraction found out about a page (title, site, dates, byline…), read in the
 * tab by the extractor script the background injects, kept on the page's article record once the user
 * highlighted there, and — as a clipping — the article's text and HTML as they were when saved. Visiting a
 * page stores nothing.
 */
import { normalizeText } from '@/utils/anchoring';
import type { ArticleInfo, ArticleSummary, ClippingSummary } from '@/utils/messaging/background-map';
import type { Handlers } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import { collectImages, type StoredImages } from '@/utils/reader/clipping-images';
import {
  type Clipping,
  type ExtractedArticle,
  ExtractedArticleSchema,
  metaOfExtraction,
  StoredImagesSchema,
} from '@/utils/schema';
import { articleKey, normalizeUrl, siteOf } from '@/utils/url';
import type { ClipmarkDB } from '../database';
import type { TabAccess } from '../tab-access';
import { assertExtensionPage, pageKey } from './access';
import type { PageEvidence } from './evidence';
import { getSettings } from './settings';

/** The extractor's answer, validated; throws `RouteError` when the page could not be read. */
export async function extractFromTab(tabs: TabAccess, tabId: number): Promise<ExtractedArticle | null> {
  let raw: unknown;
  try {
    raw = await tabs.extract(tabId);
  } catch (error) {
    // Pages the browser does not let extensions script: the web store, PDF viewer, error pages.
    throw new RouteError(
      'forbidden',
      `this page cannot be read: ${String((error as Error)?.message ?? error)}`,
    );
  }
  if (raw === null || raw === undefined) return null;
  const parsed = ExtractedArticleSchema.safeParse(raw);
  if (!parsed.success) throw new RouteError('internal', 'the article reader returned something unexpected');
  return parsed.data;
}

/**
 * Stores what extraction found on the page's article record, if the library has one (the user highlighted
 * there). The extracted headline replaces the tab title ("Headline - Site name").
 */
export async function rememberExtraction(
  db: ClipmarkDB,
  key: string,
  article: ExtractedArticle,
  now: number,
): Promise<boolean> {
  return db.transaction('rw', db.articles, async () => {
    const record = await db.articles.get(key);
    if (!record) return false;
    const title = article.title || record.title;
    const meta = { ...record.meta, ...metaOfExtraction(article) };
    // Reading the same article again (each time the popup opens) writes nothing: a write would touch the
    // record's time, and with it the search index's saved copy.
    if (title === record.title && sameJson(meta, record.meta)) return true;
    await db.articles.put({ ...record, title, meta, updatedAt: now });
    return true;
  });
}

function sameJson(a: object, b: object): boolean {
  const keys = Object.keys({ ...a, ...b }).sort();
  return JSON.stringify(a, keys) === JSON.stringify(b, keys);
}

export function summarize(article: ExtractedArticle): ArticleSummary {
  const { html: _html, text: _text, adapter: _adapter, url: _url, ...summary } = article;
  return summary;
}

/** How the background fetches an image for a saved copy (`fetch`; tests pass a fake, or none). */
export type ImageFetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The article's images to keep with its copy (`utils/reader/clipping-images.ts`): fetched before the copy's
 * transaction (IndexedDB commits a transaction that waits on the network), validated like any stored record.
 * Without a fetch (tests of other parts), none.
 */
export async function imagesOf(
  article: ExtractedArticle,
  fetchImage: ImageFetch | undefined,
): Promise<StoredImages | undefined> {
  if (!fetchImage) return undefined;
  const { images, skipped } = await collectImages(article.html, article.url, fetchImage);
  if (skipped.length > 0) console.info('[clipmark] saved copy: images not kept', skipped);
  const parsed = StoredImagesSchema.safeParse(images);
  return parsed.success && Object.keys(parsed.data).length > 0 ? parsed.data : undefined;
}

/**
 * Saves the clipping of an article, with its images when given, creating its record when the library has none
 * (saving is the user's choice, like highlighting), in one transaction.
 */
export async function saveClipping(
  db: ClipmarkDB,
  key: string,
  article: ExtractedArticle,
  now: number,
  images?: StoredImages,
): Promise<ClippingSummary> {
  return db.transaction('rw', [db.articles, db.clippings], async () => {
    const record = await db.articles.get(key);
    await db.articles.put({
      url: key,
      site: record?.site ?? siteOf(key),
      ...(record?.visitedUrl && { visitedUrl: record.visitedUrl }),
      title: article.title || record?.title || '',
      meta: { ...record?.meta, ...metaOfExtraction(article) },
      createdAt: record?.createdAt ?? now,
      updatedAt: now,
    });
    const clipping: Clipping = { url: key, savedAt: now, article, ...(images && { images }) };
    await db.clippings.put(clipping);
    return { url: key, savedAt: now, title: article.title };
  });
}

/** Whether the page's text now differs from the clipping's (spacing and Unicode form aside). */
export function textDiffers(clipping: Clipping, live: ExtractedArticle): boolean {
  return normalizeText(clipping.article.text) !== normalizeText(live.text);
}

/**
 * Reads the article in a tab; an article needs a body and an http(s) address. Its key is the address it was read
 * at, or the canonical one it names when the evidence allows (never another address's records on its word).
 */
export async function readArticleIn(tabs: TabAccess, evidence: PageEvidence, tabId: number) {
  const article = await extractFromTab(tabs, tabId);
  const own = article ? normalizeUrl(article.url) : null;
  if (!article || !own) return null;
  const named = articleKey(article.url, article.canonicalUrl);
  const key = named && (await evidence.allows(tabId, article.url, named)) ? named : own;
  return { article, key };
}

export function articleHandlers(
  db: ClipmarkDB,
  now: () => number,
  tabs: TabAccess | undefined,
  evidence: PageEvidence,
  fetchImage?: ImageFetch,
): Pick<Handlers, 'article.extract' | 'clipping.save' | 'clipping.get' | 'clipping.delete'> {
  const needTabs = (): TabAccess => {
    if (!tabs) throw new RouteError('internal', 'tabs are not available here');
    return tabs;
  };
  return {
    async 'article.extract'({ tabId }, sender): Promise<ArticleInfo> {
      assertExtensionPage(sender);
      const access = needTabs();
      const url = await access.urlOf(tabId);
      const key = url ? normalizeUrl(url) : null;
      if (!url || !key) throw new RouteError('not-found', 'that tab shows no web page');
      // The address the document was read from counts: the tab may have moved on since `urlOf`.
      const read = await readArticleIn(access, evidence, tabId);
      if (read) await rememberExtraction(db, read.key, read.article, now());
      const clipping = await db.clippings.get(read?.key ?? key);
      return {
        url: read?.article.url ?? url,
        article: read ? summarize(read.article) : null,
        clipping: clipping
          ? { savedAt: clipping.savedAt, differs: read ? textDiffers(clipping, read.article) : true }
          : null,
      };
    },

    async 'clipping.save'({ tabId }, sender) {
      assertExtensionPage(sender);
      const read = await readArticleIn(needTabs(), evidence, tabId);
      if (!read) throw new RouteError('not-found', 'no article text was found on this page');
      const images = await imagesOf(read.article, fetchImage);
      return saveClipping(db, read.key, read.article, now(), images);
    },

    async 'clipping.get'({ url }, sender) {
      assertExtensionPage(sender);
      const clipping = await db.clippings.get(pageKey(url));
      if (!clipping) throw new RouteError('not-found', `no clipping of ${url}`);
      return clipping;
    },

    async 'clipping.delete'({ url }, sender) {
      assertExtensionPage(sender);
      const key = pageKey(url);
      await db.clippings.delete(key);
      return { url: key };
    },
  };
}

/**
 * After the first highlight on a page, read the article in that tab so its record gets a proper title, date
 * and byline (exports and citations use them), and — unless the user turned it off — save a clipping. Runs
 * once per page, after the highlight was acknowledged.
 */
export function createArticleReader(
  db: ClipmarkDB,
  tabs: TabAccess,
  evidence: PageEvidence,
  now: () => number,
  fetchImage?: ImageFetch,
) {
  const inFlight = new Set<string>();
  return async function readOnce(tabId: number, key: string): Promise<void> {
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const record = await db.articles.get(key);
      if (!record || record.meta.wordCount != null) return;
      const read = await readArticleIn(tabs, evidence, tabId);
      if (!read || read.key !== key) return;
      await rememberExtraction(db, key, read.article, now());
      if ((await getSettings(db)).autoClip && !(await db.clippings.get(key))) {
        // Fetching the images takes a while: a copy saved meanwhile (the popup's Save) is not replaced.
        const images = await imagesOf(read.article, fetchImage);
        if (!(await db.clippings.get(key))) await saveClipping(db, key, read.article, now(), images);
      }
    } finally {
      inFlight.delete(key);
    }
  };
}
