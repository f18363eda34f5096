import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import {
  HIGHLIGHT_COMMAND,
  HIGHLIGHT_MENU_ID,
  highlightSelectionIn,
} from '@/entrypoints/background/commands';
import { ClipmarkDB } from '@/entrypoints/background/database';
import { libraryHandlers } from '@/entrypoints/background/handlers';
import type { TabAccess } from '@/entrypoints/background/library/articles';
import { createRouter } from '@/utils/messaging/background-router';

/** Owns the database; answers the message map (see docs/architecture.md). Wiring only. */
export default defineBackground(() => {
  const db = new ClipmarkDB();
  const tabs: TabAccess = {
    urlOf: (tabId) => browser.tabs.get(tabId).then((tab) => tab.url),
    async extract(tabId) {
      const [injection] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        files: ['/extractor.js'],
      });
      return injection?.result ?? null;
    },
    async readPage(tabId) {
      const [injection] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        files: ['/page-text.js'],
      });
      return injection?.result ?? null;
    },
    toContentScript: (tabId) => (message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
  };
  const route = createRouter(libraryHandlers({ db, tabs }), {
    id: browser.runtime.id,
    origin: browser.runtime.getURL('/'),
  });

  // sendResponse + `return true`: a returned Promise reaches Chromium senders as `undefined`.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    route(message, sender).then(sendResponse);
    return true;
  });

  // Context menu on selected text, and the keyboard command, both highlight the selection in that tab.
  const deps = {
    sendToTab: (tabId: number) => (m: unknown) => browser.tabs.sendMessage(tabId, m, { frameId: 0 }),
  };
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: HIGHLIGHT_MENU_ID,
      title: browser.i18n.getMessage('menuHighlightSelection'),
      contexts: ['selection'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === HIGHLIGHT_MENU_ID) highlightSelectionIn(deps, tab?.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === HIGHLIGHT_COMMAND) highlightSelectionIn(deps, tab?.id);
  });

  // Ask the browser not to evict the library under storage pressure.
  navigator.storage?.persist?.().catch(() => {});
});
