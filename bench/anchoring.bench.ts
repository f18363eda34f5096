/**
 * Anchoring benchmark (issue #4): re-anchoring 1,000 saved highlights on a page with ~1 MB of text, ours beside
 * the npm package dom-anchor-text-quote (the peer) and a floor (the page's text read once + `indexOf` per quote),
 * in happy-dom and in Chromium, in one run. Prints Markdown for docs/benchmarks.md ("Anchoring").
 *
 *   node --expose-gc --import tsx bench/anchoring.bench.ts
 *   ONLY=chromium REPS=3 PEER_SAMPLE=20 node --expose-gc --import tsx bench/anchoring.bench.ts
 *
 * Env: QUOTES (1000), CHARS (1e6), REPS (5), PEER_SAMPLE_HAPPY (30), PEER_SAMPLE (50, Chromium), COUNTS
 * (1000,200: highlights per Chromium run), ONLY (happy-dom | chromium), LEGACY=1 (ours on highlights saved without
 * a raw position, as before 2026-12-05: the whole page indexed). Progress goes to stderr, the report to stdout.
 * --expose-gc lets happy-dom runs start from a collected heap.
 *
 * Ratios compare approaches measured side by side on one machine; they are not pass/fail tests.
 */
import { runChromium } from './anchoring-chromium';
import { runHappyDom } from './anchoring-happydom';
import type { Accuracy } from './lib/anchoring-run';
import { generatePage, type ScenarioId } from './lib/article-page';
import { machineLoad, max, median, ms, pct, ratio, table } from './lib/stats';

const QUOTES = Number(process.env.QUOTES ?? 1000);
const CHARS = Number(process.env.CHARS ?? 1_000_000);
const REPS = Number(process.env.REPS ?? 5);
const PEER_SAMPLE_HAPPY = Number(process.env.PEER_SAMPLE_HAPPY ?? 30);
const PEER_SAMPLE = Number(process.env.PEER_SAMPLE ?? 50);
const ONLY = process.env.ONLY; // 'happy-dom' | 'chromium'
const COUNTS = (process.env.COUNTS ?? '1000,200').split(',').map(Number); // highlights per Chromium run
const SCENARIOS: ScenarioId[] = ['exact', 'edited', 'inserted'];
const LABEL: Record<ScenarioId, string> = {
  exact: '(a) unchanged page',
  edited: '(b) 10 % edited',
  inserted: '(c) paragraph inserted near the top',
};

const accuracyCells = (a: Accuracy) =>
  `${pct(a.right, a.n)} right · ${pct(a.partial, a.n)} partial · ${pct(a.none, a.n)} null · **${a.wrong} wrong** (n=${a.n})`;
const out: string[] = [];
const say = (s = '') => {
  out.push(s);
  console.error(s); // progress as it comes; the whole report again on stdout at the end
};

const loadBefore = machineLoad();
const t0 = performance.now();
const page = generatePage({ chars: CHARS, quotes: QUOTES });
const editedCount = page.versions.edited.edited.filter(Boolean).length;
say(`Run ${new Date().toISOString()} · Node ${process.version} · load average at start ${loadBefore}`);
say(
  `Page: ${(page.original.html.length / 1e6).toFixed(2)} M characters of HTML, ${page.paragraphs} paragraphs; ` +
    `${QUOTES} quotes in reading order (40–300 characters; ${page.repeatedQuotes} are a stock sentence that occurs ` +
    `many times on the page); ${editedCount} edited in (b).`,
);

