import '@/components/SelectionToolbar.css';
import { type Browser, browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createHighlighter } from '@/utils/highlighter';
import type {
  ContentMessageType,
  ContentRequestOf,
  ContentResponseOf,
} from '@/utils/messaging/background-map';
import { MessageError, sendMessage } from '@/utils/messaging/sender';
import { routeTabMessage, type TabHandlers } from '@/utils/messaging/tab-router';
import { watchSelection } from '@/utils/selection-watch';
import { sameArticle } from '@/utils/url';
import { type ArticleWatch, watchArticle } from './article-watch';
import { createEditorFrame, type EditorFrame } from './editor-frame';
import { watchLateContent } from './late-content';
import { keepRunningDespiteThePage } from './page-guard';
import { PageHighlights } from './page-highlights';
import { mountToolbar } from './toolbar';

/**
 * Runs on every web page, so it does little at load: it asks the background for this page's highlights and draws
 * them; whether the page is an article is judged when the popup asks; the toolbar UI is created on the first
 * selection, the editor when asked. Reading the article (Readability) is never done here: the background
 * injects the extractor when the popup asks or the user highlights. Every listener is bound to `ctx`.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // WXT would also announce the script's start with a `postMessage` to the page's window, which every listener
  // of the page hears (naming the extension); its DOM event is enough for WXT (see page-guard.ts).
  noScriptStartedPostMessage: true,
  cssInjectionMode: 'ui',
  main(ctx) {
    keepRunningDespiteThePage(ctx);
    // The background answers a content script with what drawing needs (`ContentMessageMap`): typed so here.
    const send = <K extends ContentMessageType>(
      type: K,
      payload: ContentRequestOf<K>,
    ): Promise<ContentResponseOf<K>> => sendMessage((m) => browser.runtime.sendMessage(m), type, payload);
    // Nothing is registered or styled in the page before the first highlight is drawn (utils/highlighter.ts).
    // A new highlight's selectors are worked out after the frame that paints it; a hidden tab runs no frames,
    // so a timer does it there.
    const afterPaint = (run: () => void) => {
      let done = false;
      const once = () => {
        if (!done) run();
        done = true;
      };
      ctx.requestAnimationFrame(() => ctx.setTimeout(once, 0));
      ctx.setTimeout(once, 100);
    };
    const page = new PageHighlights(document, createHighlighter(document), send, afterPaint);
    ctx.onInvalidated(() => page.clear());
    const lateContent = watchLateContent(ctx, document, page);
    page.onChange = lateContent.refresh;

    page.load().catch(logError);
    const article = watchArticle(document);
    const editor = createEditorFrame(ctx, page);
    listenToExtensionPages(ctx, page, article, editor);
    // In-page navigation (history API); a new #fragment is still the same article. The event's name is public
    // (the extension id), so the page can dispatch one too: its URLs are then missing (expando properties do
    // not cross from the page's world into ours), and it is ignored.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl, oldUrl }) => {
      if (!(newUrl instanceof URL) || !(oldUrl instanceof URL)) return;
      if (sameArticle(newUrl.href, oldUrl.href)) return;
      page.clear();
      loadAfterNavigation(ctx, page).catch(logError);
    });

    startToolbar(ctx, page, editor);
  },
});

/** Answers the popup and library page (`TabMessageMap`); only this extension's pages are answered. */
function listenToExtensionPages(
  ctx: ContentScriptContext,
  page: PageHighlights,
  article: ArticleWatch,
  editor: EditorFrame,
): void {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const handlers: TabHandlers = {
    'page.status': async () => ({ ...page.status(), detection: article.current() }),
    'page.sync': () => page.sync(),
    'page.highlightSelection': async () => {
      const selection = document.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return { id: null };
      const selected = selection.getRangeAt(0).cloneRange();
      const { saved } = page.create(selected, page.lastColor, []);
      selection.removeAllRanges();
      try {
        return { id: (await saved).id };
      } catch (error) {
        // Not saved: the mark is gone again; the user's selection comes back, and the error goes to the sender.
        selection.removeAllRanges();
        selection.addRange(selected);
        throw error;
      }
    },
    'page.scrollTo': async ({ id }) => ({ found: page.scrollTo(id) }),
    'page.editorClosed': async () => {
      if (!editor.isOpen) return { closed: false };
      editor.close();
      page.sync().catch(logError);
      return { closed: true };
    },
    'page.edit': async ({ id }) => {
      // At once, not smoothly: the editor is placed next to where the highlight is now.
      if (!page.scrollTo(id, 'instant')) return { opened: false };
      await editor.open(id, null);
      return { opened: true };
    },
  };
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (r: unknown) => void,
  ) => {
    routeTabMessage(message, sender, self, handlers).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

/**
 * The event comes before the browser records the tab's new address, and the background only answers a page
 * about its own address: until both agree it says `forbidden`, so wait a little and ask again.
 */
async function loadAfterNavigation(ctx: ContentScriptContext, page: PageHighlights): Promise<void> {
  for (const delay of [0, 100, 300, 1000, 2000]) {
    await new Promise((resolve) => ctx.setTimeout(() => resolve(undefined), delay));
    try {
      return await page.load();
    } catch (error) {
      if (!(error instanceof MessageError && error.code === 'forbidden')) throw error;
    }
  }
}

function startToolbar(ctx: ContentScriptContext, page: PageHighlights, editor: EditorFrame): void {
  let toolbar: Awaited<ReturnType<typeof mountToolbar>> | null = null;
  let mounting: Promise<void> | null = null;
  watchSelection(ctx, document, {
    async onSelect(range, rect) {
      if (!toolbar) {
        mounting ??= mountToolbar(ctx, page, editor.open).then((t) => {
          toolbar = t;
        });
        await mounting;
      }
      toolbar?.show(range, rect);
    },
    onDismiss: () => toolbar?.hide(),
    isOwnEvent: (event) => toolbar?.contains(event) ?? false,
    isShown: () => toolbar?.visible ?? false,
    onHighlight: (then) => toolbar?.commit(then),
  });
  // Clicking a highlight (without selecting text) opens its editor; the user's click only, not the page's. On
  // a link inside a highlight the click is the link's: Alt+click opens the editor there (below).
  ctx.addEventListener(document, 'click', (event: MouseEvent) => {
    if (!event.isTrusted || event.button !== 0 || event.altKey) return;
    if (toolbar?.visible || !document.getSelection()?.isCollapsed) return;
    if (event.target instanceof Element && event.target.closest('a[href]')) return;
    const id = page.hitTest(event.clientX, event.clientY);
    if (id) editor.open(id, null).catch(logError);
  });
  // Alt+click on a highlight opens its editor and nothing else, wherever it is: over a link the page never gets
  // the click (nor does the browser: Alt+click on a link would download it). Captured on the window, first.
  ctx.addEventListener(
    window,
    'click',
    (event: MouseEvent) => {
      if (!event.isTrusted || event.button !== 0 || !event.altKey) return;
      const id = page.hitTest(event.clientX, event.clientY);
      if (!id) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      editor.open(id, null).catch(logError);
    },
    { capture: true },
  );
}

function logError(error: unknown): void {
  // After an extension update the old script loses its channel; that is expected, not an error to report.
  if (String(error).includes('Extension context invalidated')) return;
  console.warn('[clipmark]', error);
}
