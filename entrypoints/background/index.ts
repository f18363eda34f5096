import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundRouter } from '@/utils/messaging/background-router';
import { tabClient } from '@/utils/messaging/sender';
import { createPageBadge } from './badge';
import { HIGHLIGHT_COMMAND, HIGHLIGHT_MENU_ID, highlightSelectionIn, openPanelFor } from './commands';
import { ClipmarkDB } from './database';
import { libraryHandlers } from './handlers';
import { pageNotifier } from './notify-pages';
import { createSyncService, SYNC_ALARM, SYNC_PERIOD_MINUTES } from './sync/service';
import type { TabAccess } from './tab-access';

/** Owns the database; answers the message map (see docs/architecture.md). Wiring only. */
export default defineBackground(() => {
  const db = new ClipmarkDB();
  /** The content script of a tab's top frame, for the handlers and the commands. */
  const contentScript = (tabId: number) =>
    tabClient((message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }));
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
    async loadTools(tabId, part) {
      // Two parts in one injection, in order: the UI finds the tools attached.
      const files = {
        tools: ['/page-tools.js'],
        ui: ['/page-ui.js'],
        detect: ['/page-detect.js'],
        'tools+ui': ['/page-tools.js', '/page-ui.js'],
        'tools+detect': ['/page-tools.js', '/page-detect.js'],
        cite: ['/page-cite.js'],
      } as const;
      const [injection] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        files: [...files[part]],
      });
      return injection?.result ?? null;
    },
    contentScript,
    async open(url, tabId) {
      const tab =
        tabId === undefined
          ? await browser.tabs.create({ url, active: false })
          : await browser.tabs.update(tabId, { url });
      if (tab?.id === undefined) throw new Error('no tab to open it in');
      return tab.id;
    },
  };
  // The alarm exists only while sync is set up: without it the worker is not woken every few minutes for nothing.
  const keepAlarm = (configured: boolean) => {
    const done = configured
      ? browser.alarms.get(SYNC_ALARM).then((existing) => {
          if (!existing) browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
        })
      : browser.alarms.clear(SYNC_ALARM);
    done.catch((error) => console.warn('[clipmark] sync alarm', error));
  };
  const sync = createSyncService({ db, onConfigured: keepAlarm });
  // The page's highlight count on the toolbar icon, per tab.
  const badge = createPageBadge((tabId, count) => {
    browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' }).catch(() => {});
    browser.action
      // The manifest's own title ('Clipmark') when there is nothing to count.
      .setTitle({
        tabId,
        title: count > 0 ? browser.i18n.getMessage('badgeTitle', String(count)) : 'Clipmark',
      })
      .catch(() => {});
  });
  browser.action.setBadgeBackgroundColor({ color: '#1f2328' }).catch(() => {});
  browser.action.setBadgeTextColor?.({ color: '#ffffff' })?.catch(() => {});
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) badge.navigated(tabId, change.url);
  });
  browser.tabs.onRemoved.addListener((tabId) => badge.navigated(tabId, null));
  const route = createBackgroundRouter(
    libraryHandlers({
      db,
      tabs,
      sync,
      badge,
      // A saved copy's images (https only: the CSP's connect-src), without cookies or referrer.
      fetchImage: (input, init) => fetch(input, init),
    }),
    {
      id: browser.runtime.id,
      origin: browser.runtime.getURL('/'),
    },
  );

  // sendResponse + `return true`: a returned Promise reaches Chromium senders as `undefined`.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    route(message, sender).then(sendResponse);
    return true;
  });

  // Context menu on selected text, and the keyboard command, both highlight the selection in that tab. A new
  // install also opens the first-run page (what Clipmark does, its keys, that nothing leaves the computer).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install')
      browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }).catch(() => {});
    browser.contextMenus.create({
      id: HIGHLIGHT_MENU_ID,
      title: browser.i18n.getMessage('menuHighlightSelection'),
      contexts: ['selection'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === HIGHLIGHT_MENU_ID) highlightSelectionIn({ contentScript }, tab?.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === HIGHLIGHT_COMMAND) highlightSelectionIn({ contentScript }, tab?.id);
    // Chromium's side panel (Firefox's sidebar has its own `_execute_sidebar_action`).
    openPanelFor(command, tab, browser.sidePanel);
  });

  // An open side panel shows changes made anywhere (the page, the editor, the popup, the library, an import).
  const notifier = pageNotifier((notice) => browser.runtime.sendMessage(notice));
  db.onGenerationCommitted(() => notifier.changed());

  // Sync (issue 23), when set up: a run a few seconds after local writes, and every few minutes on the alarm
  // (which also wakes a stopped worker). Without settings both do nothing.
  db.onGenerationCommitted(() => {
    badge.libraryChanged();
    sync
      .config()
      .then((config) => config && sync.scheduleSoon())
      .catch(() => {});
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) sync.runNow().catch((error) => console.warn('[clipmark] sync', error));
  });
  sync
    .config()
    .then((config) => keepAlarm(config !== null))
    .catch(() => {});

  // Ask the browser not to evict the library under storage pressure.
  navigator.storage?.persist?.().catch(() => {});
});
