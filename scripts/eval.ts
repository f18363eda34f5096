/**
 * `npx tsx scripts/eval.ts <folder>… [--list]`: article detection and extraction over folders of pages,
 * ours beside bare Readability (`isProbablyReaderable` + `parse()`): detection precision and recall, body
 * token F1 against the expected text, metadata accuracy, and the checks our own fixtures list.
 *
 * A folder may be (or contain, up to three levels down) any of these layouts:
 * - our fixtures: `<slug>/{source.html, expected.json}` (tests/fixtures/pages);
 * - Readability's test pages: `<slug>/{source.html, expected.html, expected-metadata.json}`;
 * - the Article Extraction Benchmark: `html/<id>.html` + `ground-truth.json`;
 * - reference pages: `<name>.html` + `<name>.expected.json` (../shared/fixtures/baonamdinh).
 * `--list` prints every page whose detection disagrees with its label, with the reasons.
 * The corpus is evaluation material only: nothing here is copied into the project.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { parsePage } from '../tests/support/page-window';
import { sameInstant } from '../utils/article/dates';
import { describeDetection, detectArticle } from '../utils/article/detect';
import { extractArticle } from '../utils/article/extract';
import { readMetadata } from '../utils/article/metadata';
import { blockText, cleanText, tokens } from '../utils/article/text';

/** What a correct extraction gives, as far as a page's source says. */
export interface Expected {
  title?: string;
  byline?: string;
  published?: string;
  siteName?: string;
  lang?: string;
  lead?: string;
  bodyMustContain?: string[];
  mustNotContain?: string[];
  captionAppearsAtMostOnce?: string;
}

export interface EvalPage {
  corpus: 'fixtures' | 'reference' | 'readability' | 'aeb';
  /**
   * What the tables group by: the corpus, and for our fixtures their set (`fixtures/tuning`: pages the finders
   * were built on; `fixtures/reporting`: pages written after them, to measure what generalises).
   */
  group: string;
  id: string;
  url: string;
  file: string;
  /** Human label "is one article"; null = left out of precision/recall (see READABILITY_LABELS). */
  label: boolean | null;
  /** Body text to score token F1 against. */
  expectedText?: () => Promise<string>;
  expected?: Expected;
}

/**
 * Labels for Readability's test pages (its `readerable` flag is its pre-check's answer, not a human one).
 * Article = one dated or bylined piece of journalism or commentary meant to be read through: news, feature,
 * review, opinion, blog post, how-to. Not an article: documentation, specifications, book chapters,
 * encyclopedia entries, product pages. Left out (null): Readability's synthetic unit-test snippets (a few
 * lines of lorem ipsum built to exercise one cleaning rule) and fiction or literary texts, which a news
 * reader's notion of "article" does not settle. Pages not listed here are articles.
 */
export const READABILITY_LABELS: Record<string, false | null> = {
  'google-sre-book-1': false,
  'ietf-1': false,
  mercurial: false,
  'mozilla-1': false,
  wikipedia: false,
  'wikipedia-2': false,
  'wikipedia-4': false,
  'archive-of-our-own': null,
  'clean-links': null,
  hukumusume: null,
  'royal-road': null,
};
const SYNTHETIC =
  /^(?:00[345]-|base-url|basic-tags|comment-inside|data-url-image|dev418|embedded-videos|hidden-nodes|invalid-attributes|js-link|lazy-image-3|metadata-content|missing-paragraphs|normalize-spaces|ol$|parsely-metadata|remove-|reordering|replace-|rtl-|social-buttons|style-tags|svg-parsing|title-and-h1|title-en-dash|visibility-hidden)/;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The address a saved page was served at, as far as it says (canonical, og:url, JSON-LD url), else a placeholder. */
