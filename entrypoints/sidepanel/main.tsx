/*
 * The side panel's wiring (components/SidePanel.tsx): which tab it is about, the library in the background, and
 * that tab's content script. Chromium shows it in its side panel, Firefox in its sidebar (WXT writes
 * `side_panel` or `sidebar_action`). It follows the active tab of its window: `?tab=<id>` pins it to one tab and
 * `?window=<id>` names the window (the end-to-end tests open it as a page that way, as they do the popup).
 */
import '@/components/theme.css';
import '../popup/popup.css';
import './sidepanel.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { type PanelApi, type PanelData, SEARCH_LIMIT, SidePanel } from '@/components/SidePanel';
import { textFragmentLink } from '@/utils/export/deep-link';
import { t } from '@/utils/i18n';
import { articleNoteClient } from '@/utils/messaging/article-notes';
import { isLibraryChanged } from '@/utils/messaging/notices';
import { backgroundClient } from '@/utils/messaging/sender';
import { createPageLink } from '../popup/page-link';

const background = backgroundClient(browser.runtime);
const params = new URLSearchParams(location.search);
const pinnedTab = params.has('tab') ? Number(params.get('tab')) : null;
const windowParam = params.has('window') ? Number(params.get('window')) : null;

/** The window whose active tab the panel follows. */
const windowId: Promise<number> =
  windowParam !== null
    ? Promise.resolve(windowParam)
    : browser.windows.getCurrent().then((w) => w.id ?? browser.windows.WINDOW_ID_CURRENT);

async function currentTab() {
  if (pinnedTab !== null) return browser.tabs.get(pinnedTab);
  const [tab] = await browser.tabs.query({ active: true, windowId: await windowId });
  return tab;
}

function createApi(): PanelApi {
  // The same asks as the popup's (entrypoints/popup/page-link.ts), about this window's active tab.
  const link = createPageLink(currentTab);
  const { page } = link;
  const syncPage = () => page.send('page.sync', {}).catch(() => undefined);
  return {
    load: (): Promise<PanelData> => link.load(),
    subscribe(listener) {
      const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
      const onMessage = (message: unknown, sender: { id?: string; url?: string; tab?: unknown }) => {
        if (isLibraryChanged(message, sender, self)) listener();
        // Never answers: the other messages this page hears are other pages' requests to the background.
        return undefined;
      };
      const onActivated = async (info: { tabId: number; windowId: number }) => {
        if (pinnedTab === null && info.windowId === (await windowId)) listener();
      };
      const onUpdated = (id: number, change: { url?: string; status?: string }) => {
        if (id !== link.tabId() || (change.url === undefined && change.status !== 'complete')) return;
        listener();
        // The content script starts at document_idle, maybe after "complete": ask once more when it is there.
        if (change.status === 'complete') setTimeout(listener, 1500);
      };
      browser.runtime.onMessage.addListener(onMessage);
      browser.tabs.onActivated.addListener(onActivated);
      browser.tabs.onUpdated.addListener(onUpdated);
      return () => {
        browser.runtime.onMessage.removeListener(onMessage);
        browser.tabs.onActivated.removeListener(onActivated);
        browser.tabs.onUpdated.removeListener(onUpdated);
      };
    },
    ...articleNoteClient(background),
    search: (query) => background.send('library.search', { query, limit: SEARCH_LIMIT }),
    async scrollTo(id) {
      const { found } = await page.send('page.scrollTo', { id });
      return found;
    },
    async edit(id) {
      const { opened } = await page.send('page.edit', { id });
      if (!opened) throw new Error(t('editNotOnPage'));
    },
    async remove(id) {
      await background.send('highlight.delete', { id });
      await syncPage();
    },
    async restore(id) {
      await background.send('highlight.restore', { id });
      await syncPage();
    },
    open({ highlight, article }, newTab) {
      // The background opens it and has the page scroll to the passage once it drew it (`passage.open`).
      const url = textFragmentLink(article.openUrl, highlight.quote);
      const tabId = link.tabId();
      const target = newTab || tabId === undefined ? { newTab: true } : { tabId, newTab: false };
      background
        .send('passage.open', { url, id: highlight.id, ...target })
        .catch((error) => console.warn('[clipmark] open', error));
    },
    openLibrary() {
      browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
    },
  };
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<SidePanel api={createApi()} />, document.getElementById('app') as HTMLElement);
