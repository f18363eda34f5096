/**
 * What sync costs people who never set it up, at every start of the background (issue 23): the service worker
 * stopped (DevTools `ServiceWorker.stopAllWorkers`), then a message from an extension page, timed until it is
 * answered — the worker started, its script (PouchDB included) parsed and run, the message routed. Two
 * Chromiums, interleaved round by round: **Clipmark** (a copy of `.output/chrome-mv3`) and **the same build
 * with PouchDB left out** (`CLIPMARK_BENCH_WITHOUT_POUCHDB`, built here in a temporary worktree of HEAD). Sync
 * not set up in either. Prints Markdown: medians and their ratio.
 *
 *   npm run bench:sync-worker-start          # builds both first
 *   ROUNDS=10 node --import tsx bench/sync-worker-start.ts
 */
import { execFileSync, execSync } from 'node:child_process';
import { cpSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, ROOT, startPageServer } from '../scripts/browser-harness.mjs';
import { benchChromium, copyOfBuiltExtension } from './lib/built-extension';
import { machineLoad, median, ms, ratio, table } from './lib/stats';

const ROUNDS = Number(process.env.ROUNDS ?? 40);
const { executablePath, version } = benchChromium();

/** HEAD built with PouchDB replaced by a stub, in a temporary worktree (the working tree's build is left alone). */
function buildWithoutPouchDB(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  const tree = mkdtempSync(join(tmpdir(), 'clipmark-bench-tree-'));
  git('worktree', 'add', '--detach', tree, 'HEAD');
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    execSync('npx wxt build', {
      cwd: tree,
      stdio: 'ignore',
      env: { ...process.env, CLIPMARK_BENCH_WITHOUT_POUCHDB: '1' },
    });
    const dir = mkdtempSync(join(tmpdir(), 'clipmark-bench-ext-'));
    cpSync(join(tree, '.output/chrome-mv3'), dir, { recursive: true });
    return dir;
  } finally {
    git('worktree', 'remove', '--force', tree);
  }
}

const server = await startPageServer();
const sides = [
  { name: 'Clipmark', dir: copyOfBuiltExtension().dir },
  { name: 'without PouchDB', dir: buildWithoutPouchDB() },
];
const running = await Promise.all(
  sides.map(async (side) => {
    const browser = await launchBrowser({ executablePath, port: server.port, extensionDir: side.dir });
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    return { ...side, browser, page, cdp, times: [] as number[] };
  }),
);
for (let round = 0; round < ROUNDS; round++) {
  for (const side of running) {
    await side.cdp.send('ServiceWorker.stopAllWorkers');
    await side.page.waitForTimeout(300);
    side.times.push(
      await side.page.evaluate(async () => {
        const started = performance.now();
        // @ts-expect-error `chrome` exists in extension pages. Any message wakes the worker; the answer (an
        // error for this one) comes once its script has run and its listener is in place.
        await chrome.runtime.sendMessage({ bench: 'wake' }).catch(() => {});
        return performance.now() - started;
      }),
    );
  }
}
for (const side of running) await side.browser.close();
await server.close();

const [clipmark, without] = running as [(typeof running)[0], (typeof running)[0]];
const kb = (dir: string) => `${(statSync(join(dir, 'background.js')).size / 1024).toFixed(0)} kB`;
console.log(`## Worker start, from a message to its answer (${ROUNDS} rounds each, interleaved)\n`);
console.log(`${version}; ${machineLoad()}\n`);
console.log(
  table(
    ['build', 'background.js', 'p50', 'ratio'],
    [
      [
        clipmark.name,
        kb(clipmark.dir),
        ms(median(clipmark.times)),
        ratio(median(clipmark.times), median(without.times)),
      ],
      [without.name, kb(without.dir), ms(median(without.times)), '1'],
    ],
  ),
);
