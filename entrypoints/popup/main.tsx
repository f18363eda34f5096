import '@/components/theme.css';
import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup, type PopupApi, type PopupData } from '@/components/Popup';
import { downloadFiles } from '@/utils/download';
import { t } from '@/utils/i18n';
import { exportFiles } from '@/utils/messaging/chunked-files';
import { backgroundClient, tabClient } from '@/utils/messaging/sender';
import { readerPath } from '@/utils/reader/address';
import { type PanelApis, panelOpener } from '@/utils/side-panel';

/** The interface language, for the labels an export writes. */
const uiLang = () => (browser.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en');

/**
 * The popup's wiring: which tab it is about (the active tab, or `?tab=<id>` when opened as a page, as the
 * end-to-end tests do), the library in the background, and the page's content script in that tab.
 */
const background = backgroundClient(browser.runtime);

async function currentTab() {
  const param = new URLSearchParams(location.search).get('tab');
  return param
    ? browser.tabs.get(Number(param))
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
}

function createApi(): PopupApi {
  let tabId: number | undefined;
  let windowId: number | undefined;
  const openPanel = panelOpener(browser as unknown as PanelApis);
  /** The content script of the tab the popup is about. */
  const page = tabClient((m) =>
    tabId === undefined ? Promise.reject(new Error('no tab')) : browser.tabs.sendMessage(tabId, m),
  );
  /** Tells the page to redraw; a page without our content script just misses out. */
  const syncPage = () => page.send('page.sync', {}).catch(() => undefined);
  async function load(): Promise<PopupData> {
    const tab = await currentTab();
    tabId = tab?.id;
    windowId = tab?.windowId;
    const url = tab?.url ?? '';
    if (!/^https?:/.test(url)) return { kind: 'unsupported' };
    // Both at once: the page's status (the content script may first have to load its tools) and the address's
    // highlights. The page says which canonical address it goes by; when its highlights are kept under that,
    // they are asked for again under it (rare: a page whose records live under its canonical address).
    const asked = page.send('page.status', {}).catch(() => null);
    const plain = background.send('highlight.listForPage', { url });
    plain.catch(() => undefined); // awaited below, or replaced
    const status = await asked;
    const highlights = status?.canonical
      ? await background.send('highlight.listForPage', { url, canonical: status.canonical })
      : await plain;
    return {
      kind: 'page',
      url,
      title: tab?.title ?? url,
      highlights,
      orphans: status?.orphans ?? null,
      changed: Object.fromEntries((status?.changed ?? []).map((c) => [c.id, c.current])),
      detection: status?.detection ?? null,
    };
  }
  // Started now, before the popup's first render: the first `load()` takes it.
  let first: Promise<PopupData> | null = load();
  first.catch(() => undefined);
  return {
    lang: uiLang(),
    load() {
      const started = first ?? load();
      first = null;
      return started;
    },
    async saveClipping() {
      if (tabId === undefined) throw new Error('no tab');
      return background.send('clipping.save', { tabId });
    },
    openClipping(url) {
      browser.tabs.create({ url: browser.runtime.getURL(readerPath(url)) });
    },
    tags: () => background.send('tag.list', {}),
    async readArticle() {
      if (tabId === undefined) throw new Error('no tab');
      return background.send('article.extract', { tabId });
    },
    async remove(id) {
      await background.send('highlight.delete', { id });
      await syncPage();
    },
    async restore(id) {
      await background.send('highlight.restore', { id });
      await syncPage();
    },
    async scrollTo(id) {
      await page.send('page.scrollTo', { id });
    },
    async edit(id) {
      const { opened } = await page.send('page.edit', { id });
      if (!opened) throw new Error(t('editNotOnPage'));
      // The editor is over the page now; a real popup gets out of its way (not when opened as a tab).
      if (!new URLSearchParams(location.search).has('tab')) window.close();
    },
    search: (query) => background.send('library.search', { query, limit: 50 }),
    open(url) {
      browser.tabs.create({ url });
    },
    async exportPage(url, format) {
      const files = await exportFiles(background, { scope: { kind: 'page', url }, format, lang: uiLang() });
      downloadFiles(document, files);
    },
    async copyMarkdown(url) {
      // One file: the page's note (a long one may come in parts, joined here).
      const files = await exportFiles(background, {
        scope: { kind: 'page', url },
        format: 'markdown',
        lang: uiLang(),
      });
      const text = files
        .map(({ content }) => (typeof content === 'string' ? content : content.join('')))
        .join('');
      await navigator.clipboard.writeText(text);
    },
    openLibrary() {
      browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
    },
    openPanel: openPanel
      ? () => {
          // At once, in the click: the browser opens a panel only in answer to the user.
          openPanel(windowId ?? browser.windows.WINDOW_ID_CURRENT).then(
            // The panel is beside the page now; a real popup gets out of its way (not when opened as a tab).
            () => new URLSearchParams(location.search).has('tab') || window.close(),
            (error) => console.warn('[clipmark] side panel', error),
          );
        }
      : undefined,
  };
}

document.documentElement.lang = browser.i18n.getUILanguage();
// Warm the search index while the user reads the popup, so the first keystroke does not wait for it.
background.send('library.search', { query: '', limit: 1 }).catch(() => {});
render(<Popup api={createApi()} />, document.getElementById('app') as HTMLElement);