if (ONLY !== 'chromium') {
  const hd = await runHappyDom(page, SCENARIOS, { reps: REPS, peerSampleSize: PEER_SAMPLE_HAPPY });
  say(`\n### happy-dom (${(hd.textLength / 1e6).toFixed(2)} M characters of body text)\n`);
  const rows = SCENARIOS.map((id) => {
    const s = hd.scenarios[id];
    if (!s) return [LABEL[id]];
    const offsets = median(s.offsets.map((o) => o.total));
    const withRanges = s.withRanges.total;
    const floor = median(s.floor);
    return [
      LABEL[id],
      `${ms(median(s.offsets.map((o) => o.index)))} + ${ms(median(s.offsets.map((o) => o.anchor)))} = **${ms(offsets)}**`,
      `${ms(withRanges)} (Ranges ${ms(s.withRanges.ranges)})`,
      `${ms(floor)} (${s.floorFound} found)`,
      `${ms(s.peer.total)} (${s.peer.measured} measured; ${ms(s.peer.perExact)}/quote, edited ${ms(s.peer.perEdited)}/quote)`,
      ratio(offsets, floor),
      ratio(s.peer.total, offsets),
      ratio(s.peer.total, withRanges),
    ];
  });
  say(
    table(
      [
        `${QUOTES} quotes`,
        'ours: read page + anchorAll (p50)',
        'ours with DOM Ranges (1 run)',
        'floor (p50)',
        'peer (extrapolated)',
        'ours ÷ floor',
        'peer ÷ ours',
        'peer ÷ ours with Ranges',
      ],
      rows,
    ),
  );
  say('\nAccuracy (happy-dom):\n');
  say(
    table(
      ['scenario', 'ours', 'peer (its sample)'],
      SCENARIOS.map((id) => {
        const s = hd.scenarios[id];
        return s ? [LABEL[id], accuracyCells(s.accuracy.ours), accuracyCells(s.accuracy.peer)] : [LABEL[id]];
      }),
    ),
  );
  say(
    `\nPeer errors thrown (counted as null): ${SCENARIOS.map((id) => hd.scenarios[id]?.peerErrors ?? 0).join(' / ')}.`,
  );
  (globalThis as { happyDomSelectors?: unknown }).happyDomSelectors = hd.selectors;
}

if (ONLY !== 'happy-dom') {
  const cr = await runChromium(page, SCENARIOS, { reps: REPS, counts: COUNTS, peerSampleSize: PEER_SAMPLE });
  say(`\n### Chromium ${cr.version} (fresh page load per run; ${REPS} runs each, interleaved)\n`);
  const rows: string[][] = [];
  for (const id of SCENARIOS) {
    for (const c of cr.scenarios[id]?.counts ?? []) {
      // Main thread beyond an idle page's same window (the evaluate call and two empty frames).
      const over = (xs: number[], idle: number[]) => xs.map((x) => Math.max(0, x - median(idle)));
      const cpu = over(c.ours.cpu, c.idle.cpu);
      const floorCpu = median(over(c.floor.cpu, c.idle.cpu));
      const p = (k: 'index' | 'anchor' | 'ranges' | 'draw') => ms(median(c.ours.phases.map((x) => x[k])));
      const oursJs = median(c.ours.js);
      const target = c.count >= 1000 ? 50 : 16;
      rows.push([
        LABEL[id],
        String(c.count),
        `**${ms(median(cpu))}** (max ${ms(max(cpu))}) ${median(cpu) <= target ? '✅' : '❌'} ≤ ${target}`,
        ms(median(over(c.ours.task, c.idle.task))),
        `${p('index')} + ${p('anchor')} + ${p('ranges')} + ${p('draw')} = ${ms(oursJs)}`,
        `${ms(floorCpu)} (JS ${ms(median(c.floor.js))})`,
        `${ms(c.peer.total)} (${c.peer.measured} measured)`,
        ratio(median(cpu), floorCpu),
        ratio(c.peer.total, oursJs),
      ]);
    }
  }
  say(
    table(
      [
        'scenario',
        'highlights',
        'ours main-thread CPU p50, incl. render',
        'ours main-thread wall p50',
        'ours JS wall p50: read page + anchorAll + ranges + draw',
        'floor CPU p50',
        'peer JS wall (extrapolated)',
        'ours ÷ floor (CPU)',
        'peer ÷ ours (JS wall)',
      ],
      rows,
    ),
  );
  say(`\nAccuracy (Chromium, all ${QUOTES} highlights):\n`);
  say(
    table(
      ['scenario', 'ours', 'peer (its sample)'],
      SCENARIOS.map((id) => {
        const s = cr.scenarios[id];
        return s ? [LABEL[id], accuracyCells(s.accuracy.ours), accuracyCells(s.accuracy.peer)] : [LABEL[id]];
      }),
    ),
  );
  const hdSelectors = (globalThis as { happyDomSelectors?: unknown }).happyDomSelectors;
  if (hdSelectors) {
    const same = JSON.stringify(hdSelectors) === JSON.stringify(cr.selectors);
    say(
      `\nSelectors made in happy-dom and in Chromium on the original page are ${same ? 'identical' : '**different**'}.`,
    );
  }
}
say(`\nWall time ${ms(performance.now() - t0)}; load average at end ${machineLoad()}.`);
console.log(out.join('\n'));