function declaredUrl(html: string): string {
  const canonical = /<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']/i.exec(html)?.[1];
  const og = /<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']/i.exec(html)?.[1];
  const ld = /<script[^>]+ld\+json[^>]*>[^<]*?"url"\s*:\s*"(https?:[^"]+)"/i
    .exec(html)?.[1]
    ?.replace(/\\\//g, '/');
  for (const candidate of [canonical, og, ld]) {
    if (candidate && /^https?:\/\//.test(candidate)) return candidate.replace(/&amp;/g, '&');
  }
  return 'http://fakehost/test/page.html';
}

async function htmlToText(html: string, url: string): Promise<string> {
  const { window, document } = parsePage(html, url);
  const text = blockText(document.body);
  await window.happyDOM.close();
  return text;
}

/** One page folder of our fixtures or of Readability's test pages, or null when `dir` is neither. */
function loadPageFolder(dir: string, name: string): EvalPage | null {
  const file = join(dir, 'source.html');
  if (!existsSync(file)) return null;
  if (existsSync(join(dir, 'expected.json'))) {
    const expected = readJson<Expected & { url: string; isArticle: boolean; set?: string }>(
      join(dir, 'expected.json'),
    );
    return {
      corpus: 'fixtures',
      group: `fixtures/${expected.set ?? 'unsorted'}`,
      id: name,
      url: expected.url,
      file,
      label: expected.isArticle,
      expected,
    };
  }
  if (!existsSync(join(dir, 'expected-metadata.json'))) return null;
  const meta = readJson<{
    title?: string;
    byline?: string;
    lang?: string;
    siteName?: string;
    publishedTime?: string;
  }>(join(dir, 'expected-metadata.json'));
  const url = declaredUrl(readFileSync(file, 'utf8'));
  const label = SYNTHETIC.test(name)
    ? null
    : name in READABILITY_LABELS
      ? (READABILITY_LABELS[name] ?? null)
      : true;
  return {
    corpus: 'readability',
    group: 'readability',
    id: name,
    url,
    file,
    label,
    expectedText: () => htmlToText(readFileSync(join(dir, 'expected.html'), 'utf8'), url),
    expected: {
      title: meta.title ?? undefined,
      byline: meta.byline ?? undefined,
      lang: meta.lang ?? undefined,
      siteName: meta.siteName ?? undefined,
      published: meta.publishedTime ?? undefined,
    },
  };
}

function loadFolder(dir: string, depth: number, out: EvalPage[]): void {
  const single = loadPageFolder(dir, basename(dir));
  if (single) {
    out.push(single);
    return;
  }
  const entries = readdirSync(dir);
  if (entries.includes('ground-truth.json') && entries.includes('html')) {
    const truth = readJson<Record<string, { articleBody: string; url: string }>>(
      join(dir, 'ground-truth.json'),
    );
    for (const [id, { articleBody, url }] of Object.entries(truth)) {
      const file = join(dir, 'html', `${id}.html`);
      if (existsSync(file))
        out.push({
          corpus: 'aeb',
          group: 'aeb',
          id,
          url,
          file,
          label: true,
          expectedText: async () => articleBody,
        });
    }
    return;
  }
  for (const name of entries.filter((e) => e.endsWith('.expected.json'))) {
    const file = join(dir, name.replace(/\.expected\.json$/, '.html'));
    const expected = readJson<Expected & { url: string; isArticle: boolean }>(join(dir, name));
    if (existsSync(file)) {
      out.push({
        corpus: 'reference',
        group: 'reference',
        id: basename(file),
        url: expected.url,
        file,
        label: expected.isArticle,
        expected,
      });
    }
  }
  for (const entry of entries) {
    const sub = join(dir, entry);
    if (!statSync(sub).isDirectory()) continue;
    const page = loadPageFolder(sub, entry);
    if (page) out.push(page);
    else if (depth < 3) loadFolder(sub, depth + 1, out);
  }
}

/** Every page under `folder` in any known layout; throws with a clear message when it is missing. */
export function loadPages(folder: string): EvalPage[] {
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `no such folder: ${dir} (pass the corpus folder, e.g. ../shared/corpus, or tests/fixtures/pages)`,
    );
  }
  const out: EvalPage[] = [];
  loadFolder(dir, 0, out);
  return out;
}

