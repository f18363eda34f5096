/**
 * Chromium for the anchoring benchmark: our anchoring code bundled to one IIFE (vite's build API, rolldown),
 * generated pages served from memory over local HTTP, and main-thread time read from Chromium's own counters.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { type CDPSession, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { findChromium, ROOT } from '../../scripts/browser-harness.mjs';

/** `bench/lib/anchoring-run.ts` and what it imports (our anchoring, the highlighter, the peer) as `ClipmarkBench`. */
export async function bundleAnchoring({ minify = true } = {}): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    build: {
      write: false,
      minify, // as the built content script is; profiles read better without
      lib: { entry: join(ROOT, 'bench/lib/anchoring-run.ts'), formats: ['iife'], name: 'ClipmarkBench' },
    },
  });
  const first = Array.isArray(out) ? out[0] : out;
  const chunk = first && 'output' in first ? first.output[0] : undefined;
  if (!chunk || !('code' in chunk)) throw new Error('vite build returned no bundle');
  return chunk.code;
}

/** Serves `pages` (path → HTML) on 127.0.0.1; returns the base URL and a close function. */
export async function servePages(pages: Record<string, string>) {
  const server = createServer((req, res) => {
    const html = pages[(req.url ?? '/').split('?')[0] ?? '/'];
    if (html === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Headless Chromium with one tab and a DevTools session on it. */
export async function openChromium() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: set CHROMIUM_PATH');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('Performance.enable');
  return { browser, tab, cdp, version: browser.version() };
}

/**
 * Chromium's running totals for the tab's renderer main thread, in ms: `task` is the wall time of its tasks
 * (TaskDuration), `cpu` its CPU time (ThreadTime) — the one to trust when other work shares the machine.
 */
export async function mainThread(cdp: CDPSession): Promise<{ task: number; cpu: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => 1000 * (metrics.find((m) => m.name === name)?.value ?? Number.NaN);
  return { task: get('TaskDuration'), cpu: get('ThreadTime') };
}

/** Loads `url`, injects `bundle`, and waits until the page has painted and settled. */
export async function freshPage(tab: Page, url: string, bundle: string): Promise<void> {
  await tab.goto(url, { waitUntil: 'load' });
  await tab.addScriptTag({ content: bundle });
  await tab.evaluate(
    () =>
      new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150)))),
  );
}
