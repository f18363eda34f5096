/**
 * Export and import benchmark: every export format over a synthetic library of 10,000 highlights on 500
 * articles (tests/support/library-fixtures.ts, Vietnamese text), and the import of the JSON backup and of the W3C
 * file into fake-indexeddb — an in-memory IndexedDB in Node, not a browser, so import figures are an upper
 * bound on our code's cost plus fake-indexeddb's, not Chromium's. Prints Markdown for docs/benchmarks.md.
 *
 *   node --expose-gc --import tsx bench/export.bench.ts
 *   HIGHLIGHTS=20000 ARTICLES=1000 RUNS=3 node --expose-gc --import tsx bench/export.bench.ts
 */
import 'fake-indexeddb/auto';
import { cpus } from 'node:os';
import { ClipmarkDB } from '../entrypoints/background/database';
import { importBackup, importWebAnnotations } from '../entrypoints/background/export/import-file';
import { generateLibrary } from '../tests/support/library-fixtures';
import { serializeBackup, toBackup } from '../utils/export/backup';
import { selectionToBibtex, selectionToCslJson, selectionToRis } from '../utils/export/citations';
import { selectionToCsv } from '../utils/export/csv';
import { selectionToHtmlFiles } from '../utils/export/html';
import { selectionToMarkdown, selectionToMarkdownFiles } from '../utils/export/markdown';
import { selectionToWebAnnotations } from '../utils/export/web-annotation';

const HIGHLIGHTS = Number(process.env.HIGHLIGHTS ?? 10_000);
const ARTICLES = Number(process.env.ARTICLES ?? 500);
const RUNS = Number(process.env.RUNS ?? 7);
const IMPORT_RUNS = Number(process.env.IMPORT_RUNS ?? 3);

const gc = (globalThis as { gc?: () => void }).gc;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const mb = (n: number) => (n / 1048576).toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Wall and CPU milliseconds of one call; CPU time is the fairer figure on a shared, busy machine. */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  gc?.();
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const wall = performance.now() - t;
  const { user, system } = process.cpuUsage(c);
  return { value, wall, cpu: (user + system) / 1000 };
}

interface Row {
  name: string;
  wall: number[];
  cpu: number[];
  size: number;
  note: string;
}

async function measure(
  name: string,
  note: string,
  runs: number,
  fn: () => Promise<number> | number,
): Promise<Row> {
  const row: Row = { name, wall: [], cpu: [], size: 0, note };
  for (let i = 0; i < runs; i++) {
    const r = await timed(fn);
    row.wall.push(r.wall);
    row.cpu.push(r.cpu);
    row.size = r.value;
  }
  return row;
}

const lib = generateLibrary(HIGHLIGHTS, ARTICLES);
const total = (files: { content: string }[]) => files.reduce((n, f) => n + bytes(f.content), 0);
const FORMATS: [string, string, () => number][] = [
  ['Markdown, one file', '', () => bytes(selectionToMarkdown(lib))],
  ['Markdown, file per article', `${ARTICLES} files`, () => total(selectionToMarkdownFiles(lib))],
  ['CSV', '', () => bytes(selectionToCsv(lib))],
  ['JSON backup', '', () => bytes(serializeBackup(toBackup(lib, lib.trash, Date.now())))],
  ['W3C Web Annotation', '', () => bytes(selectionToWebAnnotations(lib))],
  ['BibTeX', `${ARTICLES} entries`, () => bytes(selectionToBibtex(lib))],
  ['RIS', `${ARTICLES} records`, () => bytes(selectionToRis(lib))],
  ['CSL-JSON', `${ARTICLES} items`, () => bytes(selectionToCslJson(lib))],
  ['HTML, page per article', `${ARTICLES} files, no saved text`, () => total(selectionToHtmlFiles(lib))],
];

const rows: Row[] = [];
for (const [name, note, fn] of FORMATS) {
  fn(); // warm-up: compile before measuring
  rows.push(await measure(name, note, RUNS, fn));
}

const backupText = serializeBackup(toBackup(lib, lib.trash, Date.now()));
const annotationText = selectionToWebAnnotations(lib);
const records = HIGHLIGHTS + ARTICLES + lib.tags.length;
const imports: [string, string, (db: ClipmarkDB) => Promise<unknown>][] = [
  [
    'Import JSON backup, empty library',
    `${records} records, one transaction`,
    (db) => importBackup(db, backupText),
  ],
  ['Import W3C file, empty library', '', (db) => importWebAnnotations(db, annotationText)],
];
for (const [name, note, run] of imports) {
  const row: Row = {
    name,
    wall: [],
    cpu: [],
    size: bytes(name.includes('W3C') ? annotationText : backupText),
    note,
  };
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const db = new ClipmarkDB(`bench-${i}-${Math.random()}`);
    await db.open();
    const r = await timed(() => run(db));
    row.wall.push(r.wall);
    row.cpu.push(r.cpu);
    if ((await db.highlights.count()) !== HIGHLIGHTS) throw new Error(`${name}: wrong count`);
    // Same file again: everything is compared and skipped.
    if (i === 0) {
      const again = await timed(() => run(db));
      rows.push({
        ...row,
        name: `${name.replace('empty library', 'again')} (all skipped)`,
        wall: [again.wall],
        cpu: [again.cpu],
      });
    }
    await db.delete();
  }
  rows.splice(rows.length - 1, 0, row);
}

const f0 = (x: number) => x.toFixed(0);
console.log(
  `${HIGHLIGHTS.toLocaleString('en')} highlights on ${ARTICLES} articles; ${cpus()[0]?.model ?? '?'}, Node ${process.version}; median of ${RUNS} runs (imports: ${IMPORT_RUNS}).`,
);
console.log(`Backup: ${(bytes(backupText) / HIGHLIGHTS).toFixed(0)} bytes per highlight.\n`);
console.log('| Operation | Median wall (ms) | Median CPU (ms) | Output / input | Notes |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const r of rows) {
  console.log(`| ${r.name} | ${f0(median(r.wall))} | ${f0(median(r.cpu))} | ${mb(r.size)} MB | ${r.note} |`);
}
