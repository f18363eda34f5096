/**
 * What a content script costs the page it runs on, read from Chromium through the DevTools protocol: a CPU
 * profile of one reload (self time of the script's own frames, and of everything they call), or a trace of one
 * reload (CPU time of the script's top-level evaluation, compile included, and of every task it ran in).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

/** The parts of a `Profiler.Profile` read here. */
interface Profile {
  nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileCost {
  /** Self time of frames whose URL is the script (the DEVELOPERS rule's measure), ms. */
  self: number;
  /** Self time of those frames and of everything under them (DOM and extension APIs they call, GC), ms. */
  inclusive: number;
}

/** Sums sample time per profile node (a sample lasts until the next one) and attributes it to `url`. */
export function costOf(profile: Profile, url: string): ProfileCost {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const selfUs = new Map<number, number>();
  for (let k = 0; k + 1 < samples.length; k++) {
    const id = samples[k] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[k + 1] ?? 0));
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const children = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  let self = 0;
  let inclusive = 0;
  const walk = (id: number, under: boolean) => {
    const node = byId.get(id);
    if (!node) return;
    const mine = node.callFrame.url === url;
    const t = selfUs.get(id) ?? 0;
    if (mine) self += t;
    if (mine || under) inclusive += t;
    for (const c of node.children ?? []) walk(c, mine || under);
  };
  for (const n of profile.nodes) if (!children.has(n.id)) walk(n.id, false);
  return { self: self / 1000, inclusive: inclusive / 1000 };
}

/** Reloads `page` under the sampling profiler (100 µs) until `settled` resolves; returns the profile. */
export async function profiledReload(
  page: Page,
  cdp: CDPSession,
  settled: () => Promise<void>,
): Promise<Profile> {
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.reload({ waitUntil: 'load' });
  await settled();
  const { profile } = await cdp.send('Profiler.stop');
  return profile as Profile;
}

export interface TraceCost {
  /** The script's top level: `v8.compile` + `v8.run` of its URL, CPU (thread) time, ms. */
  evaluateCpu: number;
  /** Of which compiling, CPU ms. */
  compileCpu: number;
  /**
   * Every main-thread task or microtask checkpoint in which the script's world was entered (top level, message
   * replies, listeners, observers), whole — style or layout it forced included: CPU and wall ms.
   */
  tasksCpu: number;
  tasksWall: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  args?: { data?: { url?: string }; fileName?: string; worldName?: string };
}

/** Reloads `page` under a trace and sums the main-thread time of the script `url` (see `TraceCost`). */
export async function tracedReload(
  page: Page,
  cdp: CDPSession,
  url: string,
  settled: () => Promise<void>,
): Promise<TraceCost> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    // Not devtools.timeline: its per-call events (one per TreeWalker filter call) would add to what is measured.
    traceConfig: { includedCategories: ['toplevel', 'v8.execute', 'v8'] },
    transferMode: 'ReportEvents',
  });
  await page.reload({ waitUntil: 'load' });
  await settled();
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);

  const run = events.find((e) => e.name === 'v8.run' && e.args?.fileName === url);
  const compile = events.filter((e) => e.name === 'v8.compile' && e.args?.data?.url === url);
  const world = run?.args?.worldName;
  const main = events.filter((e) => e.ph === 'X' && e.tid === run?.tid).sort((x, y) => x.ts - y.ts);
  const ours = main.filter(
    (e) =>
      e === run ||
      compile.includes(e) ||
      ((e.name === 'v8.run' || e.name === 'v8.callFunction') && world && e.args?.worldName === world),
  );
  // Outermost tasks and microtask checkpoints (a message reply's continuation runs in one of its own) that
  // contain an entry into the script's world.
  let end = -1;
  const tasks = main.filter((e) => {
    if ((e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunMicrotasks') || e.ts < end)
      return false;
    end = e.ts + (e.dur ?? 0);
    return ours.some((o) => o.ts >= e.ts && o.ts < end);
  });
  const sum = (xs: TraceEvent[], k: 'dur' | 'tdur') => xs.reduce((t, e) => t + (e[k] ?? 0), 0) / 1000;
  return {
    evaluateCpu: sum(compile, 'tdur') + sum(run ? [run] : [], 'tdur'),
    compileCpu: sum(compile, 'tdur'),
    tasksCpu: sum(tasks, 'tdur'),
    tasksWall: sum(tasks, 'dur'),
  };
}

/**
 * A minimal MV3 extension whose content script only calls `console.debug('x')`, at `document_idle` on every
 * page like ours. The empty service worker is there because the harness waits for one; it does not touch pages.
 */
export function baselineExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clipmark-baseline-ext-'));
  const manifest = {
    manifest_version: 3,
    name: 'baseline',
    version: '1.0.0',
    background: { service_worker: 'background.js' },
    content_scripts: [
      { matches: ['http://*/*', 'https://*/*'], run_at: 'document_idle', js: ['content.js'] },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), '');
  writeFileSync(join(dir, 'content.js'), "console.debug('x');\n");
  return dir;
}

/**
 * The same trivial script as a WXT 0.21 content script (`main() { console.debug('x') }`), built with the
 * project's WXT in a temporary project, so WXT's own start-up (its content-script context) is measured too.
 * Returns the project directory; the extension is in `.output/chrome-mv3` under it.
 */
export function wxtBaselineExtension(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'clipmark-wxt-baseline-'));
  mkdirSync(join(dir, 'entrypoints'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'wxt-baseline', version: '1.0.0', type: 'module' }),
  );
  writeFileSync(
    join(dir, 'entrypoints/content.ts'),
    "import { defineContentScript } from 'wxt/utils/define-content-script';\n" +
      "export default defineContentScript({ matches: ['http://*/*', 'https://*/*'], runAt: 'document_idle', " +
      "main() { console.debug('x'); } });\n",
  );
  // The harness waits for a service worker.
  writeFileSync(
    join(dir, 'entrypoints/background/index.ts'),
    "import { defineBackground } from 'wxt/utils/define-background';\nexport default defineBackground(() => {});\n",
  );
  // No wxt.config.ts: loading one would write a jiti cache into the project's node_modules.
  execFileSync(join(root, 'node_modules/.bin/wxt'), ['build'], { cwd: dir, stdio: 'ignore' });
  return dir;
}
