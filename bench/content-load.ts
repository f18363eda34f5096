/**
 * Content-script cost at page load, as readers meet it (issue #17): each page is opened in a **new tab** — a
 * new renderer, so no warm V8 compilation cache — under the CPU profiler from the navigation until 2 s after
 * `load` (or after the page's highlights are drawn), counting the self time of the samples whose frame is the
 * extension's content script. Two Chromiums run side by side, page by page interleaved: **Clipmark** (a copy of
 * `.output/chrome-mv3`) and a **minimal highlighter** built here (bench/lib/minimal-highlighter.ts). The old
 * figure, reloads of one tab, is kept as a second column. A third Chromium whose extension has no content script
 * is the control for the JS heap the content scripts add. Pages: ten real news pages from ../shared/corpus
 * (20 KiB to 1 MB) at their https addresses, the baonamdinh fixtures, and the baonamdinh article with 20
 * highlights. Prints Markdown.
 *
 *   node --import tsx bench/content-load.ts            # builds .output/chrome-mv3 first if it is missing
 *   LOADS=2 RELOADS=1 HEAP_LOADS=0 node --import tsx bench/content-load.ts    # a smoke run, no heap
 *   PAGES=bbc,baonamdinh node --import tsx bench/content-load.ts              # pages whose name has a word
 *   VERBOSE=1 …                                                               # every load on stderr
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser, loadFixtures, ROOT, startPageServer } from '../scripts/browser-harness.mjs';
import { benchChromium, copyOfBuiltExtension } from './lib/built-extension';
import { costOf, newTabLoad, type ProfileCost, profiledReload } from './lib/extension-profile';
import { minimalHighlighterExtension, saveMinimalHighlights } from './lib/minimal-highlighter';
import { seedHighlights, waitForDrawn } from './lib/seed-highlights';
import { machineLoad, max, median, ms, ratio, table } from './lib/stats';

// Profiled new-tab loads per page and side; twice as many on the page with highlights, which has goals of its own.
const LOADS = Number(process.env.LOADS ?? 5);
const RELOADS = Number(process.env.RELOADS ?? 2); // profiled reloads of one tab per page and side
const HEAP_LOADS = Number(process.env.HEAP_LOADS ?? 1); // unprofiled new-tab loads per page and side, for the heap
const HIGHLIGHTS = Number(process.env.HIGHLIGHTS ?? 20);
const VERBOSE = !!process.env.VERBOSE; // every load on stderr
const AFTER_MS = 2000; // the profile ends this long after `load` (or after the highlights are drawn)
const CORPUS = process.env.CORPUS ?? join(ROOT, '../shared/corpus');
const GOAL = { p50: 6, vsMinimal: 2, max: 20, highlightsP50: 12, highlightsMax: 25, heapBytes: 1024 * 1024 };

const { executablePath, version: chromiumVersion } = benchChromium();

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)}`;

interface BenchPage {
  name: string;
  url: string;
  bytes: number;
  /** Highlights saved on the page (then drawn by both highlighters). */
  highlights: number;
  /** The corpus file served at `url`; none for the fixtures, which the page server serves already. */
  body?: string;
}

/**
 * Real news pages, small to ~1 MB, at their original addresses (made https). The corpus (an article-extraction
 * benchmark and Readability's tests) has no front pages: the two "link lists" are articles whose page is mostly
 * links, the nearest it has; the baonamdinh home and category pages are the real listings.
 */
const CORPUS_PAGES: { name: string; file: string; url?: string }[] = [
  { name: 'The Space Review article', file: 'aeb/c00962aabe' },
  { name: 'Jerusalem Post breaking news (link lists)', file: 'aeb/e372e42c0a' },
  {
    name: 'Le Monde article',
    file: 'readability/lemonde-1',
    url: 'https://www.lemonde.fr/pixels/article/2015/05/04/que-contient-la-loi-sur-le-renseignement_4627068_4408996.html',
  },
  { name: 'BBC article', file: 'aeb/c7e39ac49f' },
  { name: 'CBS News article (link lists)', file: 'aeb/2c46804d9d' },
  {
    name: 'New York Times article',
    file: 'readability/nytimes-1',
    url: 'https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html',
  },
  { name: 'National Review article', file: 'aeb/f5c90a6d52' },
  { name: 'Wall Street Journal article', file: 'aeb/7ab16ade32' },
  {
    name: 'Breitbart article',
    file: 'readability/breitbart',
    url: 'https://www.breitbart.com/tech/2016/12/22/neutral-snopes-fact-checker-david-emery-un-angry-trump-supporters/',
  },
  { name: 'CNBC article', file: 'aeb/374ac9a59a' },
];

