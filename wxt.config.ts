import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See docs/architecture.md for what runs where.
export default defineConfig({
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: the database grows with the library; unlimitedStorage keeps Chromium from evicting it.
    permissions: ['storage', 'unlimitedStorage'],
    // The same sites the content script already runs on, so no new warning; it lets the popup read the
    // address and title of the tab it is about.
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Clipmark' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'clipmark@clipmark.app', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
});
