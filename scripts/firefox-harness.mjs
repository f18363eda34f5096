// @ts-check
/**
 * Firefox counterpart of browser-harness.mjs, for the Firefox end-to-end tests: Firefox (ESR) started through
 * puppeteer-core over WebDriver BiDi with the built add-on installed, and every https:// host reaching the same
 * local page server (`startPageServer()` from browser-harness.mjs). Nothing here reaches the network.
 *
 * Firefox has no `--host-resolver-rules`, so the harness runs a tiny HTTP CONNECT proxy that tunnels every
 * `CONNECT host:443` to the page server; the page server then picks the page by Host header and path, as it does
 * for Chromium. Firefox is told to use that proxy, to accept the throwaway certificate (`acceptInsecureCerts`),
 * and to keep its own background traffic (telemetry, updates, Safe Browsing, Remote Settings…) switched off.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { ROOT } from './browser-harness.mjs';

export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output/firefox-mv3');

/**
 * The moz-extension:// host of the add-on. Firefox picks a random one per profile unless
 * `extensions.webextensions.uuids` already maps the add-on id to one, so the harness sets it before install.
 */
export const EXTENSION_UUID = '6c1a3c57-8a5e-4f7e-9d3b-c11b0a4c0d09';

const FIREFOX_CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/usr/lib/firefox-esr/firefox-esr',
  '/usr/lib/firefox/firefox',
  '/snap/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

/** Firefox's path from `FIREFOX_PATH` or the usual install places, or null. */
export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return FIREFOX_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * @typedef {object} Tunnel
 * @property {number} port
 * @property {Set<string>} targets every `host:port` (CONNECT) or URL (plain http) Firefox asked the proxy for
 * @property {() => Promise<void>} close
 */

/**
 * An HTTP proxy that answers `CONNECT any-host:port` by opening a TCP connection to the page server on
 * 127.0.0.1:`targetPort` and piping bytes both ways (TLS stays end to end between Firefox and the page server).
 * Plain-http requests get a 502: the fixtures are https only.
 * @param {number} targetPort
 * @returns {Promise<Tunnel>}
 */
