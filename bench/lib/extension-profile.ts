/**
 * What a content script costs the page it runs on, read from Chromium through the DevTools protocol: a CPU
 * profile of one page load — in a new tab, or a reload of the same tab — and the self time of the script's own
 * frames in it.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { median } from './stats';

/** The parts of a `Profiler.Profile` read here. */
interface Profile {
  nodes: { id: number; callFrame: { url: string } }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileCost {
  /** Self time of frames whose URL starts with the given one (the DEVELOPERS rule's measure), ms. */
  self: number;
  /**
   * The samples in those frames times the profile's median interval between samples, ms. `self` counts a
   * sample until the next one, so when the thread or the sampler waits for a CPU (other work on the machine)
   * the whole wait falls on the frame sampled before it; this leaves such waits out.
   */
  counted: number;
}

/**
 * Sums sample time (a sample lasts until the next one) and samples of the nodes whose frame's URL starts with
 * `url`: one script's address, or an extension's origin (`chrome-extension://<id>/`) for every script it runs in
 * the page — its content script and whatever it injects later.
 */
export function costOf(profile: Profile, url: string): ProfileCost {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const mine = new Set(profile.nodes.filter((n) => n.callFrame.url.startsWith(url)).map((n) => n.id));
  let selfUs = 0;
  let count = 0;
  for (let k = 0; k + 1 < samples.length; k++) {
    if (!mine.has(samples[k] as number)) continue;
    selfUs += deltas[k + 1] ?? 0;
    count++;
  }
  return { self: selfUs / 1000, counted: count === 0 ? 0 : (count * median(deltas.slice(1))) / 1000 };
}

/** Profiles with the sampling profiler (every 100 µs) while `work` runs; returns the profile. */
async function profiled(cdp: CDPSession, work: () => Promise<void>): Promise<Profile> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await work();
  const { profile } = await cdp.send('Profiler.stop');
  return profile as Profile;
}

/** Reloads `page` under the profiler, from the reload until `settled` resolves. */
export function profiledReload(
  page: Page,
  cdp: CDPSession,
  settled: (page: Page) => Promise<void>,
): Promise<Profile> {
  return profiled(cdp, async () => {
    await page.reload({ waitUntil: 'load' });
    await settled(page);
  });
}

export interface NewTabLoad {
  /** From the navigation until `settled` resolved; null when not profiled. */
  profile: Profile | null;
  /**
   * The V8 isolate the page ran in (`Runtime.getIsolateId`): one per renderer process's main thread, so two
   * loads with the same id shared a renderer (and its in-memory compilation cache).
   */
  renderer: string;
  /**
   * JS heap of that isolate (every world in it: the page's, the extensions') after a full GC at the end, bytes
   * (`Runtime.getHeapUsage`); null when profiled (the profiler makes V8 keep source positions for all code).
   */
  heapUsed: number | null;
}

/**
 * Opens `url` in a new tab, as a reader opens a link: a new tab (a new renderer, checked by the caller through
 * `renderer`), then the navigation; until `settled` resolves. Either under the profiler from the navigation on,
 * or not, and then a full GC and the heap in use. The tab is closed.
 */
export async function newTabLoad(
  context: BrowserContext,
  url: string,
  settled: (page: Page) => Promise<void>,
  { profiling = true } = {},
): Promise<NewTabLoad> {
  const tab = await context.newPage();
  try {
    const cdp = await context.newCDPSession(tab);
    const blank = await isolateOf(cdp);
    const load = async () => {
      await tab.goto(url, { waitUntil: 'load' });
      await settled(tab);
    };
    const profile = profiling ? await profiled(cdp, load) : await load().then(() => null);
    const renderer = await isolateOf(cdp);
    // A process swap at the navigation would leave the profile's start behind in the blank tab's renderer.
    if (renderer !== blank) throw new Error(`${url}: the navigation left the new tab's renderer`);
    if (profiling) return { profile, renderer, heapUsed: null };
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return { profile, renderer, heapUsed: usedSize };
  } finally {
    await tab.close();
  }
}

const isolateOf = async (cdp: CDPSession) => (await cdp.send('Runtime.getIsolateId')).id;
