/**
 * The bundled sample article (tests/fixtures/pages/baonamdinh-article) as the end-to-end tests use it, in
 * Chromium and in Firefox: its address and expected facts, and the versions of it the tests serve when the
 * site changes the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixtures, relocatePage } from '../../scripts/browser-harness.mjs';

const fixture = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!fixture) throw new Error('fixture baonamdinh-article is missing');
export const ARTICLE = fixture;
/** The page as the site first published it. */
export const SOURCE = readFileSync(join(fixture.dir, 'source.html'), 'utf8');
/** The sentence the tests highlight (in `[data-testid="quote-target"]`). */
export const QUOTE = String(fixture.expected.quoteTarget);
/** A phrase that occurs twice (`repeat-1`, `repeat-2`). */
export const REPEATED = String(fixture.expected.repeatedPhrase);

/** What the article record holds once the article was read after the first highlight. */
export const EXPECTED_RECORD = {
  title: fixture.expected.title,
  meta: {
    byline: fixture.expected.byline,
    siteName: fixture.expected.siteName,
    publishedAt: fixture.expected.published,
    lang: 'vi',
  },
};

const FIRST_BODY_PARAGRAPH = '<p style="text-align: justify;" data-testid="repeat-1">';

/** Version 2 of the article: a paragraph inserted above the quote, and a word changed inside it. */
export function editedVersion(): { html: string; edited: string } {
  const edited = QUOTE.replace('150 nghìn đồng', '160 nghìn đồng');
  const html = SOURCE.replace(
    FIRST_BODY_PARAGRAPH,
    `<p data-testid="inserted">Cập nhật lúc 10 giờ: hợp tác xã bổ sung số liệu mới về giá sấy.</p>\n${FIRST_BODY_PARAGRAPH}`,
  ).replace(QUOTE, edited);
  if (html === SOURCE || edited === QUOTE)
    throw new Error('the sample article no longer has the edited words');
  return { html, edited };
}

/** The article with the quoted passage removed. */
export function withoutQuote(): string {
  return SOURCE.replace(QUOTE, '');
}

/** The article whose body ships in a <template> that the page's script puts in place 1.5 s after load. */
export function lateBodyVersion(): string {
  const start = SOURCE.indexOf(FIRST_BODY_PARAGRAPH);
  const end = SOURCE.indexOf('</p>', SOURCE.indexOf('data-testid="repeat-2"')) + 4;
  const body = SOURCE.slice(start, end);
  return `${SOURCE.slice(0, start)}<div id="late-body"></div><template id="late">${body}</template>
<script>setTimeout(() => { document.getElementById('late-body').replaceWith(document.getElementById('late').content); }, 1500);</script>${SOURCE.slice(end)}`;
}

/** The sentence of the other article, where the sample has its quote. */
export const OTHER_SENTENCE = 'Trang B có một câu riêng để tô sáng trong đoạn này.';

/** Another article ("page B"): the sample with `OTHER_SENTENCE` in place of the quote. */
export function otherArticle(): string {
  return SOURCE.replace(QUOTE, OTHER_SENTENCE);
}

/**
 * Run in the page (pass to `evaluate` with `{ html, url }`): the site swaps the article's body in place and
 * pushes the new address, as single-page sites do.
 */
export function swapInPlace({ html, url }: { html: string; url: string }): void {
  const next = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceWith(document.adoptNode(next.body));
  history.pushState(null, '', url);
}

/**
 * Serves versions of the article on the page server `server()` gives (read when called: tests start it in
 * `beforeAll`). `serve(html)` puts it at a new copy of the article's address, with that address as its
 * canonical one, so tests never mix highlights; `serve(html, url)` replaces the page at `url`.
 */
export function articleCopies(server: () => { setPage(url: string, body: string | null): void }) {
  let n = 0;
  return {
    serve(html: string, url?: string): string {
      const at = url ?? ARTICLE.url.replace(/-(\d+)\/$/, `-${9_000_000 + ++n}/`);
      server().setPage(at, relocatePage(html, ARTICLE.url, at));
      return at;
    },
    /**
     * Serves the article at another address, a print page whose <head> names `url` as canonical (as print
     * and AMP pages do); returns that address.
     */
    printPageOf(url: string): string {
      const print = `https://baonamdinh.vn/print/${9_100_000 + ++n}`;
      server().setPage(print, relocatePage(SOURCE, ARTICLE.url, url));
      return print;
    },
  };
}
