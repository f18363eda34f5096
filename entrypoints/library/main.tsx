import '@/components/theme.css';
import './library.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { type LibraryApi, LibraryPage } from '@/components/LibraryPage';
import { downloadFiles } from '@/utils/download';
import { textFragmentLink } from '@/utils/export/deep-link';
import { importKindOf, isZip } from '@/utils/export/formats';
import { MAX_IMPORT_BYTES } from '@/utils/export/import-errors';
import { t } from '@/utils/i18n';
import { articleNoteClient } from '@/utils/messaging/article-notes';
import { exportFiles, importText } from '@/utils/messaging/chunked-files';
import { MAX_CHUNK_CHARS } from '@/utils/messaging/limits';
import { backgroundClient } from '@/utils/messaging/sender';

/** The library page's wiring: everything goes through the background. */
const background = backgroundClient(browser.runtime);
const PROGRESS_POLL_MS = 250;

const api: LibraryApi = {
  search: (query, offset) => background.send('library.search', { query, offset, limit: 100 }),
  ...articleNoteClient(background),
  openPassage({ highlight, article }, newTab) {
    // In this tab unless asked otherwise (the background knows which tab this page is in).
    background
      .send('passage.open', {
        url: textFragmentLink(article.openUrl, highlight.quote),
        id: highlight.id,
        newTab,
      })
      .catch((error) => console.warn('[clipmark] open', error));
  },
  tags: () => background.send('tag.list', {}),
  async bulkTag(ids, tags) {
    await background.send('highlight.bulkTag', { ids, tags });
  },
  async bulkDelete(ids) {
    await background.send('highlight.bulkDelete', { ids });
  },
  async bulkRestore(ids) {
    await background.send('highlight.bulkRestore', { ids });
  },
  async exportHighlights(ids, format) {
    const files = await exportFiles(background, {
      scope: ids ? { kind: 'highlights', ids } : { kind: 'all' },
      format,
      lang: browser.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en',
    });
    downloadFiles(document, files);
  },
  settings: () => background.send('settings.get', {}),
  setSettings: (changes) => background.send('settings.set', changes),
  async importFile(file, onProgress, confirm) {
    // Refused before it is read: the file's size is its byte count.
    if (file.size > MAX_IMPORT_BYTES) {
      const mb = (n: number) => String(Math.round(n / 1048576));
      throw new Error(t('importTooBig', [mb(file.size), mb(MAX_IMPORT_BYTES)]));
    }
    // Omnivore's export is a zip: unpacked here, its saved copies sanitised with this page's window, and sent as
    // one text (utils/export/omnivore-zip.ts, loaded only then: fflate and DOMPurify); any other file is sent
    // as its text.
    const zip = isZip(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
    let text: string;
    if (zip) {
      const { omnivoreImportText, readOmnivoreZip } = await import('@/utils/export/omnivore-zip');
      text = omnivoreImportText(readOmnivoreZip(new Uint8Array(await file.arrayBuffer())), window);
    } else {
      text = await file.text();
    }
    // A large file goes to the background in chunks first: the first tenth of the bar; the import the rest.
    const upload = text.length > MAX_CHUNK_CHARS ? 0.1 : 0;
    // The background reports how far it is when asked; ask a few times a second until it is done.
    const progressId = crypto.randomUUID();
    const poll = setInterval(() => {
      background.send('library.progress', { id: progressId }).then(
        (p) => p && p.total > 0 && onProgress?.(upload + (1 - upload) * (p.done / p.total)),
        () => {},
      );
    }, PROGRESS_POLL_MS);
    // Confirmed, the file is sent again with the preview's token: the background holds nothing meanwhile, so
    // the user may take as long as they like (the background may even have been stopped and started again).
    const answer = await importText(background, text, {
      kind: zip ? 'omnivore' : importKindOf(text),
      progressId,
      confirm,
      onChunk: (sent, count) => onProgress?.((upload * sent) / count),
    }).finally(() => clearInterval(poll));
    onProgress?.(1);
    return answer;
  },
  syncStatus: () => background.send('sync.status', {}),
  syncConfigure(config) {
    // The browser is asked for the server's origin first, within the click (a no-op where the host permissions
    // already cover it; in Firefox a user may have withdrawn them). An address that is not one is refused by the
    // background without asking.
    const origin = config ? originPattern(config.server) : null;
    const asked = origin ? browser.permissions.request({ origins: [origin] }) : Promise.resolve(true);
    return asked.then((granted) => {
      if (!granted && config) throw new Error(t('syncPermissionDenied', new URL(config.server).host));
      return background.send('sync.configure', { config });
    });
  },
  syncNow: () => background.send('sync.now', {}),
  async noteConflict(id) {
    const [highlight, { alternatives }] = await Promise.all([
      background.send('highlight.get', { id }),
      background.send('sync.noteConflicts', { id }),
    ]);
    return { highlight, alternatives };
  },
  resolveNote: (id, text) => background.send('sync.resolveNote', { id, text }),
  replaced: () => background.send('replaced.list', {}),
  async putBack(seq) {
    await background.send('replaced.restore', { seq });
  },
};

/** `https://couch.example.org:6984` → `https://couch.example.org/*` (match patterns have no port: any port). */
function originPattern(server: string): string | null {
  try {
    const url = new URL(server);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? `${url.protocol}//${url.hostname}/*`
      : null;
  } catch {
    return null;
  }
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('libraryTitle');
render(
  <LibraryPage api={api} lang={browser.i18n.getUILanguage()} showSync={location.hash === '#sync'} />,
  document.getElementById('app') as HTMLElement,
);
