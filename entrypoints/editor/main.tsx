import '@/components/theme.css';
import './editor.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { type EditorApi, HighlightEditor } from '@/components/HighlightEditor';
import { EDITOR_CLOSED } from '@/utils/editor-protocol';
import { sendMessage } from '@/utils/messaging';

/**
 * The highlight editor page, shown in an iframe over the article (`editor.html?id=<id>&focus=note|tags`).
 * It talks to the background as an extension page; when done it tells the content script to close it and
 * redraw, through `postMessage` whose origin (this extension) the page cannot forge.
 */
const params = new URLSearchParams(location.search);
const id = params.get('id') ?? '';
const focus = params.get('focus') === 'note' ? 'note' : params.get('focus') === 'tags' ? 'tags' : null;
const toBackground = (m: unknown) => browser.runtime.sendMessage(m);

const api: EditorApi = {
  async load() {
    const [highlight, tags] = await Promise.all([
      sendMessage(toBackground, 'highlight.get', { id }),
      sendMessage(toBackground, 'tag.list', {}),
    ]);
    return { highlight, tags };
  },
  async save(changes) {
    await sendMessage(toBackground, 'highlight.update', { id, changes });
  },
  async remove() {
    await sendMessage(toBackground, 'highlight.delete', { id });
  },
  close() {
    // Only "closed" crosses to the page's window; what was typed never does.
    window.parent.postMessage({ clipmark: 1, type: EDITOR_CLOSED }, '*');
  },
};

document.documentElement.lang = browser.i18n.getUILanguage();
render(<HighlightEditor api={api} focus={focus} />, document.getElementById('app') as HTMLElement);
