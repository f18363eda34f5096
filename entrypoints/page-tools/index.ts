import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findHandoff, logError, whenTheAddressIsKnown } from '@/entrypoints/content/handoff';
import { createHighlighter } from '@/utils/highlighter';
import type {
  ContentMessageType,
  ContentRequestOf,
  ContentResponseOf,
} from '@/utils/messaging/background-map';
import { sendMessage } from '@/utils/messaging/sender';
import { routeTabMessage, type TabHandlers } from '@/utils/messaging/tab-router';
import { watchSelection } from '@/utils/selection-watch';
import { type ArticleWatch, watchArticle } from './article-watch';
import { createEditorFrame, type EditorFrame } from './editor-frame';
import { watchLateContent } from './late-content';
import { PageHighlights } from './page-highlights';
import { mountToolbar } from './toolbar';

/**
 * The page tools: injected by the background (`page.loadTools`, `scripting.executeScript`) into the isolated world
 * of a page whose content script core (entrypoints/content/) needs them — the page has highlights, the user
 * selected text, or an extension page asks about the tab. They take over from the core (its `ctx`, the highlights
 * it already loaded) and answer its messages. Injected twice, they start once. Every listener is bound to `ctx`.
 * Returns whether they are running in this page.
 */
export default defineUnlistedScript((): boolean => {
  const core = findHandoff();
  if (!core || !core.ctx.isValid) return false;
  if (core.attached) return true;
  const { ctx } = core;
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

  page.start(core.canonicalChoice, core.takeFirstLoad()).catch(logError);
  const article = watchArticle(document);
  const editor = createEditorFrame(ctx, page);
  const answer = answerExtensionPages(page, article, editor);
  const selection = startToolbar(ctx, page, editor);
  core.attach({
    answer,
    checkSelection: selection.check,
    navigated() {
      page.clear();
      whenTheAddressIsKnown(ctx, () => page.load()).catch(logError);
    },
  });
  return true;
});

/** Answers the popup and library page (`TabMessageMap`); only this extension's pages are answered. */
function answerExtensionPages(page: PageHighlights, article: ArticleWatch, editor: EditorFrame) {
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
  return (message: unknown, sender: Browser.runtime.MessageSender) =>
    routeTabMessage(message, sender, self, handlers);
}

function startToolbar(ctx: ContentScriptContext, page: PageHighlights, editor: EditorFrame) {
  let toolbar: Awaited<ReturnType<typeof mountToolbar>> | null = null;
  let mounting: Promise<void> | null = null;
  const selection = watchSelection(ctx, document, {
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
  return selection;
}
