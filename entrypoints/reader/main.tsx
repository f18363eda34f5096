import '@/components/theme.css';
import './reader.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { type ReaderApi, ReaderPage } from '@/components/ReaderPage';
import { articleNoteClient } from '@/utils/messaging/article-notes';
import { backgroundClient, MessageError } from '@/utils/messaging/sender';
import { articleUrlFrom } from '@/utils/reader/address';

/**
 * The reader page's wiring (`reader.html?url=<article address>`): the clipping and its highlights come from
 * the library in the background, as an extension page, so nothing here needs the network.
 */
const background = backgroundClient(browser.runtime);
const url = articleUrlFrom(location.search);

const api: ReaderApi = {
  lang: browser.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en',
  async load() {
    if (!url) throw new MessageError('invalid', 'no article address in the page address');
    const [clipping, highlights] = await Promise.all([
      background.send('clipping.get', { url }),
      background.send('highlight.listForPage', { url }),
    ]);
    return { clipping, highlights };
  },
  create: (draft) => background.send('highlight.create', draft),
  get: (id) => background.send('highlight.get', { id }),
  tags: () => background.send('tag.list', {}),
  update: (id, changes, version) => background.send('highlight.update', { id, changes, version }),
  async remove(id) {
    await background.send('highlight.delete', { id });
  },
  restore: (id) => background.send('highlight.restore', { id }),
  newId: () => crypto.randomUUID(),
  ...articleNoteClient(background),
};

document.documentElement.lang = browser.i18n.getUILanguage();
render(<ReaderPage api={api} />, document.getElementById('app') as HTMLElement);
