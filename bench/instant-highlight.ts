/**
 * Issue #22: from the H key press to the highlight drawn (in the page's `CSS.highlights`), and to the record
 * written (its `createdAt`, stamped in the write's transaction), on the bundled baonamdinh article in Chromium
 * with the built extension — with the service worker running, and stopped as Chromium stops it after 30 s idle.
 * Beside the build from before the change (drawn only after the background's answer), in the same run,
 * interleaved trial by trial. Each trial is a fresh copy of the article at its own address, in a new tab.
 *
 *   npx tsx bench/instant-highlight.ts               # RUNS=20 per side and state; BASE=<commit> to compare
 */
import { execFileSync, execSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  dragSelect,
  EXTENSION_DIR,
  findChromium,
  launchBrowser,
  loadFixtures,
  ROOT,
  relocatePage,
  startPageServer,
} from '../scripts/browser-harness.mjs';
import { chromiumClosedRoot, toolbarSteps } from '../scripts/closed-root.mjs';
import { readStore, serviceWorkerStopper } from '../tests/e2e/page-helpers';
import { buildAt, commitBefore } from './lib/built-extension';
import { machineLoad, max, median, ms, ratio, table } from './lib/stats';

const RUNS = Number(process.env.RUNS ?? 20);
const executablePath = findChromium();
if (!executablePath) throw new Error('Chromium not found: set CHROMIUM_PATH');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
// The last commit before drawing moved to the key press.
const BASE = process.env.BASE ?? commitBefore('Instant highlight (#22)');
const commit = git('rev-parse', '--short', 'HEAD');
const baseShort = git('rev-parse', '--short', BASE);

execSync('npx wxt build', { cwd: ROOT, stdio: 'ignore' });
const oursDir = mkdtempSync(join(tmpdir(), 'clipmark-bench-ext-'));
cpSync(EXTENSION_DIR, oursDir, { recursive: true });
const { dir: baseDir } = buildAt(BASE);

const article = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!article) throw new Error('fixture baonamdinh-article is missing');
const source = readFileSync(join(article.dir, 'source.html'), 'utf8');
const { toolbarReady } = toolbarSteps((page: Page) => chromiumClosedRoot(page, 'clipmark-toolbar'));

/**
 * In the page, from its start: times the next H from its event to the first registered range, polling with
 * timers (the first fires right after the event's tasks — the content script's handler, if it draws then —
 * later ones every ~4 ms, the browser's clamp for nested timers). Plain JavaScript in a string: a function
 * compiled by tsx would call its `__name` helper, which the page does not have.
 */
const ARM_TIMER = `addEventListener('keydown', (event) => {
  if (event.key !== 'h') return;
  const t0 = event.timeStamp;
  window.__pressedAt = Date.now();
  window.__deliveredMs = performance.now() - t0;
  const check = () => {
    let n = 0;
    for (const h of CSS.highlights.values()) n += h.size;
    if (n > 0) window.__drawnMs = performance.now() - t0;
    else setTimeout(check, 0);
  };
  setTimeout(check, 0);
}, { capture: true });`;

const loadBefore = machineLoad();
const server = await startPageServer();
const sides = [
  { name: `drawn after the answer (${baseShort})`, dir: baseDir },
  { name: `drawn on the key press (${commit})`, dir: oursDir },
];
const browsers = [];
for (const side of sides)
  browsers.push(await launchBrowser({ executablePath, port: server.port, extensionDir: side.dir }));
