/**
 * Articles: what extraction found out about a page (title, site, dates, byline…), read in the tab by the
 * extractor script the background injects, and kept on the page's article record once the user highlighted
 * there. Visiting a page stores nothing.
 */
import type { ClipmarkDB } from '../db';
import type { ArticleInfo, ArticleSummary } from '../messages';
import { type Handlers, RouteError } from '../router';
import { type ExtractedArticle, ExtractedArticleSchema, metaOfExtraction } from '../schema';
import { normalizeUrl } from '../url';
import { assertExtensionPage } from './access';

/** The browser's tabs, as far as articles need them (`browser.tabs` + `browser.scripting` in the background). */
export interface TabAccess {
  /** The tab's current address, or undefined when there is no such tab. */
  urlOf(tabId: number): Promise<string | undefined>;
  /** Runs the extractor (entrypoints/extractor.ts) in the tab's top frame and returns what it returned. */
  extract(tabId: number): Promise<unknown>;
}

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
    await db.articles.put({
      ...record,
      title: article.title || record.title,
      meta: { ...record.meta, ...metaOfExtraction(article) },
      updatedAt: now,
    });
    return true;
  });
}

export function summarize(article: ExtractedArticle): ArticleSummary {
  const { html: _html, text: _text, adapter: _adapter, url: _url, ...summary } = article;
  return summary;
}

export function articleHandlers(
  db: ClipmarkDB,
  now: () => number,
  tabs: TabAccess | undefined,
): Pick<Handlers, 'article.extract'> {
  return {
    async 'article.extract'({ tabId }, sender): Promise<ArticleInfo> {
      assertExtensionPage(sender);
      if (!tabs) throw new RouteError('internal', 'tabs are not available here');
      const url = await tabs.urlOf(tabId);
      const key = url ? normalizeUrl(url) : null;
      if (!url || !key) throw new RouteError('not-found', 'that tab shows no web page');
      const article = await extractFromTab(tabs, tabId);
      // The address the document was read from: the tab may have moved on since `urlOf`.
      const readKey = article ? normalizeUrl(article.url) : null;
      if (article && readKey) await rememberExtraction(db, readKey, article, now());
      return { url: article?.url ?? url, article: article ? summarize(article) : null };
    },
  };
}

/**
 * After the first highlight on a page, read the article in that tab so its record gets a proper title, date
 * and byline (exports and citations use them). Runs once per page, after the highlight was acknowledged.
 */
export function createArticleReader(db: ClipmarkDB, tabs: TabAccess, now: () => number) {
  const inFlight = new Set<string>();
  return async function readOnce(tabId: number, key: string): Promise<void> {
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const record = await db.articles.get(key);
      if (!record || record.meta.wordCount != null) return;
      const article = await extractFromTab(tabs, tabId);
      if (article && normalizeUrl(article.url) === key) await rememberExtraction(db, key, article, now());
    } finally {
      inFlight.delete(key);
    }
  };
}
