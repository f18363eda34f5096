import '@/components/theme.css';
import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup, type PopupApi, type PopupData } from '@/components/Popup';
import { commandKeysOf } from '@/utils/command-keys';
import { downloadFiles } from '@/utils/download';
import { textFragmentLink } from '@/utils/export/deep-link';
import { t } from '@/utils/i18n';
import { exportFiles } from '@/utils/messaging/chunked-files';
import { backgroundClient, tabClient } from '@/utils/messaging/sender';
import { readerPath } from '@/utils/reader/address';
import { sameArticle } from '@/utils/url';

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
  /** The content script of the tab the popup is about. */
  const page = tabClient((m) =>
    tabId === undefined ? Promise.reject(new Error('no tab')) : browser.tabs.sendMessage(tabId, m),
  );
  /** Tells the page to redraw; a page without our content script just misses out. */
  const syncPage = () => page.send('page.sync', {}).catch(() => undefined);
  async function load(): Promise<PopupData> {
    const tab = await currentTab();
    tabId = tab?.id;
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
    async open({ highlight, article }, newTab) {
      const link = textFragmentLink(article.openUrl, highlight.quote);
      // The background opens it and has the page scroll to the passage once it drew it (`passage.open`).
      const openThere = (target: { tabId?: number; newTab: boolean }) =>
        background.send('passage.open', { url: link, id: highlight.id, ...target });
      if (newTab) {
        // In the background, as a Ctrl-click on a link does; the popup stays for the next one.
        await openThere({ newTab: true });
        return;
      }
      const tab = tabId === undefined ? undefined : await browser.tabs.get(tabId).catch(() => undefined);
      const here = tab?.url && (sameArticle(tab.url, article.url) || sameArticle(tab.url, article.openUrl));
      // Already on that page: scroll to the passage and flash it, no reload (when it is drawn here).
      const shown = here && (await page.send('page.scrollTo', { id: highlight.id }).catch(() => null))?.found;
      if (!shown)
        await openThere(tab?.id === undefined ? { newTab: true } : { tabId: tab.id, newTab: false });
      if (!new URLSearchParams(location.search).has('tab')) window.close();
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
    openOptions() {
      browser.runtime.openOptionsPage();
    },
    commandKeys: async () => commandKeysOf(await browser.commands.getAll()),
  };
}

document.documentElement.lang = browser.i18n.getUILanguage();
// Warm the search index while the user reads the popup, so the first keystroke does not wait for it.
background.send('library.search', { query: '', limit: 1 }).catch(() => {});
render(<Popup api={createApi()} />, document.getElementById('app') as HTMLElement);
