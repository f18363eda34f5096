import '@/components/theme.css';
import '@/components/info-page.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '@/components/OptionsPage';
import { commandKeysOf } from '@/utils/command-keys';
import { t } from '@/utils/i18n';
import { backgroundClient } from '@/utils/messaging/sender';

/** The options page (the manifest's `options_ui`): the settings, through the background. */
const background = backgroundClient(browser.runtime);
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');
render(
  <OptionsPage
    api={{
      settings: () => background.send('settings.get', {}),
      setSettings: (changes) => background.send('settings.set', changes),
      commandKeys: async () => commandKeysOf(await browser.commands.getAll()),
      openLibrary: () => browser.tabs.create({ url: browser.runtime.getURL('/library.html') }),
    }}
  />,
  document.getElementById('app') as HTMLElement,
);
