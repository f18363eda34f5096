import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup, type PopupData } from '@/components/Popup';
import { sendMessage } from '@/utils/messaging';

/**
 * The popup's wiring: which tab it is about (the active tab, or `?tab=<id>` when opened as a page, as the
 * end-to-end tests do), and that tab's highlights from the background.
 */
async function loadPage(): Promise<PopupData> {
  const param = new URLSearchParams(location.search).get('tab');
  const tab = param
    ? await browser.tabs.get(Number(param))
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  const url = tab?.url ?? '';
  if (!/^https?:/.test(url)) return { kind: 'unsupported' };
  const highlights = await sendMessage((m) => browser.runtime.sendMessage(m), 'highlight.listForPage', {
    url,
  });
  return { kind: 'page', url, title: tab?.title ?? url, highlights };
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<Popup load={loadPage} />, document.getElementById('app') as HTMLElement);
