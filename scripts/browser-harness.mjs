// @ts-check
/**
 * What the end-to-end tests and the demo share: a local HTTPS server that serves the bundled sample pages at
 * their real addresses, and Chromium started with the built extension loaded and every host name resolved to
 * that server. Nothing here reaches the network.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import selfsigned from 'selfsigned';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = join(ROOT, 'tests/fixtures/pages');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Chromium's path from `CHROMIUM_PATH` or the usual install places, or null. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * @typedef {{ slug: string, url: string, dir: string, expected: Record<string, unknown> }} Fixture
 */

/**
 * A fixture page as another article at `to`: its own address in `<link rel=canonical>`, `og:url` and links
 * replaces `from` — otherwise every copy names the original as its canonical address and is that article.
 * @param {string} html
 * @param {string} from
 * @param {string} to
 */
export function relocatePage(html, from, to) {
  return html.split(from).join(to);
}

/** Every page under tests/fixtures/pages, with the URL its expected.json gives. */
export function loadFixtures() {
  /** @type {Fixture[]} */
  const fixtures = [];
  for (const slug of readdirSync(FIXTURES)) {
    const dir = join(FIXTURES, slug);
    const expectedPath = join(dir, 'expected.json');
    if (!existsSync(expectedPath)) continue;
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
    fixtures.push({ slug, url: String(expected.url), dir, expected });
  }
  return fixtures;
}

/**
 * @typedef {object} PageServer
 * @property {number} port
 * @property {(url: string, body: string | Buffer | null, status?: number, type?: string) => void} setPage
 *   Serve `body` at `url` (full https URL) from now on, as `type` (HTML unless said: an image's tests pass
 *   its type); `null` turns it into a 404.
 * @property {string[]} requests every request that reached the server, as `host/path?query`, oldest first
 * @property {() => Promise<void>} close
 */

/**
 * Starts an HTTPS server on 127.0.0.1 with a throwaway self-signed certificate. Requests are matched by
 * host + path, so with Chromium's `--host-resolver-rules` a page is served at its real https:// address.
 * @returns {Promise<PageServer>}
 */
export async function startPageServer() {
  /** @type {Map<string, { body: Buffer | string, status: number, type: string }>} */
  const routes = new Map();
  const key = (/** @type {string} */ url) => {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  };
  for (const fixture of loadFixtures()) {
    routes.set(key(fixture.url), {
      body: readFileSync(join(fixture.dir, 'source.html')),
      status: 200,
      type: 'text/html; charset=utf-8',
    });
  }
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'clipmark.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  /** @type {string[]} */
  const requests = [];
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    requests.push(`${req.headers.host}${req.url ?? '/'}`);
    const route = routes.get(`${req.headers.host}${(req.url ?? '/').split('?')[0]}`);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(route.status, { 'content-type': route.type, 'cache-control': 'no-store' }).end(route.body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    requests,
    setPage(url, body, status = 200, type = 'text/html; charset=utf-8') {
      if (body === null) routes.delete(key(url));
      else routes.set(key(url), { body, status, type });
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done(undefined));
      }),
  };
}

/**
 * Starts Chromium with the built extension loaded, every host resolved to the page server.
 * `lang: 'vi'` runs Chromium's interface (and so the extension's locale files) in Vietnamese.
 * `trustServer`: the extension's own requests accept the page server's throwaway certificate too
 * (`ignoreHTTPSErrors` covers pages only, not the background's `fetch`): for the tests of a saved copy's images.
 * @param {{ executablePath: string, port: number, headless?: boolean, extensionDir?: string, lang?: 'en' | 'vi', trustServer?: boolean }} options
 */
