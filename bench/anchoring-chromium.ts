/**
 * The Chromium half of the anchoring benchmark: the generated page loaded for real, our anchoring + drawing,
 * the peer and the floor injected as one bundle. Every measured run is on a freshly loaded page, so our code
 * runs cold as the content script does at page load. Main-thread time = Chromium's own counters over the run
 * and the two frames after it (style, layout and paint of the highlights included), minus the same window on
 * an idle page: CPU time (ThreadTime), and wall time of tasks (TaskDuration), which other work on the machine
 * inflates.
 */

import type * as Run from './lib/anchoring-run';
import { type Accuracy, asSaved, type OursTiming, type QuoteSet } from './lib/anchoring-run';
import { type Extrapolated, extrapolate, peerSample, spread } from './lib/anchoring-sample';
import type { BenchPage, ScenarioId, Truth } from './lib/article-page';
import { bundleAnchoring, freshPage, mainThread, openChromium, servePages } from './lib/chromium-page';

interface PageGlobals {
  ClipmarkBench: typeof Run;
  __quotes: QuoteSet;
  __ranges: (Range | null)[];
}
type Approach = 'idle' | 'ours' | 'floor';

/** Per fresh page load: in-page JS time, and the main thread's task (wall) and CPU time over the run + 2 frames. */
export interface Measured {
  js: number[];
  task: number[];
  cpu: number[];
}
export interface ChromiumCount {
  count: number;
  ours: Measured & { phases: OursTiming[] };
  floor: Measured;
  idle: Measured;
  peer: Extrapolated;
}
export interface ChromiumScenario {
  counts: ChromiumCount[];
  accuracy: { ours: Accuracy; peer: Accuracy };
}
export interface ChromiumResult {
  version: string;
  /** As made in Chromium on the original page (compared with happy-dom's). */
  selectors: QuoteSet;
  scenarios: Partial<Record<ScenarioId, ChromiumScenario>>;
}

/** In the page: runs one approach on the stashed quotes, then lets two frames render. */
async function runInPage(approach: Approach): Promise<{ js: number; phases?: OursTiming }> {
  const w = window as unknown as PageGlobals;
  let result: { js: number; phases?: OursTiming } = { js: 0 };
  if (approach === 'ours') {
    const r = w.ClipmarkBench.runOurs(document, w.__quotes.ours, 'draw');
    w.__ranges = r.ranges;
    result = { js: r.ms.total, phases: r.ms };
  } else if (approach === 'floor') {
    result = { js: w.ClipmarkBench.runFloor(document, w.__quotes.peer).ms };
  }
  await new Promise((done) => requestAnimationFrame(done));
  await new Promise((done) => requestAnimationFrame(done));
  return result;
}

export async function runChromium(
  page: BenchPage,
  scenarios: readonly ScenarioId[],
  { reps = 5, counts = [1000, 200], peerSampleSize = 100 } = {},
): Promise<ChromiumResult> {
  const bundle = await bundleAnchoring();
  const pages: Record<string, string> = { '/original.html': page.original.html };
  for (const id of scenarios) pages[`/${id}.html`] = page.versions[id].html;
  const server = await servePages(pages);
  const { browser, tab, cdp, version: chromiumVersion } = await openChromium();
  const stash = (q: QuoteSet) =>
    tab.evaluate((quotes) => {
      (window as unknown as PageGlobals).__quotes = quotes;
    }, q);
  const accuracyInPage = (truth: Truth[]) =>
    tab.evaluate((t) => {
      const w = window as unknown as PageGlobals;
      return w.ClipmarkBench.score(document, t, w.__ranges);
    }, truth);
  try {
    // Selectors are made once, on the original page, as a user would have made them.
    await freshPage(tab, `${server.base}/original.html`, bundle);
    const truth0 = page.original.truth;
    const all: QuoteSet = asSaved(
      await tab.evaluate(
        (t) => (window as unknown as PageGlobals).ClipmarkBench.makeSelectors(document, t),
        truth0,
      ),
    );
    const subset = (ids: number[]): QuoteSet => ({
      ours: ids.map((i) => all.ours[i] as QuoteSet['ours'][number]),
      peer: ids.map((i) => all.peer[i] ?? { exact: '', prefix: '', suffix: '' }),
    });
    const allIds = truth0.map((_, i) => i);
    const result: ChromiumResult = { version: chromiumVersion, selectors: all, scenarios: {} };

    for (const id of scenarios) {
      const version = page.versions[id];
      const url = `${server.base}/${id}.html`;
      let oursAccuracy: Accuracy | undefined;
      const perCount: ChromiumCount[] = [];
      for (const count of counts) {
        const ids = spread(allIds, count);
        const row: ChromiumCount = {
          count,
          ours: { js: [], task: [], cpu: [], phases: [] },
          floor: { js: [], task: [], cpu: [] },
          idle: { js: [], task: [], cpu: [] },
          peer: extrapolate([], [], [], []),
        };
        for (let rep = 0; rep < reps; rep++) {
          // Interleaved, so load from other work on the machine falls on all three alike.
          for (const approach of ['idle', 'ours', 'floor'] as const) {
            await freshPage(tab, url, bundle);
            await stash(subset(ids));
            const before = await mainThread(cdp);
            const r = await tab.evaluate(runInPage, approach);
            const after = await mainThread(cdp);
            const m = row[approach];
            m.js.push(r.js);
            m.task.push(after.task - before.task);
            m.cpu.push(after.cpu - before.cpu);
            if (approach === 'ours') {
              if (r.phases) row.ours.phases.push(r.phases);
              if (count === allIds.length && !oursAccuracy)
                oursAccuracy = await accuracyInPage(ids.map((i) => version.truth[i] as Truth));
            }
          }
        }
        perCount.push(row);
      }
      // The peer, once per scenario on a stratified sample, drawing what it finds.
      const sample = peerSample(allIds, version.edited, peerSampleSize);
      await freshPage(tab, url, bundle);
      await stash(subset(sample));
      const peerRun = await tab.evaluate(() => {
        const w = window as unknown as PageGlobals;
        const r = w.ClipmarkBench.runPeer(document, w.__quotes.peer, true);
        w.__ranges = r.ranges;
        return r.perQuote;
      });
      const peerAccuracy = await accuracyInPage(sample.map((i) => version.truth[i] as Truth));
      for (const row of perCount)
        row.peer = extrapolate(spread(allIds, row.count), version.edited, sample, peerRun);
      result.scenarios[id] = {
        counts: perCount,
        accuracy: {
          ours: oursAccuracy ?? { n: 0, right: 0, partial: 0, wrong: 0, none: 0 },
          peer: peerAccuracy,
        },
      };
    }
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}