export async function startTunnel(targetPort) {
  /** @type {Set<string>} */
  const targets = new Set();
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const track = (/** @type {import('node:net').Socket} */ s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = createServer((client) => {
    track(client);
    let head = Buffer.alloc(0);
    const onData = (/** @type {Buffer} */ chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16_384) client.destroy();
        return;
      }
      client.off('data', onData);
      const [method, target] = head.subarray(0, end).toString('latin1').split(' ');
      if (target) targets.add(target);
      if (method !== 'CONNECT' || !target) {
        client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
        return;
      }
      const upstream = connect(targetPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = head.subarray(end + 4);
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      track(upstream);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    targets,
    close: () =>
      new Promise((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done(undefined));
      }),
  };
}

/**
 * Preferences for a Firefox that talks to nothing but the tunnel. puppeteer's own test profile already turns
 * off much (app updates, health report, Safe Browsing lists, Normandy); these make the rest explicit.
 * @param {number} proxyPort
 * @param {string} extensionId
 * @param {string} downloadDir where downloads are saved, without asking
 * @param {string} [locale] the locale Firefox is asked to run in (`intl.locale.requested`)
 * @param {string | null} [extensionPagesCsp] the add-on's own policy for its pages, taken out of the installed
 *   copy's manifest (`testCopy`): it becomes the default policy, with `eval` allowed
 * @returns {Record<string, string | number | boolean>}
 */
export function firefoxPrefs(
  proxyPort,
  extensionId,
  downloadDir,
  locale = 'en-US',
  extensionPagesCsp = null,
) {
  return {
    // Every https:// (and http://) request goes through the CONNECT tunnel to the page server.
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.failover_direct': false,
    'network.trr.mode': 5, // no DNS over HTTPS
    'network.dns.disablePrefetch': true,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.http.http3.enable': false,
    // A known moz-extension:// host for the add-on, so the test can open its popup page.
    'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: EXTENSION_UUID }),
    // Firefox's own network chatter: telemetry, updates, captive portal, Safe Browsing, Remote Settings. (Were
    // any left, it would go to the tunnel and show up in `tunnel.targets`; the test checks that list.)
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.server': '',
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'app.normandy.enabled': false,
    'app.update.auto': false,
    'app.update.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'browser.search.update': false,
    'media.gmp-manager.updateEnabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    // Only honoured with MOZ_DISABLE_NONLOCAL_CONNECTIONS set (see launchFirefox); this URL turns it off.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'security.OCSP.enabled': 0,
    // The add-on's strings in English, as in the Chromium tests, unless `launchFirefox({ locale })` asks for
    // another (see there: without a language pack this pref alone does not change the add-on's language).
    'intl.locale.requested': locale,
    // Downloads (the library's exports) are saved straight into `downloadDir`, as headless Firefox has no
    // dialog to ask; the test reads the files there.
    'browser.download.dir': downloadDir,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    // puppeteer's waits (`waitForSelector`, locators, `waitForFunction`) compile their predicate with
    // `Function()` inside the page, and Firefox ESR 140 applies an add-on page's CSP to that, so every wait on
    // the popup or the library would fail. The test profile's add-on pages may therefore `eval`; the Chromium
    // tests run the same pages under the real CSP, so code of ours that needed `eval` would fail there.
    'extensions.webextensions.base-content-security-policy.v3':
      "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval';",
    // The add-on's own policy (wxt.config.ts) would replace this default, and Firefox refuses 'unsafe-eval' in a
    // Manifest V3 manifest (it then ignores the manifest's whole policy, with a warning, and uses this default:
    // the tests would run without the real policy). So the test copy's manifest declares none (`testCopy`) and
    // its policy is the default here, every directive as built plus 'unsafe-eval' in script-src. Test-only:
    // .output and what users install keep the policy in the manifest, without 'unsafe-eval'.
    'extensions.webextensions.default-content-security-policy.v3': extensionPagesCsp
      ? withEval(extensionPagesCsp)
      : "script-src 'self' 'unsafe-eval'; upgrade-insecure-requests;",
  };
}

/**
 * `policy` with 'unsafe-eval' added to its script-src (made from default-src when it has none).
 * @param {string} policy
 */
function withEval(policy) {
  const directives = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter(([name]) => name);
  let script = directives.find(([name]) => name === 'script-src');
  if (!script) {
    script = ['script-src', ...(directives.find(([name]) => name === 'default-src')?.slice(1) ?? ["'self'"])];
    directives.push(script);
  }
  if (!script.includes("'unsafe-eval'")) script.push("'unsafe-eval'");
  return `${directives.map((parts) => parts.join(' ')).join('; ')};`;
}

/**
 * The add-on as the tests install it: `extensionDir` as built, or — when its manifest has a policy for its pages
 * — a copy whose manifest declares none, the policy going to `firefoxPrefs` (see there why). Test-only.
 * @param {string} extensionDir
 * @returns {{ dir: string, csp: string | null, remove(): void }}
 */
function testCopy(extensionDir) {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  const csp = manifest.content_security_policy?.extension_pages ?? null;
  if (!csp) return { dir: extensionDir, csp: null, remove() {} };
  const dir = mkdtempSync(join(tmpdir(), 'clipmark-firefox-addon-'));
  cpSync(extensionDir, dir, { recursive: true });
  delete manifest.content_security_policy;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, csp, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Clipmark opens its first-run page when it is installed: closed, so that it does not take the focus from the
 * tests' pages. Found by the address its document reports (over BiDi, puppeteer keeps `about:blank` as the URL
 * of a moz-extension:// page it did not open). Waits at most 5 s for it.
 * @param {import('puppeteer-core').Browser} browser
 */
async function closeFirstRunPage(browser) {
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; ) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.endsWith('/welcome.html')) {
        await page.close();
        return;
      }
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Starts Firefox with the built add-on installed and every https:// host tunnelled to the page server on `port`.
 * `locale: 'vi'` runs Firefox, and so the add-on's `browser.i18n`, in Vietnamese (see `useLocale`).
 * @param {{ executablePath: string, port: number, headless?: boolean, extensionDir?: string, locale?: string }} options
 */
export async function launchFirefox({
  executablePath,
  port,
  headless = true,
  extensionDir = FIREFOX_EXTENSION_DIR,
  locale = 'en-US',
}) {
  const manifestPath = join(extensionDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`No built add-on in ${extensionDir}: run \`npm run build:firefox\` first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  /** @type {string} */
  const extensionId = manifest.browser_specific_settings?.gecko?.id;
  if (!extensionId) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id`);

  const addon = testCopy(extensionDir);
  const tunnel = await startTunnel(port);
  const downloadDir = mkdtempSync(join(tmpdir(), 'clipmark-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: firefoxPrefs(tunnel.port, extensionId, downloadDir, locale, addon.csp),
    // WebDriver BiDi only navigates to http(s), file, blob and about:blank unless system access is allowed;
    // the popup page is moz-extension://, and no web page may open it (it is not web-accessible).
    args: ['--remote-allow-system-access'],
    env: {
      ...process.env,
      MOZ_CRASHREPORTER_DISABLE: '1',
      // Mozilla's test-harness switch: a connection to anything but a loopback address (the tunnel is on
      // 127.0.0.1) aborts Firefox with "FATAL ERROR: Non-local network connections are disabled…" on stderr,
      // relayed below. It also makes a release build honour the `services.settings.server` pref.
      MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1',
    },
  });
  browser.process()?.stderr?.on('data', (/** @type {Buffer} */ chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.includes('Non-local network connections are disabled'))
        console.error(`[firefox] ${line.trim()}`);
    }
  });
  try {
    if (locale !== 'en-US') await useLocale(browser, locale);
    const installed = await browser.installExtension(addon.dir);
    if (installed !== extensionId) throw new Error(`installed ${installed}, expected ${extensionId}`);
    await closeFirstRunPage(browser);
  } catch (error) {
    await browser.close();
    await tunnel.close();
    rmSync(downloadDir, { recursive: true, force: true });
    addon.remove();
    throw error;
  }
  return {
    browser,
    extensionId,
    /** `moz-extension://<uuid>` — the add-on's origin, fixed by `extensions.webextensions.uuids`. */
    origin: `moz-extension://${EXTENSION_UUID}`,
    tunnel,
    /** The folder Firefox saves downloads in (emptied and removed by `close()`). */
    downloadDir,
    /**
     * Uninstalls the add-on and installs it again, as a user would. Firefox deletes an add-on's data on
     * uninstall and gives the new install a new random moz-extension:// address; the harness puts the old
     * address back in `extensions.webextensions.uuids` first, so that an empty library there shows the data
     * really went. Much quicker than a new profile.
     */
    async reinstall() {
      await browser.uninstallExtension(extensionId);
      await inFirefoxChrome(
        browser,
        `Services.prefs.setStringPref('extensions.webextensions.uuids', ${JSON.stringify(
          JSON.stringify({ [extensionId]: EXTENSION_UUID }),
        )})`,
      );
      const again = await browser.installExtension(addon.dir);
      if (again !== extensionId) throw new Error(`installed ${again}, expected ${extensionId}`);
      await closeFirstRunPage(browser);
    },
    /**
     * Stops the add-on's background (an event page), as Firefox does after ~30 s idle — what about:debugging's
     * "Terminate background script" does — and resolves once it has stopped (it is woken by the next message).
     * Counterpart of stopping Chromium's service worker through DevTools.
     */
    async stopBackground() {
      const state = await inFirefoxChrome(
        browser,
        `(async () => {
          const extension = WebExtensionPolicy.getByID(${JSON.stringify(extensionId)})?.extension;
          if (!extension) throw new Error('the add-on is not running');
          for (let i = 0; i < 100 && extension.backgroundState === 'starting'; i++)
            await new Promise((done) => setTimeout(done, 20));
          if (extension.backgroundState === 'running')
            await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
          return extension.backgroundState;
        })()`,
      );
      const value = /** @type {{ value?: unknown }} */ (state).value;
      if (value !== 'stopped') throw new Error(`the background did not stop (${String(value)})`);
    },
    /**
     * Makes web and add-on pages see `prefers-color-scheme: dark` (or light; `null` as the system says), what
     * Settings › Website appearance does. puppeteer's `emulateMediaFeatures` needs CDP, which Firefox lacks.
     * @param {'dark' | 'light' | null} scheme
     */
    async colorScheme(scheme) {
      const pref = 'layout.css.prefers-color-scheme.content-override';
      await inFirefoxChrome(
        browser,
        scheme === null
          ? `Services.prefs.clearUserPref('${pref}')`
          : `Services.prefs.setIntPref('${pref}', ${scheme === 'dark' ? 0 : 1})`,
      );
    },
    async close() {
      await browser.close();
      await tunnel.close();
      rmSync(downloadDir, { recursive: true, force: true });
      addon.remove();
    },
  };
}

