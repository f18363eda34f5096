/**
 * Popup opened → article card rendered (issue #17: p50 ≤ 150 ms), on the 1 MB bench article
 * (bench/lib/article-page.ts) and on the baonamdinh article. Each run opens the page in a new tab, waits 2 s
 * after `load` (the reader has started reading; whatever the content script does at idle is done), then opens
 * the popup about that tab (`popup.html?tab=<id>`, as a page: a toolbar button cannot be clicked when headless)
 * and times, from the popup's navigation start, when the article card (components/ArticleCard.tsx) is in the
 * DOM with its verdict (`section.card`, `data-kind` "article" or "page": the 1 MB bench article has none of the
 * metadata news sites carry, and Clipmark does not take it for an article), and, where the popup then reads the
 * article (a page taken for an article), when it has been read (its clipping panel, `section.clipping`).
 * Beside it, in the same run and run by run, a **baseline**: Clipmark built at `BASE` (default: the commit before the
 * content script was split into a core and injected parts, where detection ran in the content script already
 * loaded), in a second Chromium. Prints Markdown.
 *
 *   node --import tsx bench/popup-card.ts            # builds .output/chrome-mv3 first if it is missing
 *   RUNS=3 node --import tsx bench/popup-card.ts     # a smoke run
 *   BASE=<commit> …                                  # another baseline
 */
import { rmSync } from 'node:fs';
import {
  launchBrowser,
  loadFixtures,
  openPopup,
  startPageServer,
  tabIdOf,
} from '../scripts/browser-harness.mjs';
import { generatePage } from './lib/article-page';
import { benchChromium, buildAt, commitBefore, copyOfBuiltExtension } from './lib/built-extension';
import { machineLoad, max, median, ms, ratio, table } from './lib/stats';

const RUNS = Number(process.env.RUNS ?? 10);
const BASE = process.env.BASE ?? commitBefore('Content script: a small core on every page');
const AFTER_MS = 2000;
const GOAL_P50_MS = 150;

const { executablePath, version: chromiumVersion } = benchChromium();

const article = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!article) throw new Error('fixture baonamdinh-article is missing');
const benchHtml = generatePage().original.html;
const pages = [
  {
    name: `1 MB bench article (${(benchHtml.length / 1e6).toFixed(2)} M characters)`,
    url: 'https://baonamdinh.vn/kinh-te/202612/hop-tac-xa-dong-tien-dua-lo-say-lua-moi-vao-hoat-dong-2569999/',
    body: benchHtml as string | undefined,
  },
  { name: 'baonamdinh article', url: article.url, body: undefined },
];

/** Milliseconds from the popup's navigation start, recorded in the popup by the init script below. */
interface Marks {
  card?: number;
  /** The card's first verdict. */
  kind?: string;
  read?: number;
}

const ours = copyOfBuiltExtension();
const base = buildAt(BASE);
const loadBefore = machineLoad();
const started = Date.now();
const server = await startPageServer();
for (const p of pages) if (p.body) server.setPage(p.url, p.body);
const sides = [
  { name: 'Clipmark', built: ours },
  { name: 'baseline', built: base },
] as const;
type Side = (typeof sides)[number];
const browsers = new Map<Side, Awaited<ReturnType<typeof launchBrowser>>>();
const times = new Map(
  sides.map((side) => [
    side,
    pages.map(() => ({ card: [] as number[], read: [] as number[], kinds: new Set<string>() })),
  ]),
);

/** One popup about `p` in `side`'s browser: the moments of its card and clipping panel, or null if uncounted. */
async function popupRun(side: Side, p: (typeof pages)[number]): Promise<Marks> {
  const { context, extensionId } = browsers.get(side) as Awaited<ReturnType<typeof launchBrowser>>;
  const tab = await context.newPage();
  await tab.goto(p.url, { waitUntil: 'load' });
  await tab.waitForTimeout(AFTER_MS);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const popup = await openPopup(context, extensionId, await tabIdOf(worker, p.url));
  // Until the card, and on an article until it has been read.
  const handle = await popup.waitForFunction(
    () => {
      const marks = (window as unknown as { popupMarks?: Marks }).popupMarks;
      return marks?.card !== undefined && (marks.kind !== 'article' || marks.read !== undefined) && marks;
    },
    undefined,
    { timeout: 15_000 },
  );
  const marks = (await handle.jsonValue()) as Marks;
  await popup.close();
  await tab.close();
  return marks;
}

try {
  for (const side of sides) {
    const browser = await launchBrowser({ executablePath, port: server.port, extensionDir: side.built.dir });
    browsers.set(side, browser);
    // In the popup only: the moments the card and the clipping panel appear, exactly, from a mutation observer
    // installed before the popup's own scripts run.
    await browser.context.addInitScript(() => {
      if (location.protocol !== 'chrome-extension:' || location.pathname !== '/popup.html') return;
      const marks: Marks = {};
      (window as unknown as { popupMarks: Marks }).popupMarks = marks;
      new MutationObserver(() => {
        const card = document.querySelector('section.card');
        if (marks.card === undefined && card) {
          marks.card = performance.now();
          marks.kind = card.getAttribute('data-kind') ?? '';
        }
        if (marks.read === undefined && document.querySelector('section.clipping'))
          marks.read = performance.now();
      }).observe(document, { subtree: true, childList: true });
    });
  }
  // The first popup of a fresh browser is not counted. Interleaved, each side first in turn.
  for (let k = -1; k < RUNS; k++) {
    for (const [i, p] of pages.entries()) {
      for (const side of k % 2 ? [...sides].reverse() : sides) {
        const marks = await popupRun(side, p);
        const t = times.get(side)?.[i];
        if (k >= 0 && t && marks.card !== undefined) {
          t.card.push(marks.card);
          t.kinds.add(marks.kind ?? '');
          if (marks.read !== undefined) t.read.push(marks.read);
        }
      }
    }
  }
} finally {
  for (const browser of browsers.values()) await browser.close();
  await server.close();
  for (const side of sides) rmSync(side.built.dir, { recursive: true, force: true });
}

const out: string[] = [];
out.push(
  `Run ${new Date().toISOString()} · ${chromiumVersion} · load average ${loadBefore} → ${machineLoad()} · ` +
    `${((Date.now() - started) / 60_000).toFixed(1)} min. Clipmark built from ${ours.commit} (+ working tree), ` +
    `baseline ${base.commit}. ${RUNS} runs per page and side (after one uncounted), interleaved, ms from the ` +
    `popup's navigation start, p50 / max.\n`,
);
const ourTimes = times.get(sides[0]) ?? [];
const baseTimes = times.get(sides[1]) ?? [];
out.push(
  table(
    [
      'page',
      'card rendered',
      'baseline',
      'ratio p50',
      `p50 ≤ ${GOAL_P50_MS} ms`,
      'verdict',
      'article read (clipping panel)',
      'baseline',
    ],
    pages.map((p, i) => {
      const t = ourTimes[i] as (typeof ourTimes)[number];
      const b = baseTimes[i] as (typeof baseTimes)[number];
      const read = (x: typeof t) =>
        x.read.length > 0 ? `${ms(median(x.read))} / ${ms(max(x.read))}` : 'not read (not an article)';
      return [
        p.name,
        `**${ms(median(t.card))} / ${ms(max(t.card))}**`,
        `${ms(median(b.card))} / ${ms(max(b.card))}`,
        ratio(median(t.card), median(b.card)),
        median(t.card) <= GOAL_P50_MS ? '✅' : '❌',
        [...t.kinds].join(', '),
        read(t),
        read(b),
      ];
    }),
  ),
);
console.log(out.join('\n'));
