// Finding 4 of issue 15: a saved copy must fetch nothing and run nothing when the reader shows it. Every clipping
// in tests/fixtures/hostile-clippings goes through the sanitiser that stores an article
// (utils/article/sanitize.ts), the one that shows it (utils/reader/clipping-html.ts), and both in turn; what comes
// out is checked by rules written out again in tests/support/hostile-leaks.ts, independently of utils/inert-html.ts.
// (The reader page in Chromium: tests/e2e/hostile-reader.e2e.ts.)
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sanitize } from '@/utils/article/sanitize';
import { PLACEHOLDER_TAG, prepareClippingHtml } from '@/utils/reader';
import { leaks } from '../support/hostile-leaks';
import { parsePage } from '../support/page-window';

const DIR = resolve(__dirname, '../fixtures/hostile-clippings');
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.html'))
  .sort();
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');
const ARTICLE = 'https://hostile.clipmark.test/bai-bao/';
const KEPT_TEXT = 'Đoạn văn của bài báo vẫn còn nguyên.';
const LABELS = {
  image: 'Image not loaded',
  media: 'Video not loaded',
  openFrom: (h: string) => `Open from ${h}`,
};

// DOMPurify works in a page window (scripts off), as in the reader tests; the reader's output joins the global
// document.
const { window: purifyWindow } = parsePage(
  '<!doctype html><html><body></body></html>',
  'https://clipmark.test/',
);
afterAll(() => purifyWindow.happyDOM.close());
afterEach(() => document.body.replaceChildren());

/** The extraction sanitiser on the fixture as a page's body (the live page's DOM, as the extractor has it). */
function stored(html: string): Element {
  const page = parsePage(`<!doctype html><html><head></head><body>${html}</body></html>`, ARTICLE);
  try {
    const clean = sanitize(page.document.body, page.window as never);
    if (!clean) throw new Error('the extraction sanitiser refused the page');
    return clean;
  } finally {
    page.window.happyDOM.close();
  }
}

/** The reader's sanitiser on stored HTML, in a container of the global document. */
function shown(html: string): HTMLElement {
  const host = document.createElement('div');
  host.append(prepareClippingHtml(html, document, ARTICLE, LABELS, purifyWindow as never));
  document.body.append(host);
  return host;
}

describe('hostile clippings: nothing in them fetches or runs', () => {
  it('has the fixtures', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(FIXTURES)('%s', (file) => {
    const html = read(file);

    it('when the article is saved (utils/article/sanitize.ts)', () => {
      const clean = stored(html);
      expect(leaks(clean, 'stored')).toEqual([]);
      expect(clean.textContent).toContain(KEPT_TEXT);
    });

    it('when the reader shows it as stored by any version, or imported (utils/reader/clipping-html.ts)', () => {
      const host = shown(html);
      expect(leaks(host, 'shown')).toEqual([]);
      expect(host.textContent).toContain(KEPT_TEXT);
    });

    it('when the reader shows what the extraction stored', () => {
      const host = shown(stored(html).innerHTML);
      expect(leaks(host, 'shown')).toEqual([]);
      expect(host.textContent).toContain(KEPT_TEXT);
    });
  });

  it('keeps same-document references (url(#id)) and the article’s links and images', () => {
    for (const root of [stored(read('svg-url-attributes.html')), shown(read('svg-url-attributes.html'))]) {
      const kept = root.querySelector('rect[fill="url(#ok-gradient)"]');
      expect(kept?.getAttribute('clip-path')).toBe('url(#ok-clip)');
      expect(kept?.getAttribute('stroke')).toBe("url( '#ok-gradient' )");
    }
    const links = shown(read('javascript-links.html'));
    expect([...links.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))).toEqual([
      'https://tracker.clipmark.test/javascript-links/ordinary-link',
    ]);
    // (A browser's parser also makes <image> an <img>; happy-dom's does not, and the sanitisers drop it.)
    const images = stored(read('srcset.html'));
    expect([...images.querySelectorAll('img[src]')].map((img) => img.getAttribute('src'))).toEqual([
      'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
      'https://tracker.clipmark.test/srcset/picture-img.png',
      'https://tracker.clipmark.test/srcset/plain.png',
    ]);
    // The reader shows the inline image, and the others as links the user may open.
    const reader = shown(images.innerHTML);
    expect([...reader.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([
      'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
    ]);
    expect([...reader.querySelectorAll(`${PLACEHOLDER_TAG} a`)].map((a) => a.getAttribute('href'))).toEqual([
      'https://tracker.clipmark.test/srcset/picture-img.png',
      'https://tracker.clipmark.test/srcset/plain.png',
      'https://tracker.clipmark.test/srcset/video.mp4',
      'https://tracker.clipmark.test/srcset/audio.mp3',
    ]);
  });
});
