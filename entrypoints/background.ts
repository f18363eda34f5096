import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ClipmarkDB } from '@/utils/db';
import { libraryHandlers } from '@/utils/library';
import { createRouter } from '@/utils/router';

/** Owns the database; answers the message map (see docs/architecture.md). Wiring only. */
export default defineBackground(() => {
  const db = new ClipmarkDB();
  const route = createRouter(libraryHandlers({ db }), {
    id: browser.runtime.id,
    origin: browser.runtime.getURL('/'),
  });

  // sendResponse + `return true`: a returned Promise reaches Chromium senders as `undefined`.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    route(message, sender).then(sendResponse);
    return true;
  });

  // Ask the browser not to evict the library under storage pressure.
  navigator.storage?.persist?.().catch(() => {});
});
