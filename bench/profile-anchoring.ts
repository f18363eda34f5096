/**
 * Where the time of one cold re-anchoring goes, in Chromium: a CPU profile (100 µs sampling) of `runOurs` on a
 * freshly loaded benchmark page, self time summed by function. A tool for finding what to speed up next, not a
 * benchmark: the profiler itself slows the code down.
 *
 *   npx tsx bench/profile-anchoring.ts          # SCENARIO=exact|edited|inserted COUNT=200 RUNS=3
 */
import { asSaved, type QuoteSet } from './lib/anchoring-run';
import { spread } from './lib/anchoring-sample';
import { generatePage, type ScenarioId } from './lib/article-page';
import { bundleAnchoring, freshPage, openChromium, servePages } from './lib/chromium-page';

const SCENARIO = (process.env.SCENARIO ?? 'exact') as ScenarioId;
const COUNT = Number(process.env.COUNT ?? 200);
const RUNS = Number(process.env.RUNS ?? 3);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

const page = generatePage();
const bundle = await bundleAnchoring({ minify: false });
const server = await servePages({
  '/original.html': page.original.html,
  '/v.html': page.versions[SCENARIO].html,
});
const { browser, tab, cdp } = await openChromium();
try {
  await freshPage(tab, `${server.base}/original.html`, bundle);
  const all = asSaved(
    await tab.evaluate(
      (t) =>
        (
          window as never as {
            ClipmarkBench: { makeSelectors: (d: Document, t: unknown) => QuoteSet };
          }
        ).ClipmarkBench.makeSelectors(document, t),
      page.original.truth,
    ),
  );
  const ids = spread(
    all.ours.map((_, i) => i),
    COUNT,
  );
  const quotes = ids.map((i) => all.ours[i]);
  const self = new Map<string, number>();
  let total = 0;
  for (let run = 0; run < RUNS; run++) {
    await freshPage(tab, `${server.base}/v.html`, bundle);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const ms = await tab.evaluate(
      (q) =>
        (
          window as never as {
            ClipmarkBench: { runOurs: (d: Document, q: unknown, u: string) => { ms: unknown } };
          }
        ).ClipmarkBench.runOurs(document, q, 'draw').ms,
      quotes,
    );
    const { profile } = await cdp.send('Profiler.stop');
    console.log(`run ${run + 1}:`, JSON.stringify(ms));
    const dt = profile.timeDeltas ?? [];
    const byNode = new Map<number, number>();
    const samples = profile.samples ?? [];
    // A sample lasts until the next one (as bench/lib/extension-profile.ts counts them).
    for (let k = 0; k + 1 < samples.length; k++) {
      const n = samples[k] as number;
      byNode.set(n, (byNode.get(n) ?? 0) + (dt[k + 1] ?? 0) / 1000);
    }
    for (const node of profile.nodes as ProfileNode[]) {
      const t = byNode.get(node.id) ?? 0;
      const f = node.callFrame;
      if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
      const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}` : ''}`;
      self.set(key, (self.get(key) ?? 0) + t);
      total += t;
    }
  }
  console.log(
    `\nself time, ms per run (${SCENARIO}, ${COUNT} highlights, ${RUNS} runs; ${(total / RUNS).toFixed(1)} ms sampled per run)`,
  );
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(v / RUNS).toFixed(2).padStart(8)}  ${k}`);
} finally {
  await browser.close();
  await server.close();
}
