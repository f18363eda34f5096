/**
 * Cold start in real Chromium: IndexedDB read of the persisted index vs reading every record and rebuilding,
 * each in a fresh browser process (the proxy for a service worker that was stopped), plus database size.
 *
 *   npx tsx bench/search-idb.ts          # HIGHLIGHTS=100000 ARTICLES=5000 by default
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const HIGHLIGHTS = Number(process.env.HIGHLIGHTS ?? 100_000);
const ARTICLES = Number(process.env.ARTICLES ?? 5_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
// IndexedDB needs a real origin (not about:blank or data:), and navigator.storage a secure one; nothing is
// fetched: the route below answers this address.
const ORIGIN = 'https://clipmark.bench/';

interface Timing {
  read: number;
  restore: number;
  query: number;
  total: number;
  hits: number;
}
type Bench = {
  writeTables(h: number, a: number): Promise<void>;
  writeIndex(): Promise<{ buildMs: number; putMs: number }>;
  fromBlob(): Promise<Timing>;
  fromTables(): Promise<Timing>;
};

/** Bytes under the profile's IndexedDB folder (LevelDB files and the blob files large values go to). */
function dirSize(profile: string): number {
  const walk = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (sum, e) => sum + (e.isDirectory() ? walk(join(dir, e.name)) : statSync(join(dir, e.name)).size),
      0,
    );
  try {
    return walk(join(profile, 'Default', 'IndexedDB'));
  } catch {
    return 0;
  }
}

async function withPage<T>(
  profile: string,
  script: string,
  fn: (run: <R>(f: (b: Bench) => Promise<R>) => Promise<R>) => Promise<T>,
) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    await context.route(`${ORIGIN}**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><meta charset="utf-8"><script>${script}</script>`,
      }),
    );
    const page = await context.newPage();
    await page.goto(ORIGIN);
    return await fn((f) => page.evaluate(`(${f.toString()})(globalThis.searchBench)`) as never);
  } finally {
    await context.close();
  }
}

async function main() {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'search-idb-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    minify: true,
  });
  const script = (bundle.outputFiles[0]?.text ?? '').replace(/<\/script/gi, '<\\/script');
  const profile = mkdtempSync(join(tmpdir(), 'clipmark-idb-bench-'));
  try {
    const empty = dirSize(profile);
    await withPage(profile, script, (run) =>
      run(
        new Function('b', `return b.writeTables(${HIGHLIGHTS}, ${ARTICLES})`) as (b: Bench) => Promise<void>,
      ),
    );
    const tablesBytes = dirSize(profile) - empty;
    const written = await withPage(profile, script, (run) => run((b) => b.writeIndex()));
    const indexBytes = dirSize(profile) - empty - tablesBytes;
    const blob: Timing[] = [];
    const tables: Timing[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      blob.push(await withPage(profile, script, (run) => run((b) => b.fromBlob())));
      tables.push(await withPage(profile, script, (run) => run((b) => b.fromTables())));
    }
    const med = (xs: Timing[], k: keyof Timing) =>
      [...xs.map((x) => x[k])].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const row = (name: string, xs: Timing[]) =>
      `| ${name} | ${med(xs, 'read').toFixed(0)} ms | ${med(xs, 'restore').toFixed(0)} ms | ${med(xs, 'query').toFixed(1)} ms | ${med(xs, 'total').toFixed(0)} ms |`;
    const per10k = (bytes: number) => ((bytes / HIGHLIGHTS) * 10_000) / 1048576;
    console.log(
      [
        `Chromium ${chromium.name()} (headless, /usr/bin/chromium), ${HIGHLIGHTS.toLocaleString('en')} highlights on ${ARTICLES.toLocaleString('en')} pages; each cold start in a new browser process on the same profile; median of ${ROUNDS}.`,
        '',
        '| Cold start | Read from IndexedDB | Restore / build | First query | Total |',
        '| --- | --- | --- | --- | --- |',
        row('(A) persisted index: one record', blob),
        row('(B) read all highlights + pages, build', tables),
        '',
        `- On disk (the profile's IndexedDB folder after the browser closed): highlights + pages ${(tablesBytes / 1048576).toFixed(1)} MB ` +
          `= ${per10k(tablesBytes).toFixed(1)} MB per 10,000 highlights; the persisted index adds ${(indexBytes / 1048576).toFixed(1)} MB ` +
          `= ${per10k(indexBytes).toFixed(1)} MB per 10,000.`,
        `- Building the index from the tables (read + build) took ${written.buildMs.toFixed(0)} ms in the page; serializing and writing it ${written.putMs.toFixed(0)} ms.`,
      ].join('\n'),
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