function corpusPages(): BenchPage[] {
  const truth = JSON.parse(readFileSync(join(CORPUS, 'aeb/ground-truth.json'), 'utf8')) as Record<
    string,
    { url: string }
  >;
  const aebFiles = readdirSync(join(CORPUS, 'aeb/html'));
  return CORPUS_PAGES.map(({ name, file, url }) => {
    let path = join(CORPUS, file, 'source.html');
    let address = url;
    if (file.startsWith('aeb/')) {
      const html = aebFiles.find((f) => f.startsWith(file.slice(4)));
      if (!html) throw new Error(`${file} is not in ${CORPUS}`);
      path = join(CORPUS, 'aeb/html', html);
      address = truth[html.replace(/\.html$/, '')]?.url;
    }
    if (!address) throw new Error(`no address for ${file}`);
    const body = readFileSync(path, 'utf8');
    return {
      name,
      url: address.replace(/^http:/, 'https:'),
      bytes: statSync(path).size,
      highlights: 0,
      body,
    };
  });
}

function fixturePage(name: string, slug: string, highlights = 0): BenchPage {
  const f = loadFixtures().find((x) => x.slug === slug);
  if (!f) throw new Error(`fixture ${slug} is missing`);
  return { name, url: f.url, bytes: statSync(join(f.dir, 'source.html')).size, highlights };
}

// The article with highlights last: its highlights are saved just before it is measured.
const allPages: BenchPage[] = [
  ...corpusPages(),
  fixturePage('baonamdinh home page (listing)', 'baonamdinh-home'),
  fixturePage('baonamdinh category (listing)', 'baonamdinh-category'),
  fixturePage('baonamdinh article', 'baonamdinh-article'),
  fixturePage(`baonamdinh article, ${HIGHLIGHTS} highlights`, 'baonamdinh-article', HIGHLIGHTS),
];
const only = process.env.PAGES?.toLowerCase().split(',');
const pages = only ? allPages.filter((p) => only.some((w) => p.name.toLowerCase().includes(w))) : allPages;

const { dir: oursDir, commit } = copyOfBuiltExtension();
const minimalDir = minimalHighlighterExtension();
const controlDir = minimalHighlighterExtension({ contentScript: false });
const ourScriptBytes = statSync(join(oursDir, 'content-scripts/content.js')).size;
const ourToolsBytes = statSync(join(oursDir, 'page-tools.js')).size;
const minimalScriptBytes = statSync(join(minimalDir, 'content.js')).size;

const loadBefore = machineLoad();
const started = Date.now();
const server = await startPageServer();
for (const p of pages) if (p.body) server.setPage(p.url, p.body);
const launch = (extensionDir: string) => launchBrowser({ executablePath, port: server.port, extensionDir });
type Browser = Awaited<ReturnType<typeof launch>>;
interface Side {
  name: string;
  dir: string;
  /** The content script's path in the extension; none for the control. */
  script: string | null;
  browser?: Browser;
}
const sides: Side[] = [
  { name: 'Clipmark', dir: oursDir, script: 'content-scripts/content.js' },
  { name: 'minimal highlighter', dir: minimalDir, script: 'content.js' },
  { name: 'no content script', dir: controlDir, script: null },
];
const [ours, minimal, control] = sides as [Side, Side, Side];
for (const side of sides) side.browser = await launch(side.dir);
const browserOf = (side: Side) => side.browser as Browser;
/** Every script of the side's extension that runs in the page: its content script and what it injects later. */
const scriptUrl = (side: Side) => `chrome-extension://${browserOf(side).extensionId}/`;

interface Measures {
  /** The script's cost in each profiled new-tab load. */
  newTab: ProfileCost[];
  /** The same per reload of one tab. */
  reload: ProfileCost[];
  /** JS heap in use at the end of each unprofiled new-tab load, bytes. */
  heap: number[];
}
const results = new Map<BenchPage, Map<Side, Measures>>();
const renderers = new Set<string>();
let newTabLoads = 0;

/**
 * One new-tab load of `p` by `side`, profiled (its self time recorded) or not (its heap recorded); throws if it
 * ran in a renderer an earlier load ran in.
 */
async function inNewTab(side: Side, p: BenchPage, m: Measures | null, profiling = true): Promise<void> {
  const t0 = Date.now();
  const load = await newTabLoad(browserOf(side).context, p.url, settled(p), { profiling });
  if (renderers.has(load.renderer)) throw new Error(`${p.name}: a new tab reused a renderer`);
  renderers.add(load.renderer);
  newTabLoads++;
  const cost = load.profile && side.script ? costOf(load.profile, scriptUrl(side)) : null;
  if (VERBOSE) {
    const what = cost
      ? `${ms(cost.self)} ms (counted ${ms(cost.counted)})`
      : `heap ${kib(load.heapUsed ?? 0)} KiB`;
    console.error(`  ${side.name}: ${what} (${Date.now() - t0} ms)`);
  }
  if (cost) m?.newTab.push(cost);
  if (load.heapUsed !== null) m?.heap.push(load.heapUsed);
}

