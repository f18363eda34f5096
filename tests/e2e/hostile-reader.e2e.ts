/**
 * Finding 4 of issue 15 in Chromium: the reader page shows hostile clippings (tests/fixtures/hostile-clippings)
 * without a single request leaving the browser and without running any of their scripts, and every extension
 * page has a Content Security Policy that refuses inline scripts and styles, remote images and `fetch()`.
 *
 * The clippings are written straight into the extension's database, as an older version or an imported backup
 * could have left them (the extraction sanitiser never saw them): the reader's own sanitiser is what is tested,
 * with the CSP behind it. Every request the browser makes is counted twice: by playwright (any page of the
 * context, the extension's own pages included, anything but the extension's own files) and by the page server,
 * to which every host name resolves (`--host-resolver-rules`). A payload that ran would set `top.__pwned`,
 * change the title and fetch from tracker.clipmark.test. What the reader shows is checked in the browser's own
 * DOM by the rules of tests/support/hostile-leaks.ts (no handler, no address, no `url()`), and the reader must give the
 * CSP nothing to block that has an address: such a violation would mean the sanitiser left something that
 * tried to load. (Chromium also reports inline code — `script-src-attr`, `style-src-attr`, `style-src-elem`
 * "inline" — and `base-uri` each time such markup is merely *parsed* in an inert document of a page with a CSP
 * (DOMParser, `<template>`): that is DOMPurify reading the clipping before it removes them. Nothing runs, nothing
 * is sent anywhere; those are checked in the DOM instead.)
 *
 * The last test goes the user's way: most of the fixtures inside the sample article, served as a live page,
 * saved from the popup (Readability and the extraction sanitiser, in the page), the stored HTML checked, then
 * shown in the reader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPopup, ROOT, tabIdOf } from '../../scripts/browser-harness.mjs';
import { normalizeUrl } from '../../utils/url';
import { leaks } from '../support/hostile-leaks';
import { chromiumSession, executablePath } from './chromium';
import { type CspProbe, parseCsp, probeCsp, REQUIRED_CSP } from './csp-probe';
import { articleCopies, SOURCE } from './sample-article';

const DIR = join(ROOT, 'tests/fixtures/hostile-clippings');
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.html'))
  .sort();
const KEPT_TEXT = 'Đoạn văn của bài báo vẫn còn nguyên.';
const TRACKER = 'https://tracker.clipmark.test';
const SCREENSHOTS = join(ROOT, 'test-output');
/** Clippings shown in a screenshot (test-output/hostile-reader-<name>.png). */
const PICTURED = new Set(['svg-url-attributes.html', 'srcset.html', 'mxss-comments-cdata.html']);

const addressOf = (file: string) => `https://hostile.clipmark.test/bai-bao/${file.replace(/\.html$/, '')}`;
const titleOf = (file: string) => `Bài báo thử: ${file}`;

/** A clipping record as the database holds it, with the fixture as the article's HTML. */
function clippingOf(file: string) {
  const url = addressOf(file);
  return {
    url: normalizeUrl(url),
    savedAt: Date.UTC(2026, 11, 1, 8, 0),
    article: {
      url,
      canonicalUrl: null,
      title: titleOf(file),
      byline: null,
      siteName: 'Trang thử',
      lang: 'vi',
      publishedAt: null,
      modifiedAt: null,
      lead: null,
      excerpt: null,
      mainImage: `${TRACKER}/main-image.png`,
      wordCount: 10,
      html: readFileSync(join(DIR, file), 'utf8'),
      text: KEPT_TEXT,
      adapter: 'generic',
    },
  };
}

/**
 * Fixtures that leave a live page an article: the others navigate it away (refresh), rebase its links, or are
 * markup broken on purpose that swallows the rest of the page (mutation XSS).
 */
const ON_A_LIVE_PAGE = [
  'css-exfiltration.html',
  'css-import.html',
  'event-handlers.html',
  'iframe-srcdoc.html',
  'javascript-links.html',
  'link-prefetch.html',
  'mathml.html',
  'object-embed.html',
  'scripts.html',
  'srcset.html',
  'svg-href.html',
  'svg-url-attributes.html',
  'svg-url-styles.html',
];

/** The HTML of the clipping stored under `key` (run in the service worker). */
function storedHtml(key: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('clipmark');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('clippings').objectStore('clippings').get(key);
      request.onsuccess = () => {
        resolve(request.result?.article?.html ?? null);
        open.result.close();
      };
      request.onerror = () => reject(request.error);
    };
  });
}

