/**
 * Where the content script's time goes at page load: the same new-tab loads as bench/content-load.ts, Clipmark
 * only, with the self time of the extension's frames summed by function (script, name, line) over the loads.
 * Counted as samples × the profile's median interval, so that waits for a CPU on a busy machine (which fall on
 * the sample before them) are left out. A diagnostic for issue #17, not a figure for docs/benchmarks.md.
 *
 *   npx wxt build && node --import tsx bench/content-profile.ts                   # baonamdinh article, 20 highlights
 *   PAGE=baonamdinh-home HIGHLIGHTS=0 LOADS=8 node --import tsx bench/content-profile.ts
 */
import type { Page } from 'playwright-core';
import { launchBrowser, loadFixtures, startPageServer } from '../scripts/browser-harness.mjs';
import { benchChromium, copyOfBuiltExtension } from './lib/built-extension';
import { newTabLoad } from './lib/extension-profile';
import { seedHighlights, waitForDrawn } from './lib/seed-highlights';
import { median } from './lib/stats';

const SLUG = process.env.PAGE ?? 'baonamdinh-article';
const HIGHLIGHTS = Number(process.env.HIGHLIGHTS ?? 20);
const LOADS = Number(process.env.LOADS ?? 6);
const TOP = Number(process.env.TOP ?? 30);

const fixture = loadFixtures().find((f) => f.slug === SLUG);
if (!fixture) throw new Error(`no fixture ${SLUG}`);
const { executablePath } = benchChromium();
const { dir } = copyOfBuiltExtension();
const server = await startPageServer();
const browser = await launchBrowser({ executablePath, port: server.port, extensionDir: dir });
const origin = `chrome-extension://${browser.extensionId}/`;

interface Node {
  id: number;
  callFrame: { url: string; functionName: string; lineNumber: number; columnNumber: number };
}
const totals = new Map<string, number>();
let all = 0;
try {
  if (HIGHLIGHTS > 0) {
    const tab = await browser.context.newPage();
    await tab.goto(fixture.url, { waitUntil: 'load' });
    await seedHighlights(browser.context, tab, HIGHLIGHTS);
    await tab.close();
  }
  const settled = async (tab: Page) => {
    if (HIGHLIGHTS > 0) await waitForDrawn(tab, HIGHLIGHTS);
    await tab.waitForTimeout(1500);
  };
  await newTabLoad(browser.context, fixture.url, settled); // uncounted
  for (let k = 0; k < LOADS; k++) {
    const { profile } = await newTabLoad(browser.context, fixture.url, settled);
    if (!profile) continue;
    const nodes = new Map((profile.nodes as Node[]).map((n) => [n.id, n]));
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    const interval = median(deltas.slice(1));
    for (let i = 0; i + 1 < samples.length; i++) {
      const node = nodes.get(samples[i] as number);
      if (!node?.callFrame.url.startsWith(origin)) continue;
      const { url, functionName, lineNumber, columnNumber } = node.callFrame;
      const key = `${url.slice(origin.length)} ${functionName || '(anonymous)'} ${lineNumber + 1}:${columnNumber + 1}`;
      const us = interval;
      totals.set(key, (totals.get(key) ?? 0) + us);
      all += us;
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(
  `${SLUG}, ${HIGHLIGHTS} highlights, ${LOADS} new-tab loads: ${(all / 1000 / LOADS).toFixed(1)} ms a load`,
);
for (const [key, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, TOP))
  console.log(`${(us / 1000 / LOADS).toFixed(2).padStart(7)} ms  ${key}`);
