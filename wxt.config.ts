import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { highlightCss } from './utils/highlighter';

/**
 * The highlight styles, injected by the browser with the content script before the page is first styled: added
 * later, their universal `::highlight()` rule would restyle the whole page (see utils/highlighter.ts).
 */
const HIGHLIGHT_CSS = 'content-scripts/highlights.css';

// See docs/architecture.md for what runs where.
export default defineConfig({
  // Firefox gets Manifest V3 too (Chromium's default): see docs/architecture.md, "Browser differences".
  manifestVersion: 3,
  // Screenshots and logs are not sources.
  zip: { excludeSources: ['test-output/**', 'demo-output/**', 'stats.html', '**/*.log'] },
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: HIGHLIGHT_CSS, contents: highlightCss() });
    },
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const script of manifest.content_scripts ?? []) {
        if (script.js?.some((file) => file.endsWith('/content.js')))
          script.css = [...(script.css ?? []), HIGHLIGHT_CSS];
      }
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: the database grows with the library; unlimitedStorage keeps Chromium from evicting it.
    // contextMenus: "Highlight selection" on selected text (no install warning).
    // scripting: the article reader (Readability) is injected into a tab only when needed, so it does not
    // load with the content script on every page (no install warning beyond the host permissions).
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'scripting'],
    commands: {
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_menuHighlightSelection__',
      },
    },
    // The same sites the content script already runs on, so no new warning; it lets the popup read the
    // address and title of the tab it is about.
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Clipmark' },
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
