import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

/**
 * The Content Security Policy of every extension page (popup, library, reader, editor) and of the background.
 * Clipmark talks to no server, so its pages may load only their own files, and images also from `data:` and
 * `blob:` (the reader shows a clipping's inline images and nothing from the network; see utils/inert-html.ts for
 * what the sanitisers remove first — this is the second line). Scripts and styles come from the built files
 * only: no inline `<script>`, `<style>` or `style=""` (Preact sets style properties through the CSSOM, which CSP
 * does not govern; the highlight colours are a constructed style sheet for the same reason). No plug-ins, no
 * `<base>`, no form submissions. Connections: only the background reaches a server, the sync server the user
 * sets (issue 23, docs/sync.md) — any https server, or http on this computer; the manifest's policy is the
 * background's, so it must allow that; every HTML page narrows it back to none (`PAGE_CSP` below). `frame-ancestors`: the editor (`editor.html`,
 * the only web-accessible page) is shown in an iframe over the article, on any http(s) page; the other pages
 * are not web-accessible, so no web page can frame them whatever this says. The Firefox tests install a copy
 * whose policy also allows `eval` for puppeteer (scripts/firefox-harness.mjs); what users get is this.
 */
const EXTENSION_PAGES_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ['https:', 'http://127.0.0.1:*', 'http://localhost:*'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ['https:', 'http:'],
};

/**
 * The policy every extension HTML page adds to the manifest's with a `<meta>` as its first element: no page
 * connects anywhere (they all talk to the background by messages), so the reader keeps its second line against
 * a clipping that reached the network. Two policies both apply (CSP 3: each must allow a request), so a page's
 * meta only narrows. Only in built extensions: under `wxt dev` pages reload through the dev server's WebSocket.
 */
const PAGE_CSP = "connect-src 'none'";

function pageCspMeta(): Plugin {
  return {
    name: 'clipmark-page-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * The policy as the manifest writes it. Under `wxt dev` (command `serve`) pages load their styles as inline
 * `<style>` elements and reload through a WebSocket to the dev server; WXT itself adds the server to
 * `script-src`.
 */
function extensionPagesCsp(command: 'build' | 'serve'): string {
  const policy = structuredClone(EXTENSION_PAGES_CSP);
  if (command === 'serve') {
    policy['style-src']?.push("'unsafe-inline'");
    // The dev server's reload socket, beside the sync server's sources (http://localhost:* is one of them).
    policy['connect-src']?.push('ws://localhost:*');
  }
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')};`)
    .join(' ');
}

// See docs/architecture.md for what runs where.
export default defineConfig({
  // Firefox gets Manifest V3 too (Chromium's default): see docs/architecture.md, "Browser differences".
  manifestVersion: 3,
  // Screenshots and logs are not sources.
  zip: { excludeSources: ['test-output/**', 'demo-output/**', 'stats.html', '**/*.log'] },
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact(), pageCspMeta()],
    // bench/sync-worker-start.ts only: the same background with PouchDB left out, to weigh what PouchDB costs
    // every worker start. Never set for a build anyone uses.
    ...(process.env.CLIPMARK_BENCH_WITHOUT_POUCHDB
      ? { resolve: { alias: { 'pouchdb-browser': resolve(__dirname, 'bench/lib/pouchdb-stub.ts') } } }
      : {}),
  }),
  manifest: ({ browser, command }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // unlimitedStorage: the database (IndexedDB) grows with the library, and this keeps Chromium from evicting
    // it. No `storage`: nothing uses the storage.* API (docs/security.md: ask only for what is used).
    // contextMenus: "Highlight selection" on selected text (no install warning).
    // scripting: the article reader (Readability) is injected into a tab only when needed, so it does not
    // load with the content script on every page (no install warning beyond the host permissions).
    // alarms: sync runs every few minutes and wakes the stopped worker for it (no install warning; issue 23).
    // sidePanel (Chromium; no install warning) is added by WXT for the side panel (entrypoints/sidepanel/), which
    // Firefox shows as its sidebar (`sidebar_action`, no permission).
    permissions: ['unlimitedStorage', 'contextMenus', 'scripting', 'alarms'],
    // Suggested keys (the user can change them: chrome://extensions/shortcuts, Firefox's add-on shortcuts).
    // Alt+Shift+K opens the popup: no default of Chrome, Edge or Firefox uses it (Alt+Shift+I, T and B are
    // Chrome's; Ctrl+Shift+K is Firefox's console), and it sits beside Alt+Shift+H on the keyboard.
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandOpenPopup__',
      },
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_menuHighlightSelection__',
      },
      // The side panel (entrypoints/sidepanel/): Firefox opens its sidebar with its own command; Chromium has
      // none, so the background opens the panel on ours. Alt+Shift+J: beside K and H, no browser default.
      [browser === 'firefox' ? '_execute_sidebar_action' : 'open-side-panel']: {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_commandOpenSidePanel__',
      },
    },
    // The same sites the content script already runs on, so no new warning; it lets the popup read the
    // address and title of the tab it is about.
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Clipmark' },
    content_security_policy: { extension_pages: extensionPagesCsp(command) },
    // The highlight editor is shown in an iframe over the article. Chromium's dynamic URL keeps pages from
    // probing for it; Firefox does not know the key (its addresses are per-profile already).
    web_accessible_resources: [
      {
        resources: ['editor.html'],
        matches: ['http://*/*', 'https://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'clipmark@clipmark.app',
              // 140 (an ESR): the first Firefox with the CSS Custom Highlight API and built-in data consent.
              strict_min_version: '140.0',
              // Firefox's built-in data consent: Clipmark collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
