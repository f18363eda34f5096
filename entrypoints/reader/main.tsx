import '@/components/theme.css';
import './reader.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { type ReaderApi, ReaderPage } from '@/components/ReaderPage';
import { MessageError, sendMessage } from '@/utils/messaging/sender';
import { articleUrlFrom } from '@/utils/reader';

/**
 * The reader page's wiring (`reader.html?url=<article address>`): the clipping and its highlights come from
 * the library in the background, as an extension page, so nothing here needs the network.
 */
const toBackground = (m: unknown) => browser.runtime.sendMessage(m);
const url = articleUrlFrom(location.search);

const api: ReaderApi = {
  lang: browser.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en',
  async load() {
    if (!url) throw new MessageError('invalid', 'no article address in the page address');
    const [clipping, highlights] = await Promise.all([
      sendMessage(toBackground, 'clipping.get', { url }),
      sendMessage(toBackground, 'highlight.listForPage', { url }),
    ]);
    return { clipping, highlights };
  },
  create: (draft) => sendMessage(toBackground, 'highlight.create', draft),
  get: (id) => sendMessage(toBackground, 'highlight.get', { id }),
  tags: () => sendMessage(toBackground, 'tag.list', {}),
  update: (id, changes, version) => sendMessage(toBackground, 'highlight.update', { id, changes, version }),
  async remove(id) {
    await sendMessage(toBackground, 'highlight.delete', { id });
  },
  restore: (id) => sendMessage(toBackground, 'highlight.restore', { id }),
  newId: () => crypto.randomUUID(),
};

document.documentElement.lang = browser.i18n.getUILanguage();
render(<ReaderPage api={api} />, document.getElementById('app') as HTMLElement);