/**
 * Makes `locale` Firefox's interface language, as it is for a user who installed Firefox in that language or
 * its language pack. Firefox picks its language among the locales it has (`Services.locale.availableLocales`:
 * the built-in en-US plus installed language packs), so with no Vietnamese pack `intl.locale.requested: vi`
 * alone leaves it — and `browser.i18n` — in English. Declaring the locale available does what the pack would
 * for the add-on (Mozilla's own WebExtension i18n tests do the same); Firefox's own menus, with no
 * Vietnamese strings, stay English. Call it before the add-on starts: it picks its locale then.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} locale
 */
async function useLocale(browser, locale) {
  const result = await inFirefoxChrome(
    browser,
    `(() => {
      const l = Services.locale;
      if (!l.availableLocales.includes(${JSON.stringify(locale)}))
        l.availableLocales = [...l.availableLocales, ${JSON.stringify(locale)}];
      l.requestedLocales = [${JSON.stringify(locale)}];
      return l.appLocaleAsBCP47;
    })()`,
  );
  const value = /** @type {{ value?: unknown }} */ (result).value;
  if (value !== locale) throw new Error(`Firefox did not switch to ${locale} (${String(value)})`);
}

/**
 * Per browser, a window showing about:config: a privileged page where `Services` and `WebExtensionPolicy` exist.
 * It is its own window, opened in the background: as a tab it would be the selected one and hide the page under
 * test, which Firefox then treats as a background tab (`visibilityState` hidden, animation frames slowed to one
 * every 1, 2, 4, 8, 16… seconds), so every visible/hidden wait there took longer than the one before.
 */
