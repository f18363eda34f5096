/**
 * The content-load benchmark's yardstick: a minimal highlighter, a plain MV3 extension with no bundler and no
 * library. Its content script, at `document_idle` on every http(s) page, asks its background for the page's
 * highlights (one `runtime.sendMessage`; the background answers from IndexedDB, keyed by the sender's address,
 * empty for a page without highlights), draws them with a trivial exact-text search (each quote's first
 * occurrence inside one text node, as a Range in a CSS Highlight), and adds a `mouseup` and a `keydown`
 * listener. Also the control for the heap measure: the same extension without a content script.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

const BACKGROUND = `// The minimal highlighter's background: highlights per page address in IndexedDB.
const db = new Promise((resolve, reject) => {
  const open = indexedDB.open('minimal-highlighter', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('pages');
  open.onsuccess = () => resolve(open.result);
  open.onerror = () => reject(open.error);
});
const request = (mode, work) =>
  db.then(
    (d) =>
      new Promise((resolve, reject) => {
        const r = work(d.transaction('pages', mode).objectStore('pages'));
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      }),
  );
// A tab's content script asks for the highlights of the address it is on (the sender's, not one it names).
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.type !== 'highlights' || !sender.tab || typeof sender.url !== 'string') return false;
  request('readonly', (pages) => pages.get(sender.url)).then(
    (quotes) => sendResponse(quotes ?? []),
    () => sendResponse([]),
  );
  return true;
});
// For the benchmark: the quotes to draw on the page at \`url\`.
globalThis.saveHighlights = (url, quotes) => request('readwrite', (pages) => pages.put(quotes, url));
`;

const CONTENT = `// The minimal highlighter's content script: one message, the page's highlights drawn, two listeners.
chrome.runtime.sendMessage({ type: 'highlights' }).then(
  (quotes) => {
    if (Array.isArray(quotes) && quotes.length > 0) draw(quotes);
  },
  () => {},
);
function draw(quotes) {
  const left = new Set(quotes);
  const ranges = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && left.size > 0; node = walker.nextNode()) {
    for (const quote of left) {
      const at = node.data.indexOf(quote);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + quote.length);
      ranges.push(range);
      left.delete(quote);
    }
  }
  CSS.highlights.set('minimal-highlighter', new Highlight(...ranges));
}
let selected = '';
document.addEventListener('mouseup', () => {
  const selection = document.getSelection();
  selected = selection && !selection.isCollapsed ? selection.toString() : '';
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') selected = '';
});
`;

const STYLE = '::highlight(minimal-highlighter) { background: #fde68a; }\n';

/** Writes the extension to a temporary directory; `contentScript: false` leaves the content script out. */
export function minimalHighlighterExtension({ contentScript = true } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'clipmark-minimal-highlighter-'));
  const manifest = {
    manifest_version: 3,
    name: contentScript ? 'minimal highlighter' : 'no content script',
    version: '1.0.0',
    background: { service_worker: 'background.js' },
    ...(contentScript
      ? {
          content_scripts: [
            {
              matches: ['http://*/*', 'https://*/*'],
              run_at: 'document_idle',
              js: ['content.js'],
              css: ['content.css'],
            },
          ],
        }
      : {}),
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), BACKGROUND);
  if (contentScript) {
    writeFileSync(join(dir, 'content.js'), CONTENT);
    writeFileSync(join(dir, 'content.css'), STYLE);
  }
  return dir;
}

/** Saves `quotes` as the minimal highlighter's highlights of the page at `url`. */
export async function saveMinimalHighlights(
  context: BrowserContext,
  url: string,
  quotes: string[],
): Promise<void> {
  // The worker Chromium runs now (it may have been restarted since launch).
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(
    ([u, q]) =>
      (
        globalThis as unknown as { saveHighlights(url: string, quotes: string[]): Promise<void> }
      ).saveHighlights(u, q),
    [url, quotes] as [string, string[]],
  );
}