/** Puts `records` into the clippings table with the raw IndexedDB API (run in the service worker). */
function putClippings(records: unknown[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('clipmark');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('clippings', 'readwrite');
      for (const record of records) tx.objectStore('clippings').put(record);
      tx.oncomplete = () => {
        db.close();
        resolve(records.length);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

describe.skipIf(!executablePath)('hostile clippings and the Content Security Policy (Chromium)', () => {
  const session = chromiumSession();

  /**
   * Records every request of the context that is not for the extension's own files and that the browser did
   * not refuse itself: Chromium reports an image its CSP blocked as a request that failed (blocked by CSP), which
   * never left it (the page server's log says the same).
   */
  function watchRequests(): { seen(): string[]; stop(): void } {
    const own = `chrome-extension://${session.browser.extensionId}/`;
    const requests: Request[] = [];
    const refused = new Set<Request>();
    const onRequest = (request: Request) => {
      if (!request.url().startsWith(own)) requests.push(request);
    };
    const onFailed = (request: Request) => {
      // playwright's name for Chromium's `blockedReason: csp`
      if (request.failure()?.errorText === 'csp') refused.add(request);
    };
    const { context } = session.browser;
    context.on('request', onRequest);
    context.on('requestfailed', onFailed);
    return {
      seen: () =>
        requests
          .filter((r) => !refused.has(r))
          .map((r) => (r.failure() ? `${r.url()} (${r.failure()?.errorText})` : r.url())),
      stop() {
        context.off('request', onRequest);
        context.off('requestfailed', onFailed);
      },
    };
  }

  async function extensionPage(path: string): Promise<Page> {
    const page = await session.browser.context.newPage();
    await page.goto(`chrome-extension://${session.browser.extensionId}/${path}`);
    return page;
  }

  it('shows every hostile clipping: no request leaves the browser, no script runs, nothing for the CSP to block', async () => {
    const { worker } = session.browser;
    // The library page opens the database (the background creates it on first use).
    const library = await extensionPage('library.html');
    await library.locator('h1').waitFor();
    await expect
      .poll(() => worker.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
      .toContain('clipmark');
    await library.close();
    expect(await worker.evaluate(putClippings, FIXTURES.map(clippingOf))).toBe(FIXTURES.length);

    const requests = watchRequests();
    const before = session.server.requests.length;
    const results: Record<string, unknown> = {};
    for (const file of FIXTURES) {
      const reader = await session.browser.context.newPage();
      // Before any script of the page: note what the CSP blocks, should the sanitiser have left anything.
      await reader.addInitScript(() => {
        const w = window as unknown as { __violations: string[] };
        w.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          // Reports of DOMPurify's inert parse (see above): inline code, and a <base> it is about to remove.
          if (e.blockedURI === 'inline' || e.effectiveDirective === 'base-uri') return;
          w.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
        });
      });
      await reader.goto(
        `chrome-extension://${session.browser.extensionId}/reader.html?url=${encodeURIComponent(addressOf(file))}`,
      );
      await reader.locator('.reader-body').filter({ hasText: KEPT_TEXT }).waitFor();
      // What only fires when the reader is used: the mouse over the article's blocks, a click, the focus moved.
      const points = await reader.locator('.reader-body').evaluate((body) =>
        [...body.querySelectorAll('p, div, svg, math, details, a')].slice(0, 40).map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.left + Math.min(r.width / 2, 20), y: r.top + r.height / 2 };
        }),
      );
      for (const { x, y } of points.filter((p) => p.y > 0 && p.y < 900)) await reader.mouse.move(x, y);
      await reader.locator('.reader-body').click({ position: { x: 5, y: 5 } });
      for (let i = 0; i < 4; i++) await reader.keyboard.press('Tab');
      await reader.waitForLoadState('networkidle');
      await reader.waitForTimeout(200);
      if (PICTURED.has(file))
        await reader.screenshot({
          path: join(SCREENSHOTS, `hostile-reader-${file.replace(/\.html$/, '')}.png`),
          fullPage: true,
        });
      // The CSP lets inline images through (img-src data:): the reader shows them as before.
      if (file === 'srcset.html')
        expect(
          await reader
            .locator('.reader-body img')
            .evaluateAll((images) => images.map((i) => (i as HTMLImageElement).naturalWidth)),
        ).toEqual([1]);
      results[file] = {
        ...(await reader.evaluate(() => {
          const w = window as unknown as { __pwned?: unknown; __violations: string[] };
          return { title: document.title, pwned: w.__pwned ?? null, violations: w.__violations };
        })),
        leaks: await reader.locator('.reader-body').evaluate(leaks, 'shown' as const),
      };
      await reader.close();
    }
    requests.stop();

    expect(results).toEqual(
      Object.fromEntries(
        FIXTURES.map((file) => [
          file,
          { title: `${titleOf(file)} · Clipmark`, pwned: null, violations: [], leaks: [] },
        ]),
      ),
    );
    expect(requests.seen()).toEqual([]);
    expect(session.server.requests.slice(before)).toEqual([]);
  });

  it('gives every extension page a Content Security Policy that refuses inline code, remote images and fetch() (the meta policy narrowing the manifest one)', async () => {
    const manifest = (await session.browser.worker.evaluate(() =>
      // @ts-expect-error `chrome` exists in the extension's service worker.
      globalThis.chrome.runtime.getManifest(),
    )) as { content_security_policy?: { extension_pages?: string } };
    const policy = parseCsp(manifest.content_security_policy?.extension_pages ?? '');
    expect(policy).toMatchObject(REQUIRED_CSP);
    // Nothing else opened to the network: only connect-src names servers (the background's sync server).
    for (const [directive, sources] of Object.entries(policy))
      if (directive !== 'connect-src')
        expect(sources.filter((s) => /unsafe|\*|^https?:\/\//.test(s))).toEqual([]);

    const requests = watchRequests();
    const before = session.server.requests.length;
    const probes: Record<string, CspProbe> = {};
    for (const path of [
      'popup.html',
      'library.html',
      `reader.html?url=${encodeURIComponent(addressOf('no-such-clipping'))}`,
      'editor.html',
    ]) {
      const page = await extensionPage(path);
      probes[path.replace(/\?.*/, '')] = await page.evaluate(probeCsp, TRACKER);
      await page.close();
    }
    requests.stop();
    const refused = {
      inlineScriptRan: false,
      inlineStyleApplied: false,
      imageLoaded: false,
      fetchAnswered: false,
      violations: ['connect-src', 'img-src', 'script-src-elem', 'style-src-elem'],
    };
    expect(probes).toEqual({
      'popup.html': refused,
      'library.html': refused,
      'reader.html': refused,
      'editor.html': refused,
    });
    expect(requests.seen()).toEqual([]);
    expect(session.server.requests.slice(before)).toEqual([]);
  });
  it('saves an article full of them with nothing that fetches or runs, and shows it so (both sanitisers)', async () => {
    const { context, worker, extensionId } = session.browser;
    // The hostile markup inside the sample article's body, served as a live page: the extractor (Readability
    // and the first sanitiser, in the page) reads it when the user saves a copy from the popup.
    const hostile = ON_A_LIVE_PAGE.map((file) => readFileSync(join(DIR, file), 'utf8')).join('\n');
    const at = SOURCE.lastIndexOf('<p', SOURCE.indexOf('data-testid="repeat-1"'));
    const url = articleCopies(() => session.server).serve(SOURCE.slice(0, at) + hostile + SOURCE.slice(at));
    const page = await context.newPage();
    await page.goto(url);
    const popup = await openPopup(context, extensionId, await tabIdOf(worker, url));
    await popup.locator('.clipping').getByRole('button', { name: 'Save a copy of this article' }).click();
    await popup.locator('.clipping button.link').waitFor();
    await page.close();

    const html = await worker.evaluate(storedHtml, normalizeUrl(url) as string);
    expect(html).toContain(KEPT_TEXT);
    expect(html).toMatch(/<svg[^>]*>[\s\S]*<rect/); // Readability kept the pictures: the sanitiser saw them
    // Checked as parsed in an inert document of an extension page (nothing there loads or runs).
    const stored = await popup.evaluateHandle((h) => {
      const doc = document.implementation.createHTMLDocument('');
      doc.body.innerHTML = h;
      return doc.body;
    }, html as string);
    expect(await stored.evaluate(leaks, 'stored' as const)).toEqual([]);
    await popup.close();

    const requests = watchRequests();
    const before = session.server.requests.length;
    const reader = await context.newPage();
    await reader.goto(`chrome-extension://${extensionId}/reader.html?url=${encodeURIComponent(url)}`);
    await reader.locator('.reader-body').filter({ hasText: KEPT_TEXT }).waitFor();
    await reader.waitForLoadState('networkidle');
    expect(await reader.locator('.reader-body').evaluate(leaks, 'shown' as const)).toEqual([]);
    expect(
      await reader.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null),
    ).toBeNull();
    await reader.screenshot({ path: join(SCREENSHOTS, 'hostile-reader-saved-article.png') });
    await reader.close();
    requests.stop();
    expect(requests.seen()).toEqual([]);
    expect(session.server.requests.slice(before)).toEqual([]);
  });
});