const privilegedTabs = new WeakMap();

/**
 * Evaluates `expression` with Firefox's privileges (`Services`, `WebExtensionPolicy`), in a background tab
 * showing about:config, whose page runs with the system principal. (Firefox's `moz:scope: "chrome"` extension
 * of WebDriver BiDi would reach the browser window itself, but Firefox ESR 140 does not have it.) Opening
 * about:config over WebDriver BiDi needs `--remote-allow-system-access`.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} expression
 * @returns {Promise<unknown>} the result's BiDi serialisation
 */
async function inFirefoxChrome(browser, expression) {
  // puppeteer's BiDi connection (BidiBrowser.connection), not in its public typings.
  const connection =
    /** @type {{ connection?: { send(method: string, params: object): Promise<{ result: any }> } }} */ (
      /** @type {unknown} */ (browser)
    ).connection;
  if (!connection)
    throw new Error('inFirefoxChrome needs puppeteer with WebDriver BiDi (browser: "firefox")');
  let tab = privilegedTabs.get(browser);
  if (!tab) {
    tab = browser.newPage({ type: 'window', background: true }).then(async (page) => {
      const frame =
        /** @type {{ browsingContext?: { id: string, navigate(url: string, wait: string): Promise<unknown> } }} */ (
          /** @type {unknown} */ (page.mainFrame())
        );
      const context = frame.browsingContext;
      if (!context) throw new Error('inFirefoxChrome needs puppeteer with WebDriver BiDi');
      await context.navigate('about:config', 'complete');
      return context.id;
    });
    privilegedTabs.set(browser, tab);
  }
  const { result } = await connection.send('script.evaluate', {
    expression,
    target: { context: await tab },
    awaitPromise: true,
  });
  if (result.type !== 'success') throw new Error(`in Firefox's about:config: ${JSON.stringify(result)}`);
  return result.result;
}

