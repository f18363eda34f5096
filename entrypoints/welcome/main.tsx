import '@/components/theme.css';
import '@/components/info-page.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { WelcomePage } from '@/components/WelcomePage';
import { commandKeysOf } from '@/utils/command-keys';
import { t } from '@/utils/i18n';

/** The first-run page (`welcome.html`), opened by the background when Clipmark is installed. */
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('welcomeTitle');
render(
  <WelcomePage
    api={{
      commandKeys: async () => commandKeysOf(await browser.commands.getAll()),
      openOptions: () => browser.runtime.openOptionsPage(),
      openLibrary: () => browser.tabs.create({ url: browser.runtime.getURL('/library.html') }),
    }}
  />,
  document.getElementById('app') as HTMLElement,
);
