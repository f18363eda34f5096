/**
 * "Copy with citation" (utils/citation/): what the formatter needs about an article — its CSL item — and the
 * style the user chose. The formatting itself (citeproc-js, ~1 MB) never runs here: a service worker cannot
 * import it lazily, and parsing it at every start would slow every wake-up. The popup formats in its own page;
 * the page's toolbar key injects `page-cite.js` into the tab (docs/architecture.md).
 */
import { citationItem } from '@/utils/citation/item';
import type { Handlers } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import { type Article, metaOfExtraction } from '@/utils/schema';
import { siteOf } from '@/utils/url';
import type { ClipmarkDB } from '../database';
import type { TabAccess } from '../tab-access';
import { pageKey, pageKeys } from './access';
import { readArticleIn } from './articles';
import type { PageEvidence } from './evidence';
import { getSettings } from './settings';

export function citationHandlers(
  db: ClipmarkDB,
  now: () => number,
  tabs: TabAccess | undefined,
  evidence: PageEvidence,
): Pick<Handlers, 'citation.source'> {
  return {
    /**
     * The article's CSL item and the chosen style. Extension pages name any article; a content script only its
     * own page's (`pageKeys`). A page with no record yet (text selected, nothing highlighted) is read in its tab
     * by the extractor, as for the popup's card; nothing is stored.
     */
    async 'citation.source'({ url, canonical }, sender) {
      const { citationStyle: style } = await getSettings(db);
      const keys =
        sender.kind === 'content' ? await pageKeys(sender, url, canonical, evidence) : [pageKey(url)];
      for (const key of keys) {
        const record = await db.articles.get(key);
        if (record) return { item: citationItem(record), style };
      }
      if (sender.kind !== 'content' || !tabs) throw new RouteError('not-found', `no article at ${url}`);
      const read = await readArticleIn(tabs, evidence, sender.tabId);
      if (!read || !keys.includes(read.key)) {
        throw new RouteError('not-found', 'this page could not be read as an article');
      }
      const time = now();
      const article: Article = {
        url: read.key,
        site: siteOf(read.key),
        title: read.article.title,
        meta: metaOfExtraction(read.article),
        createdAt: time,
        updatedAt: time,
      };
      return { item: citationItem(article), style };
    },
  };
}