/** Until the page's highlights are drawn (on a page with some), then `AFTER_MS`. */
function settled(p: BenchPage) {
  return async (tab: Page) => {
    if (p.highlights > 0) await waitForDrawn(tab, p.highlights);
    await tab.waitForTimeout(AFTER_MS);
  };
}

try {
  // One unrecorded new-tab load each, so that nothing of the browsers' own start-up falls on the first page.
  for (const side of sides) await inNewTab(side, pages[0] as BenchPage, null);
  for (const p of pages) {
    const measured = new Map(sides.map((s) => [s, { newTab: [], reload: [], heap: [] } as Measures]));
    results.set(p, measured);
    if (p.highlights > 0) {
      // Saved once through Clipmark's content script, as its context menu does; the minimal highlighter gets
      // the same sentences.
      const tab = await browserOf(ours).context.newPage();
      await tab.goto(p.url, { waitUntil: 'load' });
      const quotes = await seedHighlights(browserOf(ours).context, tab, p.highlights);
      await tab.close();
      await saveMinimalHighlights(browserOf(minimal).context, p.url, quotes);
    }
    // Interleaved, each first in turn, so that other load on the machine falls on both alike.
    for (let k = 0; k < (p.highlights > 0 ? 2 * LOADS : LOADS); k++) {
      for (const side of k % 2 ? [minimal, ours] : [ours, minimal])
        await inNewTab(side, p, measured.get(side) as Measures);
    }
    // The heap, where it is compared with the control's: pages without highlights.
    for (let k = 0; k < (p.highlights === 0 ? HEAP_LOADS : 0); k++) {
      for (const side of sides) await inNewTab(side, p, measured.get(side) as Measures, false);
    }
    // The old figure: one tab per side, loaded (which warms its renderer up), then reloaded.
    const reloading = [ours, minimal];
    const tabs: Page[] = [];
    const sessions: CDPSession[] = [];
    for (const side of reloading) {
      const tab = await browserOf(side).context.newPage();
      await tab.goto(p.url, { waitUntil: 'load' });
      tabs.push(tab);
      sessions.push(await browserOf(side).context.newCDPSession(tab));
    }
    for (let k = 0; k < RELOADS; k++) {
      for (const [i, side] of reloading.entries()) {
        const profile = await profiledReload(tabs[i] as Page, sessions[i] as CDPSession, settled(p));
        measured.get(side)?.reload.push(costOf(profile, scriptUrl(side)));
      }
    }
    for (const tab of tabs) await tab.close();
    console.error(`${p.name}: done (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
} finally {
  for (const side of sides) await side.browser?.close();
  await server.close();
  for (const dir of [oursDir, minimalDir, controlDir]) rmSync(dir, { recursive: true, force: true });
}

// ——— Report ———
const of = (p: BenchPage, side: Side) => results.get(p)?.get(side) as Measures;
type Measure = 'self' | 'counted';
const newTab = (p: BenchPage, side: Side, m: Measure = 'self') => of(p, side).newTab.map((c) => c[m]);
const reloads = (p: BenchPage, side: Side) => of(p, side).reload.map((c) => c.self);
const pair = (xs: number[]) => `${ms(median(xs))} / ${ms(max(xs))}`;
const mark = (ok: boolean) => (ok ? '✅' : '❌');
const plain = pages.filter((p) => p.highlights === 0);
const withHighlights = pages.filter((p) => p.highlights > 0);

const out: string[] = [];
out.push(
  `Run ${new Date().toISOString()} · ${chromiumVersion} · load average ${loadBefore} → ${machineLoad()} · ` +
    `${((Date.now() - started) / 60_000).toFixed(1)} min`,
);
out.push(
  `Clipmark built from ${commit} (+ working tree), content.js ${kib(ourScriptBytes)} KiB at every load, ` +
    `page-tools.js ${kib(ourToolsBytes)} KiB injected when needed (both counted: every frame of the extension's ` +
    `origin); ` +
    `minimal highlighter content.js ${minimalScriptBytes} B. Per page and side: ${LOADS} profiled new-tab ` +
    `loads (${2 * LOADS} with highlights), ${RELOADS} profiled reloads of one tab (after its first load), ${HEAP_LOADS} unprofiled new-tab ` +
    `load(s) for the heap (also by the control, an extension without content script); profiles sampled every ` +
    `100 µs, to ${AFTER_MS / 1000} s after load (after the highlights are drawn, where there are some). ` +
    `${newTabLoads} new-tab loads in ${renderers.size} different renderers (V8 isolates).\n`,
);

/** One page's goals: without highlights ≤ 2× minimal, p50, max; with highlights p50, max. */
function goals(highlights: boolean, p50: number, worst: number, minimalP50: number): string[] {
  if (highlights) return ['—', mark(p50 <= GOAL.highlightsP50), mark(worst <= GOAL.highlightsMax)];
  return [mark(p50 <= GOAL.vsMinimal * minimalP50), mark(p50 <= GOAL.p50), mark(worst <= GOAL.max)];
}
const goalHead = ['≤ 2× minimal', 'p50 ≤ 6 (12)', 'max ≤ 20 (25)'];

out.push(
  "Self time of the content script's frames, ms, p50 / max. Goals: without highlights p50 ≤ 2× the minimal " +
    "highlighter's and ≤ 6 ms, max ≤ 20 ms; with highlights (in brackets) p50 ≤ 12 ms, max ≤ 25 ms. *Counted*: " +
    'the samples in those frames × the median sampling interval, which leaves out the waits for a CPU that a busy ' +
    'machine adds to the sample before them.\n',
);
out.push(
  table(
    [
      'page',
      'KiB',
      'Clipmark, new tab',
      'minimal, new tab',
      'ratio p50 / max',
      ...goalHead,
      'counted p50: Clipmark / minimal',
      'Clipmark, reload',
      'minimal, reload',
    ],
    pages.map((p) => {
      const [a, b] = [newTab(p, ours), newTab(p, minimal)];
      return [
        p.name,
        kib(p.bytes),
        `**${pair(a)}**`,
        pair(b),
        `${ratio(median(a), median(b))} / ${ratio(max(a), max(b))}`,
        ...goals(p.highlights > 0, median(a), max(a), median(b)),
        `${ms(median(newTab(p, ours, 'counted')))} / ${ms(median(newTab(p, minimal, 'counted')))}`,
        pair(reloads(p, ours)),
        pair(reloads(p, minimal)),
      ];
    }),
  ),
);

/** Over a set of pages: p50 of the pages' p50s, and the largest of all loads. */
function summary(set: BenchPage[], highlights: boolean, label: string, m: Measure): string[] {
  const p50 = (side: Side) => median(set.map((p) => median(newTab(p, side, m))));
  const worst = (side: Side) => max(set.flatMap((p) => newTab(p, side, m)));
  return [
    label,
    `**${ms(p50(ours))} / ${ms(worst(ours))}**`,
    `${ms(p50(minimal))} / ${ms(worst(minimal))}`,
    ratio(p50(ours), p50(minimal)),
    ...goals(highlights, p50(ours), worst(ours), p50(minimal)),
  ];
}
const summaries: string[][] = [];
for (const m of ['self', 'counted'] as const) {
  const suffix = m === 'self' ? '' : ', counted';
  if (plain.length > 0)
    summaries.push(summary(plain, false, `${plain.length} pages without highlights${suffix}`, m));
  for (const p of withHighlights) summaries.push(summary([p], true, `${p.name}${suffix}`, m));
}
out.push('');
out.push(
  table(
    ['new-tab loads', 'Clipmark p50 of p50s / max', 'minimal p50 of p50s / max', 'ratio', ...goalHead],
    summaries,
  ),
);

// The heap: what each content script adds over the control on the same page, p50 against p50.
const heapRows = (HEAP_LOADS > 0 ? plain : []).map((p) => {
  const base = median(of(p, control).heap);
  return { p, base, ours: median(of(p, ours).heap) - base, minimal: median(of(p, minimal).heap) - base };
});
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
if (heapRows.length > 0) {
  out.push('');
  out.push(
    "JS heap of the page's renderer after a full GC 2 s after load (`Runtime.getHeapUsage`: every world in the " +
      "isolate), unprofiled new-tab loads, p50; a content script's share is its side's heap minus the control's " +
      "on the same page. Any content script's share includes its isolated world's own context (globals, builtins).\n",
  );
  out.push(
    table(
      ['page', 'control (no content script)', 'Clipmark adds', 'minimal adds', 'Clipmark − minimal'],
      heapRows.map((r) => [r.p.name, kb(r.base), `**${kb(r.ours)}**`, kb(r.minimal), kb(r.ours - r.minimal)]),
    ),
  );
  const worst = max(heapRows.map((r) => r.ours));
  out.push(
    `\nClipmark adds p50 ${kb(median(heapRows.map((r) => r.ours)))}, at most ${kb(worst)} (minimal: p50 ` +
      `${kb(median(heapRows.map((r) => r.minimal)))}): ${mark(worst <= GOAL.heapBytes)} ≤ 1 MiB.`,
  );
}
console.log(out.join('\n'));
