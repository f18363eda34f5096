/**
 * Cold start in real Chromium: IndexedDB read of the saved index — the v1 form (before, bench/lib) beside the
 * current v2 form and the search service's own path — vs reading every record and rebuilding, each in a fresh
 * browser process (the proxy for a service worker that was stopped); the popup's data for one page; database
 * size. Rounds interleave the approaches, so a busy machine slows them alike.
 *
 *   npx tsx bench/search-idb.ts          # HIGHLIGHTS=100000 ARTICLES=5000 ROUNDS=5 by default
 *   REBUILD=0 npx tsx bench/search-idb.ts  # skip (B), the slow rebuild from the records
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { searchBenchScript } from './lib/search-page-script';
import { generateCorpus } from './search-data';

const HIGHLIGHTS = Number(process.env.HIGHLIGHTS ?? 100_000);
const ARTICLES = Number(process.env.ARTICLES ?? 5_000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const REBUILD = process.env.REBUILD !== '0';
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
interface PageData {
  cold: number;
  warm: number;
  count: number;
}
type Bench = {
  writeTables(h: number, a: number): Promise<void>;
  writeIndex(): Promise<{ buildMs: number; putMs: number; v1Bytes: number; v2Bytes: number }>;
  fromV1(): Promise<Timing>;
  fromV2(): Promise<Timing>;
  fromService(): Promise<Timing>;
  fromTables(): Promise<Timing>;
  pageData(url: string): Promise<PageData>;
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
  const script = (await searchBenchScript()).replace(/<\/script/gi, '<\\/script');
  const profile = mkdtempSync(join(tmpdir(), 'clipmark-idb-bench-'));
  try {
    const empty = dirSize(profile);
    await withPage(profile, script, (run) =>
      run(
        new Function('b', `return b.writeTables(${HIGHLIGHTS}, ${ARTICLES})`) as (b: Bench) => Promise<void>,
      ),
    );
    const tablesBytes = dirSize(profile) - empty;
    // The service saves into the extension's database; the side database holds both forms for (A) and (A2).
    const before = dirSize(profile);
    const written = await withPage(profile, script, (run) => run((b) => b.writeIndex()));
    const indexBytes = dirSize(profile) - before;
    const pageUrl = generateCorpus(HIGHLIGHTS, ARTICLES)[0]?.url ?? '';
    const rows = { v1: [] as Timing[], v2: [] as Timing[], service: [] as Timing[], tables: [] as Timing[] };
    const pages: PageData[] = [];
    const loads: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      loads.push(loadavg()[0] ?? 0);
      rows.v1.push(await withPage(profile, script, (run) => run((b) => b.fromV1())));
      rows.v2.push(await withPage(profile, script, (run) => run((b) => b.fromV2())));
      rows.service.push(await withPage(profile, script, (run) => run((b) => b.fromService())));
      pages.push(
        await withPage(profile, script, (run) =>
          run(
            new Function('b', `return b.pageData(${JSON.stringify(pageUrl)})`) as (
              b: Bench,
            ) => Promise<PageData>,
          ),
        ),
      );
      if (REBUILD) rows.tables.push(await withPage(profile, script, (run) => run((b) => b.fromTables())));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const med = (xs: Timing[], k: keyof Timing) => median(xs.map((x) => x[k]));
    const row = (name: string, xs: Timing[], joined = false) =>
      joined
        ? `| ${name} | ${med(xs, 'read').toFixed(0)} ms (read + restore) | — | ${med(xs, 'query').toFixed(1)} ms | **${med(xs, 'total').toFixed(0)} ms** | ${xs.map((x) => x.total.toFixed(0)).join(', ')} |`
        : `| ${name} | ${med(xs, 'read').toFixed(0)} ms | ${med(xs, 'restore').toFixed(0)} ms | ${med(xs, 'query').toFixed(1)} ms | **${med(xs, 'total').toFixed(0)} ms** | ${xs.map((x) => x.total.toFixed(0)).join(', ')} |`;
    const per10k = (bytes: number) => ((bytes / HIGHLIGHTS) * 10_000) / 1048576;
    const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
    const hits = [...rows.v1, ...rows.v2, ...rows.service].map((x) => x.hits);
    console.log(
      [
        `Chromium (headless, /usr/bin/chromium), ${HIGHLIGHTS.toLocaleString('en')} highlights on ${ARTICLES.toLocaleString('en')} pages; each cold start in a new browser process on the same profile; median of ${ROUNDS}, rounds interleaved; load average ${loads.map((l) => l.toFixed(1)).join(', ')}.`,
        '',
        '| Cold start | Read from IndexedDB | Restore / build | First query | Total | Each round |',
        '| --- | ---: | ---: | ---: | ---: | --- |',
        row(`(A) saved index v1 (before): one record, ${mb(written.v1Bytes)} MB`, rows.v1),
        row(`(A2) saved index v2 (after): one record, ${mb(written.v2Bytes)} MB`, rows.v2),
        row('(C) the search service (v2): open, fingerprint, read, restore', rows.service, true),
        ...(REBUILD ? [row('(B) read all highlights + pages, build', rows.tables)] : []),
        '',
        `- First-query matches: ${[...new Set(hits)].join(', ')} (the same in every row).`,
        `- The popup's data for one page (\`highlight.listForPage\`, ${pages[0]?.count ?? 0} highlights, ${HIGHLIGHTS.toLocaleString('en')} stored): ` +
          `median ${median(pages.map((p) => p.cold)).toFixed(1)} ms in a fresh browser process (opening the database included), ` +
          `${median(pages.map((p) => p.warm)).toFixed(1)} ms when asked again (each round: ${pages.map((p) => `${p.cold.toFixed(0)}/${p.warm.toFixed(1)}`).join(', ')}).`,
        `- On disk (the profile's IndexedDB folder after the browser closed): highlights + pages ${mb(tablesBytes)} MB ` +
          `= ${per10k(tablesBytes).toFixed(1)} MB per 10,000 highlights; the saved indexes (v2 in the extension's database, v1 and v2 beside it) add ${mb(indexBytes)} MB.`,
        `- Building the index from the tables (read + build, through the search service) took ${written.buildMs.toFixed(0)} ms in the page; serializing and writing it ${written.putMs.toFixed(0)} ms.`,
      ].join('\n'),
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
