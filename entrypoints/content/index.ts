import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { sendMessage } from '@/utils/messaging/sender';
import { startCore } from './core';
import { selectFromLinks } from './link-select';
import { keepRunningDespiteThePage } from './page-guard';

/**
 * Runs on every web page, so it is small and does little at load (issue #17): it asks the background for this
 * page's highlights, and waits for the user. The page tools — anchoring and drawing, the toolbar, the editor,
 * article detection — are injected by the background only when the page has highlights, the user selects
 * text, or an extension page asks about the tab (core.ts, handoff.ts, entrypoints/page-tools/). Reading the
 * article (Readability) is never done here either: the background injects the extractor when needed.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // WXT would also announce the script's start with a `postMessage` to the page's window, which every listener
  // of the page hears (naming the extension); its DOM event is enough for WXT (see page-guard.ts).
  noScriptStartedPostMessage: true,
  // No style sheet in the manifest or fetched at run time: the toolbar's styles come with the page tools.
  cssInjectionMode: 'manual',
  main(ctx) {
    keepRunningDespiteThePage(ctx);
    selectFromLinks(ctx, document);
    const core = startCore(ctx, document, (type, payload) =>
      sendMessage((m) => browser.runtime.sendMessage(m), type, payload),
    );
    // The popup, library, editor and background ask this tab about its page (`TabMessageMap`); only messages of
    // this extension arrive here, and the tools' router checks each before answering.
    const listener = (message: unknown, sender: { id?: string }, sendResponse: (r: unknown) => void) => {
      if (sender.id !== browser.runtime.id) return false;
      core
        .answer(message, sender)
        .then(sendResponse, (error: unknown) =>
          sendResponse({ ok: false, error: { code: 'internal', message: String(error) } }),
        );
      return true;
    };
    browser.runtime.onMessage.addListener(listener);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
  },
});
