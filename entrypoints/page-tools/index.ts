import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  type CoreHandoff,
  findHandoff,
  logError,
  type PageDetector,
  type PageUi,
  whenTheAddressIsKnown,
} from '@/entrypoints/content/handoff';
import { createHighlighter } from '@/utils/highlighter';
import type {
  ContentMessageType,
  ContentRequestOf,
  ContentResponseOf,
} from '@/utils/messaging/background-map';
import { sendMessage } from '@/utils/messaging/sender';
import { routeTabMessage, type TabHandlers } from '@/utils/messaging/tab-router';
import { watchSelection } from '@/utils/selection-watch';
import { watchLateContent } from './late-content';
import { PageHighlights } from './page-highlights';

/**
 * The page tools: injected by the background (`page.loadTools`, `scripting.executeScript`) into the isolated world
 * of a page whose content script core (entrypoints/content/) needs them — the page has highlights, the user
 * selected text, or an extension page asks about the tab. They take over from the core (its `ctx`, the highlights
 * it already loaded), draw, watch the selection and answer the extension's messages; the toolbar, editor and
 * (entrypoints/page-ui/) and article detection (entrypoints/page-detect/) are injected when first needed. Injected twice, they start once.
 * Every listener is bound to `ctx`. Returns whether they are running in this page.
 */
export default defineUnlistedScript((): boolean => {
  const core = findHandoff();
  if (!core?.ctx.isValid) return false;
  if (core.tools) return true;
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
  const needUi = partLoader(core, 'ui', () => core.ui);
  const needDetector = partLoader(core, 'detect', () => core.detector);
  const answer = answerExtensionPages(page, core, needUi, needDetector);
  const selection = watchPage(ctx, page, core, needUi);
  core.attach({
    answer,
    checkSelection: selection.check,
    navigated() {
      page.clear();
      whenTheAddressIsKnown(ctx, () => page.load()).catch(logError);
    },
    page,
  });
  return true;
});

/** A part of the page (the UI, detection), injected at the first call (and asked again if that failed). */
function partLoader<T>(core: CoreHandoff, part: 'ui' | 'detect', attached: () => T | null): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    const known = attached();
    if (known) return Promise.resolve(known);
    loading ??= core.inject(part).then(
      () => {
        const started = attached();
        if (!started) throw new Error(`the page's ${part} part did not start`);
        return started;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
}

/** Answers the popup and library page (`TabMessageMap`); only this extension's pages are answered. */
function answerExtensionPages(
  page: PageHighlights,
  core: CoreHandoff,
  needUi: () => Promise<PageUi>,
  needDetector: () => Promise<PageDetector>,
) {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const handlers: TabHandlers = {
    'page.status': async () => ({ ...page.status(), detection: (await needDetector()).detect() }),
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
      const editor = core.ui?.editor;
      if (!editor?.isOpen) return { closed: false };
      editor.close();
      page.sync().catch(logError);
      return { closed: true };
    },
    'page.preview': async ({ id, ...change }) => ({ shown: page.preview(id, change) }),
    'page.edit': async ({ id }) => {
      // At once, not smoothly: the editor is placed next to where the highlight is now.
      if (!page.scrollTo(id, 'instant')) return { opened: false };
      await (await needUi()).editor.open(id, null);
      return { opened: true };
    },
  };
  return (message: unknown, sender: Browser.runtime.MessageSender) =>
    routeTabMessage(message, sender, self, handlers);
}

/**
 * The user's selection (the toolbar) and clicks on highlights (the editor); the UI comes at the first of them.
 * A selection the user dismissed while the UI was still coming is not shown.
 */
function watchPage(
  ctx: ContentScriptContext,
  page: PageHighlights,
  core: CoreHandoff,
  needUi: () => Promise<PageUi>,
) {
  let selections = 0;
  const selection = watchSelection(ctx, document, {
    onSelect(range, rect) {
      const seen = ++selections;
      needUi()
        .then((ui) => (seen === selections ? ui.toolbar.show(range, rect) : undefined))
        .catch(logError);
    },
    onDismiss: () => {
      selections++;
      core.ui?.toolbar.hide();
    },
    isOwnEvent: (event) => core.ui?.toolbar.contains(event) ?? false,
    isShown: () => core.ui?.toolbar.visible ?? false,
    onHighlight: (then) => core.ui?.toolbar.commit(then),
    onCite: () => core.ui?.toolbar.cite(),
  });
  const openEditor = (id: string) =>
    needUi()
      .then((ui) => ui.editor.open(id, null))
      .catch(logError);
  // Clicking a highlight (without selecting text) opens its editor; the user's click only, not the page's. On
  // a link inside a highlight the click is the link's: Alt+click opens the editor there (below).
  ctx.addEventListener(document, 'click', (event: MouseEvent) => {
    if (!event.isTrusted || event.button !== 0 || event.altKey) return;
    if (core.ui?.toolbar.visible || !document.getSelection()?.isCollapsed) return;
    if (event.target instanceof Element && event.target.closest('a[href]')) return;
    const id = page.hitTest(event.clientX, event.clientY);
    if (id) openEditor(id);
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
      openEditor(id);
    },
    { capture: true },
  );
  return selection;
}