/**
 * Sets the size of `page`'s viewport over WebDriver BiDi. puppeteer's `setViewport` also sends
 * `emulation.setScreenOrientationOverride`, which Firefox ESR 140 does not know.
 * @param {import('puppeteer-core').Page} page
 * @param {number} width
 * @param {number} height
 */
export async function setViewport(page, width, height) {
  const context = /** @type {{ browsingContext?: { setViewport(options: object): Promise<void> } }} */ (
    /** @type {unknown} */ (page.mainFrame())
  ).browsingContext;
  if (!context) throw new Error('setViewport needs puppeteer with WebDriver BiDi (browser: "firefox")');
  await context.setViewport({ viewport: { width, height }, devicePixelRatio: null });
}

/**
 * Points `page` at one of the add-on's own pages (a moz-extension:// URL) and waits until it has loaded.
 * Firefox's WebDriver BiDi sends no load event for moz-extension:// documents, so `page.goto()` would wait for one until it times out; this asks BiDi to navigate and to answer once the document is complete.
 * @param {import('puppeteer-core').Page} page
 * @param {string} url a moz-extension:// URL
 */
export async function gotoExtensionPage(page, url) {
  // puppeteer's own handle on the BiDi browsing context (what `Frame.goto` uses), not in its typings.
  const context =
    /** @type {{ browsingContext?: { navigate(url: string, wait: string): Promise<unknown> } }} */ (
      /** @type {unknown} */ (page.mainFrame())
    ).browsingContext;
  if (!context) throw new Error('gotoExtensionPage needs puppeteer with WebDriver BiDi (browser: "firefox")');
  await context.navigate(url, 'complete');
  await page.waitForFunction(
    (/** @type {string} */ u) => location.href === u && document.readyState === 'complete',
    { timeout: 10_000 },
    url,
  );
}

/**
 * The WebExtension id of the tab showing `url`, asked of the add-on itself from one of its pages.
 * @param {import('puppeteer-core').Page} extensionPage a page showing a moz-extension:// document of the add-on
 * @param {string} url
 * @returns {Promise<number>}
 */
export async function tabIdOf(extensionPage, url) {
  const id = await extensionPage.evaluate(async (u) => {
    /** @type {{ url?: string, id?: number }[]} */
    // @ts-expect-error `browser` exists in the add-on's pages.
    const tabs = await globalThis.browser.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (typeof id !== 'number') throw new Error(`no tab shows ${url}`);
  return id;
}

/**
 * Opens the popup as a page about the tab showing `url` (the toolbar button cannot be clicked when headless).
 * @param {{ browser: import('puppeteer-core').Browser, origin: string }} firefox from `launchFirefox()`
 * @param {string} url
 */
export async function openPopupFor(firefox, url) {
  const popup = await firefox.browser.newPage();
  await setViewport(popup, 400, 600);
  await gotoExtensionPage(popup, `${firefox.origin}/popup.html`);
  const tabId = await tabIdOf(popup, url);
  await gotoExtensionPage(popup, `${firefox.origin}/popup.html?tab=${tabId}`);
  return popup;
}