type Trial = { drawn: number; delivered: number; stored: number };
const results: Record<string, Trial[]> = {};
let n = 0;
try {
  // A page of the extension's origin that sends nothing: reading the database there does not wake the worker.
  const readers = await Promise.all(
    browsers.map(async (b) => {
      const page = await b.context.newPage();
      await page.goto(`chrome-extension://${b.extensionId}/manifest.json`);
      return page;
    }),
  );
  // One stopper per browser, made once: each opens an extension page of its own.
  const stoppers = [];
  for (const [i, b] of browsers.entries())
    stoppers.push(await serviceWorkerStopper(b.context, b.extensionId, readers[i] as Page));
  for (let k = -1; k < RUNS; k++) {
    for (const state of ['running', 'stopped'] as const) {
      for (const [i, side] of sides.entries()) {
        const b = browsers[i] as (typeof browsers)[number];
        const url = article.url.replace(/-(\d+)\/$/, `-${8_000_000 + ++n}/`);
        server.setPage(url, relocatePage(source, article.url, url));
        const page = await (b.context as BrowserContext).newPage();
        // From the document's start, so it runs before the content script's own key listener (which keeps
        // the key from the page).
        await page.addInitScript(ARM_TIMER);
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForTimeout(300);
        if (state === 'stopped') await (stoppers[i] as () => Promise<void>)();
        await dragSelect(page, '[data-testid="quote-target"]');
        await toolbarReady(page);
        await page.keyboard.press('h');
        await page.waitForFunction(() => (window as { __drawnMs?: number }).__drawnMs !== undefined, null, {
          timeout: 15_000,
        });

        const { drawn, delivered, pressedAt } = await page.evaluate(() => {
          const w = window as unknown as { __drawnMs: number; __deliveredMs: number; __pressedAt: number };
          return { drawn: w.__drawnMs, delivered: w.__deliveredMs, pressedAt: w.__pressedAt };
        });
        let record: { createdAt: number } | undefined;
        for (let wait = 0; !record && wait < 300; wait++) {
          const all = (await (readers[i] as Page).evaluate(readStore, 'highlights')) as {
            url: string;
            createdAt: number;
          }[];
          record = all.find((h) => url.startsWith(h.url));
          if (!record) await page.waitForTimeout(50);
        }
        if (!record) throw new Error(`${side.name}: the highlight was never written`);
        const key = `${i}:${state}`;
        results[key] ??= [];
        if (k >= 0) results[key].push({ drawn, delivered, stored: record.createdAt - pressedAt });
        await page.close();
      }
    }
    console.error(`trial ${k + 1}/${RUNS}`);
  }
} finally {
  for (const b of browsers) await b.close();
  await server.close();
  for (const dir of [oursDir, baseDir]) rmSync(dir, { recursive: true, force: true });
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(0.95 * xs.length) - 1] ?? Number.NaN;
const rows: string[][] = [];
for (const state of ['running', 'stopped'] as const) {
  for (const [i, side] of sides.entries()) {
    const t = results[`${i}:${state}`] ?? [];
    const drawn = t.map((x) => x.drawn);
    const stored = t.map((x) => x.stored);
    const delivered = t.map((x) => x.delivered);
    rows.push([
      state === 'running' ? 'worker running' : 'worker stopped',
      side.name,
      `${ms(median(drawn))} / **${ms(p95(drawn))}** / ${ms(max(drawn))}${i === 1 ? (p95(drawn) <= 16 ? ' ✅' : ' ❌') : ''}`,
      `${ms(median(stored))} / ${ms(p95(stored))} / ${ms(max(stored))}`,
      `${ms(median(delivered))} / ${ms(p95(delivered))}`,
    ]);
  }
  const p = (i: number) => p95((results[`${i}:${state}`] ?? []).map((x) => x.drawn));
  rows.push(['', '*on the key press ÷ after the answer*', ratio(p(1), p(0)), '', '']);
}
console.log(
  `Run ${new Date().toISOString()} · ${execFileSync(executablePath, ['--version'], { encoding: 'utf8' }).trim()} · ` +
    `load average ${loadBefore} → ${machineLoad()} · ${RUNS} trials per row, interleaved\n`,
);
console.log(
  table(
    [
      'background',
      'build',
      'key press → drawn, p50 / **p95** / max (ms; goal p95 ≤ 16)',
      'key press → written, p50 / p95 / max',
      'of which input delivery (event → page listener), p50 / p95',
    ],
    rows,
  ),
);
