/**
 * Popup opened → article card rendered (issue #17: p50 ≤ 150 ms), on the 1 MB bench article
 * (bench/lib/article-page.ts) and on the baonamdinh article. Each run opens the page in a new tab, waits 2 s
 * after `load` (the reader has started reading; whatever the content script does at idle is done), then opens
 * the popup about that tab (`popup.html?tab=<id>`, as a page: a toolbar button cannot be clicked when headless)
 * and times, from the popup's navigation start, when the article card (components/ArticleCard.tsx) is in the
 * DOM with its verdict (`section.card`, `data-kind` "article" or "page": the 1 MB bench article has none of the
 * metadata news sites carry, and Clipmark does not take it for an article), and, where the popup then reads the
 * article (a page taken for an article), when it has been read (its clipping panel, `section.clipping`).
 * Prints Markdown.
 *
 *   node --import tsx bench/popup-card.ts            # builds .output/chrome-mv3 first if it is missing
 *   RUNS=3 node --import tsx bench/popup-card.ts     # a smoke run
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
import { benchChromium, copyOfBuiltExtension } from './lib/built-extension';
import { machineLoad, max, median, ms, table } from './lib/stats';

const RUNS = Number(process.env.RUNS ?? 10);
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

const { dir: extensionDir, commit } = copyOfBuiltExtension();
const loadBefore = machineLoad();
const started = Date.now();
const server = await startPageServer();
for (const p of pages) if (p.body) server.setPage(p.url, p.body);
const browser = await launchBrowser({ executablePath, port: server.port, extensionDir });
const times = pages.map(() => ({ card: [] as number[], read: [] as number[], kinds: new Set<string>() }));
try {
  const { context, extensionId } = browser;
  // In the popup only: the moments the card and the clipping panel appear, exactly, from a mutation observer
  // installed before the popup's own scripts run.
  await context.addInitScript(() => {
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
  // The first popup of a fresh browser is not counted.
  for (let k = -1; k < RUNS; k++) {
    for (const [i, p] of pages.entries()) {
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
      const t = times[i];
      if (k >= 0 && t && marks.card !== undefined) {
        t.card.push(marks.card);
        t.kinds.add(marks.kind ?? '');
        if (marks.read !== undefined) t.read.push(marks.read);
      }
      await popup.close();
      await tab.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(extensionDir, { recursive: true, force: true });
}

const out: string[] = [];
out.push(
  `Run ${new Date().toISOString()} · ${chromiumVersion} · load average ${loadBefore} → ${machineLoad()} · ` +
    `${((Date.now() - started) / 60_000).toFixed(1)} min. Clipmark built from ${commit} (+ working tree). ` +
    `${RUNS} runs per page (after one uncounted), ms from the popup's navigation start, p50 / max.\n`,
);
out.push(
  table(
    ['page', 'card rendered', `p50 ≤ ${GOAL_P50_MS} ms`, 'verdict', 'article read (clipping panel)'],
    pages.map((p, i) => {
      const t = times[i] as (typeof times)[number];
      return [
        p.name,
        `**${ms(median(t.card))} / ${ms(max(t.card))}**`,
        median(t.card) <= GOAL_P50_MS ? '✅' : '❌',
        [...t.kinds].join(', '),
        t.read.length > 0 ? `${ms(median(t.read))} / ${ms(max(t.read))}` : 'not read (not an article)',
      ];
    }),
  ),
);
console.log(out.join('\n'));