/** Bag-of-words F1 between two texts (NFC, lower case, letters and digits): the AEB body metric. */
export function tokenF1(got: string, want: string): number {
  const a = tokens(got);
  const b = tokens(want);
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of b) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of a) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      overlap++;
      counts.set(t, n - 1);
    }
  }
  if (overlap === 0) return 0;
  const precision = overlap / a.length;
  const recall = overlap / b.length;
  return (2 * precision * recall) / (precision + recall);
}

type Field = 'title' | 'byline' | 'published' | 'siteName' | 'lang' | 'lead';
const FIELDS: Field[] = ['title', 'byline', 'published', 'siteName', 'lang', 'lead'];

interface Outcome {
  isArticle: boolean;
  text: string | null;
  /** Token F1 against the page's expected text, when it has one. */
  f1: number | null;
  fields: Partial<Record<Field, string | null>>;
}

interface PageResult {
  page: EvalPage;
  /** The page's language: `<html lang>`'s primary subtag, else guessed from the script of its text. */
  language: string;
  ours: Outcome;
  bare: Outcome;
  reasons: string[];
}

/** Quote style, case and spacing never count as a difference. */
function loose(text: string | null | undefined): string {
  return cleanText(text).toLowerCase().replace(/[“”„]/g, '"').replace(/[‘’‚]/g, "'").replace(/[–—]/g, '-');
}

/** A title minus a trailing " | Site", " - Site", " · Site" or " _Site" part. */
function withoutSuffix(title: string): string {
  return title.replace(/\s+[|\-·_»:]\s*[^|\-·_»:]{1,40}$/u, '').trim();
}

/**
 * Field equality. Published times compare as instants (to the second); bylines ignore a leading "By";
 * titles also match when one is the other plus a site-name suffix, since we strip it and Readability
 * often keeps it.
 */
function same(field: Field, got: string | null | undefined, want: string): boolean {
  if (field === 'published') return sameInstant(got, want, { defaultOffset: '+00:00' });
  if (field === 'lang') return (got ?? '').slice(0, 2).toLowerCase() === want.slice(0, 2).toLowerCase();
  const g = loose(got);
  const w = loose(want);
  if (field === 'byline') return g.replace(/^by\s+/, '') === w.replace(/^by\s+/, '');
  if (field === 'title') return g === w || withoutSuffix(g) === w || g === withoutSuffix(w);
  return g === w;
}

/** `<html lang>`'s primary subtag, else the language the script of the body's text implies ("latin" if Latin). */
function languageOf(document: Document): string {
  const declared = document.documentElement.getAttribute('lang')?.trim().toLowerCase().split(/[-_]/)[0];
  if (declared) return declared;
  const sample = (document.body?.textContent ?? '').slice(0, 20_000);
  const count = (re: RegExp) => sample.match(re)?.length ?? 0;
  const scripts: [string, number][] = [
    ['ja', count(/[\u3040-\u30ff]/g) * 4],
    ['zh', count(/[\u4e00-\u9fff]/g)],
    ['ko', count(/[\uac00-\ud7af]/g)],
    ['th', count(/[\u0e00-\u0e7f]/g)],
    ['ru', count(/[\u0400-\u04ff]/g)],
    ['latin', count(/[a-z]/gi) / 3],
  ];
  scripts.sort((a, b) => b[1] - a[1]);
  return scripts[0]?.[1] ? (scripts[0][0] as string) : 'unknown';
}

async function runPage(page: EvalPage): Promise<PageResult> {
  const want = page.expectedText ? await page.expectedText() : null;
  const { window, document } = parsePage(readFileSync(page.file, 'utf8'), page.url);
  try {
    const detection = detectArticle(document, page.url, { metadata: readMetadata(document) });
    const article = extractArticle(document, page.url);
    const bare = new Readability(document.cloneNode(true) as Document).parse();
    // Only the texts the content checks need are kept; the corpus is large.
    const keepText = !!page.expected?.bodyMustContain;
    return {
      page,
      language: languageOf(document),
      reasons: describeDetection(detection),
      ours: {
        isArticle: detection.isArticle,
        text: keepText ? (article?.text ?? null) : null,
        f1: want === null ? null : tokenF1(article?.text ?? '', want),
        fields: article
          ? {
              title: article.title,
              byline: article.byline,
              published: article.publishedAt,
              siteName: article.siteName,
              lang: article.lang,
              lead: article.lead,
            }
          : {},
      },
      bare: {
        isArticle: isProbablyReaderable(document),
        text: keepText ? (bare?.textContent ?? null) : null,
        f1: want === null ? null : tokenF1(bare?.textContent ?? '', want),
        fields: bare
          ? {
              title: bare.title ?? null,
              byline: bare.byline ?? null,
              published: bare.publishedTime ?? null,
              siteName: bare.siteName ?? null,
              lang: bare.lang ?? null,
            }
          : {},
      },
    };
  } finally {
    await window.happyDOM.close();
  }
}

