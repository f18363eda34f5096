/**
 * Content-script cost at page load (DEVELOPERS rule: our own JavaScript ≤ 12 ms p50, ≤ 25 ms at worst). Three
 * Chromiums side by side — Clipmark, a trivial WXT content script, a trivial plain one (both only
 * `console.debug('x')`) — reload each page in turn: LOADS times under the CPU profiler (self time of the
 * script's frames, the rule's measure), then TRACES times under a trace (CPU time of everything run in the
 * script's world, compile included — robust when other work shares the machine). Prints Markdown for
 * docs/benchmarks.md ("Content script at page load").
 *
 *   node --import tsx bench/content-load.ts            # builds .output/chrome-mv3 first if it is missing
 *   LOADS=20 TRACES=10 node --import tsx bench/content-load.ts
 */
import { execFileSync, execSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import {
  EXTENSION_DIR,
  findChromium,
  launchBrowser,
  loadFixtures,
  ROOT,
  startPageServer,
} from '../scripts/browser-harness.mjs';
import {
  baselineExtension,
  costOf,
  type ProfileCost,
  profiledReload,
  type TraceCost,
  tracedReload,
  wxtBaselineExtension,
} from './lib/extension-profile';
import { seedHighlights } from './lib/seed-highlights';
import { machineLoad, max, median, ms, ratio, table } from './lib/stats';

const LOADS = Number(process.env.LOADS ?? 20);
const TRACES = Number(process.env.TRACES ?? 10);
const HIGHLIGHTS = Number(process.env.HIGHLIGHTS ?? 20);
const SETTLE_MS = 500; // after the script's visible work: the one message's round trip, with room to spare

const executablePath = findChromium();
if (!executablePath) throw new Error('Chromium not found: set CHROMIUM_PATH');
if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
  execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit' });
const chromiumVersion = execFileSync(executablePath, ['--version'], { encoding: 'utf8' }).trim();
const urlOf = (slug: string) => {
  const f = loadFixtures().find((x) => x.slug === slug);
  if (!f) throw new Error(`fixture ${slug} is missing`);
  return f.url;
};
const pages = [
  { name: 'article, 0 highlights', url: urlOf('baonamdinh-article'), highlights: 0 },
  { name: 'category listing', url: urlOf('baonamdinh-category'), highlights: 0 },
  { name: `article, ${HIGHLIGHTS} highlights`, url: urlOf('baonamdinh-article'), highlights: HIGHLIGHTS },
];

// A copy, so a rebuild by someone else during the run cannot change the extension under measurement.
const oursDir = mkdtempSync(join(tmpdir(), 'clipmark-ext-'));
cpSync(EXTENSION_DIR, oursDir, { recursive: true });
const scriptBytes = statSync(join(oursDir, 'content-scripts/content.js')).size;
const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();

const loadBefore = machineLoad();
const server = await startPageServer();
const wxtDir = wxtBaselineExtension(ROOT);
const plainDir = baselineExtension();
const launch = (extensionDir: string) => launchBrowser({ executablePath, port: server.port, extensionDir });
const sides = [
  { name: 'Clipmark', dir: oursDir, path: 'content-scripts/content.js' },
  { name: 'trivial WXT script', dir: join(wxtDir, '.output/chrome-mv3'), path: 'content-scripts/content.js' },
  { name: 'trivial plain script', dir: plainDir, path: 'content.js' },
];
const browsers: Awaited<ReturnType<typeof launch>>[] = [];
for (const side of sides) browsers.push(await launch(side.dir));
const scriptOf = (i: number) => `chrome-extension://${browsers[i]?.extensionId}/${sides[i]?.path}`;

type Costs = { profiles: ProfileCost[]; traces: TraceCost[] };
const results: Costs[][] = []; // [page][side]
try {
  const tabs = await Promise.all(browsers.map((b) => b.context.newPage()));
  const sessions = await Promise.all(browsers.map((b, i) => b.context.newCDPSession(tabs[i] as Page)));
  for (const cdp of sessions) await cdp.send('Profiler.enable');

  for (const p of pages) {
    const costs: Costs[] = sides.map(() => ({ profiles: [], traces: [] }));
    for (const [i, tab] of tabs.entries()) {
      await tab.goto(p.url, { waitUntil: 'load' });
      if (i === 0 && p.highlights > 0)
        await seedHighlights(browsers[0]?.context as BrowserContext, tab, p.highlights);
    }
    /** Until Clipmark has drawn the page's highlights (the others: the page has loaded), then settle. */
    const settled = (i: number) => async () => {
      if (i === 0) await (tabs[0] as Page).waitForFunction(drawn, p.highlights, { timeout: 15_000 });
      await (tabs[i] as Page).waitForTimeout(SETTLE_MS);
    };
    // Interleaved, so other load on the machine falls on all sides alike; the first two reloads only warm up.
    for (let k = -2; k < LOADS + TRACES; k++) {
      for (const [i, tab] of tabs.entries()) {
        const cdp = sessions[i] as CDPSession;
        const cost = costs[i] as Costs;
        if (k < LOADS) {
          const c = costOf(await profiledReload(tab, cdp, settled(i)), scriptOf(i));
          if (k >= 0) cost.profiles.push(c);
        } else cost.traces.push(await tracedReload(tab, cdp, scriptOf(i), settled(i)));
      }
    }
    results.push(costs);
    console.error(`${p.name}: done`);
  }
} finally {
  for (const b of browsers) await b.close();
  await server.close();
  for (const dir of [plainDir, wxtDir, oursDir]) rmSync(dir, { recursive: true, force: true });
}

/**
 * In the page: `n` of Clipmark's highlights are drawn (the bench pages register none of their own). A page
 * without highlights shows no sign of it: there the profile's 500 ms after the reload cover its work.
 */
function drawn(n: number): boolean {
  // biome-ignore lint/suspicious/noExplicitAny: HighlightRegistry is missing from some DOM typings.
  const registry = (CSS as any).highlights as Map<string, Set<Range>>;
  let total = 0;
  for (const h of registry.values()) total += h.size;
  return total === n;
}

const cell = (xs: number[]) => `${ms(median(xs))} / ${ms(max(xs))} (${ms(Math.min(...xs))})`;
const out: string[] = [];
out.push(
  `Run ${new Date().toISOString()} · ${chromiumVersion} · load average ${loadBefore} → ${machineLoad()}`,
);
out.push(
  `Extension built from ${commit} (+ working tree); content.js ${(scriptBytes / 1024).toFixed(1)} KiB. ` +
    `${LOADS} profiled reloads per page and script (sampling every 100 µs), ${TRACES} traced.\n`,
);
const rows: string[][] = [];
for (const [pi, p] of pages.entries()) {
  for (const [si, side] of sides.entries()) {
    const c = results[pi]?.[si];
    if (!c) continue;
    const self = c.profiles.map((x) => x.self);
    const verdict = si === 0 ? (median(self) <= 12 && max(self) <= 25 ? ' ✅' : ' ❌') : '';
    const t = (k: keyof TraceCost) => c.traces.map((x) => x[k]);
    rows.push([
      si === 0 ? p.name : '',
      side.name,
      `**${cell(self)}**${verdict}`,
      cell(c.profiles.map((x) => x.inclusive)),
      `${ms(median(t('evaluateCpu')))} (${ms(median(t('compileCpu')))})`,
      `${cell(t('tasksCpu'))}`,
      ms(median(t('tasksWall'))),
    ]);
  }
  const selfP50 = (si: number) => median(results[pi]?.[si]?.profiles.map((x) => x.self) ?? []);
  const cpuP50 = (si: number) => median(results[pi]?.[si]?.traces.map((x) => x.tasksCpu) ?? []);
  rows.push([
    '',
    '*Clipmark ÷ trivial WXT*',
    ratio(selfP50(0), selfP50(1)),
    '',
    '',
    ratio(cpuP50(0), cpuP50(1)),
    '',
  ]);
}
out.push(
  table(
    [
      'page',
      'content script',
      'profile: self p50 / max (min)',
      'profile: incl. callees p50 / max (min)',
      'trace: top level CPU p50 (compile)',
      'trace: tasks it ran in, CPU p50 / max (min)',
      'same tasks, wall p50',
    ],
    rows,
  ),
);
console.log(out.join('\n'));