export async function launchBrowser({
  executablePath,
  port,
  headless = true,
  extensionDir = EXTENSION_DIR,
  lang = 'en',
  trustServer = false,
}) {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'clipmark-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    locale: lang === 'vi' ? 'vi-VN' : 'en-US',
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'vi' ? 'vi_VN.UTF-8' : 'en_US.UTF-8' },
    args: [
      `--lang=${lang}`,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // 127.0.0.1 itself is left alone: the sync tests run their CouchDB-protocol server there.
      `--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE 127.0.0.1`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=Translate,OptimizationHints,MediaRouter',
      ...(trustServer ? ['--ignore-certificate-errors'] : []),
    ],
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  // A fresh profile is an install, and Clipmark opens its first-run page then: noted (the first-run test checks
  // it) and closed, so that it does not take the focus from the tests' pages.
  /** @type {string | null} */
  let firstRunPage = null;
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const page = context
      .pages()
      .find((p) => p.url().startsWith(`chrome-extension://${extensionId}/welcome.html`));
    if (page) {
      firstRunPage = page.url();
      await page.close();
      break;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    context,
    worker,
    extensionId,
    /** The address of the page Clipmark opened when it was installed (closed since), if it opened one. */
    firstRunPage,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Selects the text of `selector` (or `phrase` inside it) by dragging the mouse across it, as a user would.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @param {string} [phrase]
 */
export async function dragSelect(page, selector, phrase) {
  const box = await page.evaluate(
    ({ selector, phrase }) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`no ${selector}`);
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      /** @type {Text[]} */
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(/** @type {Text} */ (n));
      const full = nodes.map((n) => n.data).join('');
      const startAt = phrase ? full.indexOf(phrase) : full.search(/\S/);
      if (startAt < 0) throw new Error(`"${phrase}" not in ${selector}`);
      const endAt = phrase ? startAt + phrase.length : full.trimEnd().length;
      /** @param {number} offset */
      const charRect = (offset) => {
        let rest = offset;
        for (const node of nodes) {
          if (rest < node.data.length) {
            const r = document.createRange();
            r.setStart(node, rest);
            r.setEnd(node, rest + 1);
            return r.getClientRects()[0] ?? r.getBoundingClientRect();
          }
          rest -= node.data.length;
        }
        throw new Error('offset out of range');
      };
      element.scrollIntoView({ block: 'center' });
      const first = charRect(startAt);
      const last = charRect(endAt - 1);
      return {
        x1: first.left + 1,
        y1: first.top + first.height / 2,
        x2: last.right - 1,
        y2: last.top + last.height / 2,
      };
    },
    { selector, phrase },
  );
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 5 });
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

/**
 * The browser's id for the tab showing `url`, asked of the extension's service worker.
 * @param {import('playwright-core').Worker} worker
 * @param {string} url
 * @returns {Promise<number>}
 */
export async function tabIdOf(worker, url) {
  const id = await worker.evaluate(async (u) => {
    /** @type {{ url?: string, id?: number }[]} */
    // @ts-expect-error `chrome` exists in the extension's service worker.
    const tabs = await globalThis.chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (typeof id !== 'number') throw new Error(`no tab shows ${url}`);
  return id;
}

/**
 * Opens the popup as a page about tab `tabId` (a toolbar button cannot be clicked when headless).
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 * @param {number} tabId
 */
export async function openPopup(context, extensionId, tabId) {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

/**
 * The highlight editor's frame. It sits in a closed shadow root, out of reach of page selectors (and of the
 * page), so it is found among the page's frames by address.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Frame | null} [previous] an editor that was open before: not that one
 * @returns {Promise<import('playwright-core').Frame>}
 */
export async function editorFrame(page, previous = null) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    // Not the one a click just closed (its detachment may not have reached the driver yet).
    const frame = page
      .frames()
      .find((f) => f.url().includes('/editor.html') && f !== previous && !f.isDetached());
    if (frame) {
      await frame.waitForLoadState();
      return frame;
    }
    if (Date.now() > deadline) throw new Error('the editor did not open');
    await page.waitForTimeout(50);
  }
}

/**
 * Waits until the editor has closed.
 * @param {import('playwright-core').Page} page
 */
export async function editorClosed(page) {
  const deadline = Date.now() + 10_000;
  while (page.frames().some((f) => f.url().includes('/editor.html'))) {
    if (Date.now() > deadline) throw new Error('the editor did not close');
    await page.waitForTimeout(50);
  }
}