const pct = (n: number, d: number) => (d === 0 ? '   –  ' : `${(n / d).toFixed(3)}`.padStart(6));

function detectionTable(results: PageResult[], list: boolean): void {
  const labelled = results.filter((r) => r.page.label !== null);
  console.log(
    `\nDetection — ${labelled.length} labelled pages (${labelled.filter((r) => r.page.label).length} articles), ` +
      `${results.length - labelled.length} left out (unlabelled)`,
  );
  console.log('  corpus               who    precision  recall   TP  FP  FN  TN');
  const groups = [...new Set(labelled.map((r) => r.page.group)), 'all'];
  for (const corpus of groups) {
    const rows = labelled.filter((r) => corpus === 'all' || r.page.group === corpus);
    for (const who of ['ours', 'bare'] as const) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      let tn = 0;
      for (const r of rows) {
        const said = r[who].isArticle;
        if (said && r.page.label) tp++;
        else if (said) fp++;
        else if (r.page.label) fn++;
        else tn++;
      }
      console.log(
        `  ${corpus.padEnd(19)}  ${who}   ${pct(tp, tp + fp)}    ${pct(tp, tp + fn)}  ${String(tp).padStart(3)} ${String(fp).padStart(3)} ${String(fn).padStart(3)} ${String(tn).padStart(3)}`,
      );
    }
  }
  // By language: where a script without spaces, or a language's way of writing articles, trips detection.
  console.log('  language      who    precision  recall   TP  FP  FN  TN');
  const languages = [...new Set(labelled.map((r) => r.language))].sort();
  for (const language of languages) {
    const rows = labelled.filter((r) => r.language === language);
    const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
    for (const r of rows) {
      if (r.ours.isArticle && r.page.label) c.tp++;
      else if (r.ours.isArticle) c.fp++;
      else if (r.page.label) c.fn++;
      else c.tn++;
    }
    console.log(
      `  ${language.padEnd(12)}  ours   ${pct(c.tp, c.tp + c.fp)}    ${pct(c.tp, c.tp + c.fn)}  ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)} ${String(c.tn).padStart(3)}`,
    );
  }
  if (!list) return;
  for (const r of labelled.filter((x) => x.ours.isArticle !== x.page.label)) {
    console.log(`  ✗ ${r.page.corpus}/${r.page.id} label=${r.page.label} ours=${r.ours.isArticle}`);
    for (const line of r.reasons) console.log(`      ${line}`);
  }
}

function f1Table(results: PageResult[], list: boolean): void {
  const withText = results.filter((r) => r.ours.f1 !== null);
  if (!withText.length) return;
  console.log('\nBody token F1 (mean over pages; extraction that returns nothing scores 0)');
  console.log('  corpus        pages   ours    bare Readability');
  for (const corpus of [...new Set(withText.map((r) => r.page.corpus))]) {
    const rows = withText.filter((r) => r.page.corpus === corpus);
    let ours = 0;
    let bare = 0;
    const worse: string[] = [];
    for (const r of rows) {
      const o = r.ours.f1 ?? 0;
      const b = r.bare.f1 ?? 0;
      ours += o;
      bare += b;
      if (o < b - 0.05) worse.push(`${r.page.id} ours ${o.toFixed(2)} bare ${b.toFixed(2)}`);
    }
    console.log(
      `  ${corpus.padEnd(12)}  ${String(rows.length).padStart(5)}   ${pct(ours, rows.length)}  ${pct(bare, rows.length)}`,
    );
    if (list) for (const w of worse) console.log(`      worse: ${w}`);
  }
}

