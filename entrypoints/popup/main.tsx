import '@/components/theme.css';
import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup, type PopupApi, type PopupData } from '@/components/Popup';
import { writeFormatted } from '@/utils/citation/clipboard';
import { citationLocale } from '@/utils/citation/styles';
import { commandKeysOf } from '@/utils/command-keys';
import { downloadFiles } from '@/utils/download';
import { textFragmentLink } from '@/utils/export/deep-link';
import { t } from '@/utils/i18n';
import { articleNoteClient } from '@/utils/messaging/article-notes';
import { exportFiles } from '@/utils/messaging/chunked-files';
import { backgroundClient } from '@/utils/messaging/sender';
import { readerPath } from '@/utils/reader/address';
import { type PanelApis, panelOpener } from '@/utils/side-panel';
import { sameArticle } from '@/utils/url';
import { takeEarlyStart } from './page-link';

const background = backgroundClient(browser.runtime);
/** What popup-first.js started: the tab, its status and highlights (or the same, started now). */
const early = takeEarlyStart();

/** The interface language, for the labels an export writes. */
const uiLang = () => (browser.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en');

/**
 * The popup's wiring: the tab it is about and its content script (page-link.ts; popup.html starts it before this
 * module, entrypoints/popup-first.ts), and the library in the background.
 */
function createApi(): PopupApi {
  const { link } = early;
  const { page, tabId: currentTabId } = link;
  /** Tells the page to redraw; a page without our content script just misses out. */
  const syncPage = () => page.send('page.sync', {}).catch(() => undefined);
  // Started by popup-first.js before this module ran: the first `load()` takes it.
  let first: Promise<PopupData> | null = early.first;
  // The side panel opens beside the tab's window: known before the user can click (sidePanel.open must be called
  // at once in the click, with no await before it).
  const openPanel = panelOpener(browser as unknown as PanelApis);
  let windowId: number | undefined;
  early.first
    .then(async () => {
      const id = currentTabId();
      if (id !== undefined) windowId = (await browser.tabs.get(id)).windowId;
    })
    .catch(() => undefined);
  return {
    lang: uiLang(),
    load() {
      const started = first ?? link.load();
      first = null;
      return started;
    },
    async saveClipping() {
      const tabId = currentTabId();
      if (tabId === undefined) throw new Error('no tab');
      return background.send('clipping.save', { tabId });
    },
    openClipping(url) {
      browser.tabs.create({ url: browser.runtime.getURL(readerPath(url)) });
    },
    tags: () => background.send('tag.list', {}),
    ...articleNoteClient(background),
    async readArticle() {
      const tabId = currentTabId();
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
      const tabId = currentTabId();
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
    cite(h) {
      // Not async: the clipboard write starts in the click; the text follows (utils/citation/clipboard.ts).
      // citeproc and the styles are a chunk of their own, loaded on the first Cite only.
      const formatted = (async () => {
        const [{ item, style }, { formatQuotation }] = await Promise.all([
          background.send('citation.source', { url: h.url }),
          import('@/utils/citation/format'),
        ]);
        return formatQuotation({
          item,
          style,
          locale: citationLocale(uiLang()),
          quote: h.quote.exact,
          link: textFragmentLink(item.URL, h.quote),
        });
      })();
      return writeFormatted(navigator.clipboard, formatted);
    },
    openLibrary(section) {
      browser.tabs.create({ url: browser.runtime.getURL(`/library.html${section ? `#${section}` : ''}`) });
    },
    syncStatus: () => background.send('sync.status', {}),
    openOptions() {
      browser.runtime.openOptionsPage();
    },
    commandKeys: async () => commandKeysOf(await browser.commands.getAll()),
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
// Warm the search index while the user reads the popup, so the first keystroke does not wait for it — after the
// page's own questions, which the card waits for.
early.first
  .finally(() => background.send('library.search', { query: '', limit: 1, notes: false }))
  .catch(() => undefined);
render(<Popup api={createApi()} />, document.getElementById('app') as HTMLElement);
