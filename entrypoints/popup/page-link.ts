/**
 * What the popup shows first — the tab it is about, that page's status and its highlights. popup.html starts it
 * from a small classic script of its own (entrypoints/popup-first.ts) before the popup's Preact modules are even
 * compiled (issue #17: the card within 150 ms); main.tsx takes the link and its first answers from there. No
 * Preact, no components here.
 */
import { type Browser, browser } from 'wxt/browser';
import type { PopupData } from '@/components/Popup';
import { backgroundClient, type TabClient, tabClient } from '@/utils/messaging/sender';

const background = backgroundClient(browser.runtime);

type Tab = Browser.tabs.Tab;

/** The tab the popup is about: the active tab, or `?tab=<id>` when opened as a page (as the e2e tests do). */
async function currentTab(): Promise<Tab | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  return param
    ? browser.tabs.get(Number(param))
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
}

/**
 * The tab a popup or the side panel is about and its content script (top frame); `tabId` is known once `load`
 * has found the tab. `findTab`: which tab (the popup's by default; the side panel passes its window's).
 */
export function createPageLink(findTab: () => Promise<Tab | undefined> = currentTab): {
  page: TabClient;
  tabId(): number | undefined;
  load(): Promise<PopupData>;
} {
  let tabId: number | undefined;
  const page = tabClient((m) =>
    tabId === undefined
      ? Promise.reject(new Error('no tab'))
      : browser.tabs.sendMessage(tabId, m, { frameId: 0 }),
  );
  async function load(): Promise<PopupData> {
    const tab = await findTab();
    tabId = tab?.id;
    const url = tab?.url ?? '';
    if (!/^https?:/.test(url)) return { kind: 'unsupported' };
    // Both at once: the page's status (the content script may first have to load detection or its tools) and
    // the address's highlights. The page says which canonical address it goes by; when its highlights are kept
    // under that, they are asked for again under it (rare: a page whose records live under its canonical address).
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
  return { page, tabId: () => tabId, load };
}

export type PageLink = ReturnType<typeof createPageLink>;

/** What popup-first.js started, handed to main.tsx through the popup's own window (no page can see it). */
export interface EarlyStart {
  link: PageLink;
  first: Promise<PopupData>;
}

const EARLY_KEY = Symbol.for('clipmark.popup-first');
type WithEarly = typeof globalThis & { [EARLY_KEY]?: EarlyStart };

export function publishEarlyStart(early: EarlyStart): void {
  (globalThis as WithEarly)[EARLY_KEY] = early;
}

/** What popup-first.js started; if it did not run, the same started now. */
export function takeEarlyStart(): EarlyStart {
  const early = (globalThis as WithEarly)[EARLY_KEY];
  if (early) return early;
  const link = createPageLink();
  return { link, first: link.load() };
}
