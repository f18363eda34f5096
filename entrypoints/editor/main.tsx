import '@/components/theme.css';
import './editor.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { type EditorApi, HighlightEditor } from '@/components/HighlightEditor';
import { backgroundClient } from '@/utils/messaging/sender';

/**
 * The highlight editor page, shown in an iframe over the article (`editor.html?id=<id>&focus=note|tags`).
 * It talks to the background as an extension page; when done it tells the content script to close it and
 * redraw, through the background to its own tab's content script (the page hears nothing).
 */
const params = new URLSearchParams(location.search);
const id = params.get('id') ?? '';
const focus = params.get('focus') === 'note' ? 'note' : params.get('focus') === 'tags' ? 'tags' : null;
const background = backgroundClient(browser.runtime);

const api: EditorApi = {
  async load() {
    const [highlight, tags] = await Promise.all([
      background.send('highlight.get', { id }),
      background.send('tag.list', {}),
    ]);
    return { highlight, tags };
  },
  // With the version it started from: the background refuses a save over a change made elsewhere meanwhile.
  save: (changes, version) => background.send('highlight.update', { id, changes, version }),
  async remove() {
    await background.send('highlight.delete', { id });
  },
  preview(change) {
    // The page shows it at once; what is stored is drawn when the editor closes. A lost preview costs nothing.
    background.send('editor.preview', { id, ...change }).catch(() => undefined);
  },
  // Sync: notes another computer wrote on this highlight (none without sync), and keeping this one over them.
  noteConflicts: async () => (await background.send('sync.noteConflicts', { id })).alternatives,
  keepNote: (text) => background.send('sync.resolveNote', { id, text }),
  async close() {
    // Through the background to this tab's content script: a postMessage to the page's window would be heard by
    // the page's own listeners, with this extension's address as its origin (in Firefox a per-profile address:
    // a fingerprint of the user). A frame in a web page has no `tabs` API in Firefox, hence the relay.
    await background
      .send('editor.close', {})
      .catch((error) => console.warn('[clipmark] closing the editor', error));
  },
};

document.documentElement.lang = browser.i18n.getUILanguage();
render(<HighlightEditor api={api} focus={focus} />, document.getElementById('app') as HTMLElement);