function metadataTable(results: PageResult[], list: boolean): void {
  const withMeta = results.filter((r) => r.page.expected && r.page.label !== false);
  if (!withMeta.length) return;
  console.log('\nMetadata accuracy (correct / pages that state the field; bare Readability has no lead)');
  for (const corpus of [...new Set(withMeta.map((r) => r.page.group))]) {
    const rows = withMeta.filter((r) => r.page.group === corpus);
    const note =
      corpus === 'readability' ? ' (expected = Readability’s own output: agreement, not truth)' : '';
    console.log(`  ${corpus}${note}`);
    for (const field of FIELDS) {
      const stated = rows.filter((r) => r.page.expected?.[field]);
      if (!stated.length) continue;
      let ours = 0;
      let bare = 0;
      for (const r of stated) {
        const want = r.page.expected?.[field] as string;
        if (same(field, r.ours.fields[field], want)) ours++;
        else if (list)
          console.log(
            `      ✗ ${r.page.id} ${field}: got ${JSON.stringify(r.ours.fields[field])}, want ${JSON.stringify(want)}`,
          );
        if (field !== 'lead' && same(field, r.bare.fields[field], want)) bare++;
      }
      const b = field === 'lead' ? '   –  ' : pct(bare, stated.length);
      console.log(
        `    ${field.padEnd(10)} ours ${pct(ours, stated.length)} (${ours}/${stated.length})   bare ${b}`,
      );
    }
  }
}

/** The content checks our fixtures and the reference page list, on our text and on bare Readability's. */
function checksTable(results: PageResult[]): void {
  const rows = results.filter((r) => r.page.expected?.bodyMustContain && r.page.label);
  if (!rows.length) return;
  console.log('\nContent checks (fixtures and reference pages)');
  for (const r of rows) {
    const e = r.page.expected as Expected;
    const verdict = (text: string | null, lead: string | null | undefined) => {
      const t = (text ?? '').normalize('NFC');
      const problems: string[] = [];
      for (const s of e.bodyMustContain ?? []) {
        if (!t.includes(s.normalize('NFC'))) problems.push(`missing "${s.slice(0, 40)}"`);
      }
      for (const s of e.mustNotContain ?? [])
        if (t.includes(s.normalize('NFC'))) problems.push(`contains "${s}"`);
      const cap = e.captionAppearsAtMostOnce?.normalize('NFC');
      if (cap && t.split(cap).length - 1 > 1) problems.push('caption repeated');
      if (e.lead && !t.startsWith(e.lead.normalize('NFC'))) problems.push('lead not first');
      if (lead !== undefined && e.lead && cleanText(lead) !== cleanText(e.lead))
        problems.push('lead field wrong');
      return problems.length ? `✗ ${problems.join('; ')}` : '✓';
    };
    console.log(`  ${r.page.corpus}/${r.page.id}`);
    console.log(`    ours ${verdict(r.ours.text, r.ours.fields.lead ?? null)}`);
    console.log(`    bare ${verdict(r.bare.text, undefined)}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const folders = args.filter((a) => !a.startsWith('--'));
  if (!folders.length) {
    console.error(
      'usage: npx tsx scripts/eval.ts <folder>… [--list]   (e.g. ../shared/corpus tests/fixtures/pages)',
    );
    process.exit(2);
  }
  let pages: EvalPage[];
  try {
    pages = folders.flatMap(loadPages);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (!pages.length) {
    console.error(
      `no pages found under ${folders.join(', ')} (see the layouts at the top of scripts/eval.ts)`,
    );
    process.exit(2);
  }
  const started = performance.now();
  const results: PageResult[] = [];
  for (const page of pages) results.push(await runPage(page));
  console.log(
    `${results.length} pages from ${folders.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    'ours = detectArticle + extractArticle; bare = isProbablyReaderable + new Readability(clone).parse()',
  );
  detectionTable(results, list);
  f1Table(results, list);
  metadataTable(results, list);
  checksTable(results);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) void main();
