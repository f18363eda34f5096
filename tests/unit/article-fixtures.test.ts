// Detection and extraction over every page in tests/fixtures/pages, against its expected.json.
// Only the project's own fixtures: ../shared is for the evaluation script, never for tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectArticle } from '@/utils/article/detect';
import { extractArticle } from '@/utils/article/extract';
import { cleanText } from '@/utils/article/text';
import { parsePage } from '../support/page-window';

interface Expected {
  url: string;
  isArticle: boolean;
  /**
   * Which set the page is in (README): `tuning` pages were used while building the finders, `reporting` pages
   * written after them to measure what generalises; `npm run eval` reports the two apart.
   */
  set: 'tuning' | 'reporting';
  title?: string;
  byline?: string | null;
  published?: string | null;
  modified?: string | null;
  siteName?: string | null;
  lang?: string | null;
  lead?: string | null;
  bodyMustContain?: string[];
  mustNotContain?: string[];
  captionAppearsAtMostOnce?: string;
  quoteTarget?: string;
  repeatedPhrase?: string;
  sourceNormalization?: 'NFD';
  note?: string;
  /**
   * Known failures of a reporting-set page (see README): field → why. The test asserts the gap is still there,
   * so fixing it fails the test until the entry is removed.
   */
  knownGaps?: Partial<
    // `lead`: the lead field; `leadFirst`: the body starting with the lead.
    Record<'isArticle' | 'byline' | 'published' | 'modified' | 'siteName' | 'lead' | 'leadFirst', string>
  >;
}

/** Every field an expected.json may hold; each is checked below (`note` is for people). */
const FIELDS = new Set([
  'url',
  'isArticle',
  'set',
  'title',
  'byline',
  'published',
  'modified',
  'siteName',
  'lang',
  'lead',
  'bodyMustContain',
  'mustNotContain',
  'captionAppearsAtMostOnce',
  'quoteTarget',
  'repeatedPhrase',
  'sourceNormalization',
  'note',
  'knownGaps',
]);

const FIXTURES = resolve(__dirname, '../fixtures/pages');
const slugs = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const windows: { happyDOM: { close(): Promise<void> } }[] = [];

function load(slug: string) {
  const expected = JSON.parse(readFileSync(join(FIXTURES, slug, 'expected.json'), 'utf8')) as Expected;
  const source = readFileSync(join(FIXTURES, slug, 'source.html'), 'utf8');
  const { window, document } = parsePage(source, expected.url);
  windows.push(window);
  return { expected, document, source };
}

afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

it('has the fixtures this suite is about', () => {
  expect(slugs).toEqual(
    expect.arrayContaining([
      'baonamdinh-article',
      'baonamdinh-category',
      'baonamdinh-home',
      'thoisu-article',
      'gazette-article',
      'ghichep-blog',
      'devdocs-guide',
      'songhong-nfd-article',
      'vnexpress-article',
      'tuoitre-article',
      'dantri-article',
      'nhandan-article',
      'vietnamplus-nfd-article',
      'baohaiduong-article',
      'bbc-article',
      'lemonde-article',
    ]),
  );
});

describe.each(slugs)('%s', (slug) => {
  const { expected, document, source } = load(slug);

  it('states only fields this suite checks, and text in the normalisation it says', () => {
    expect(Object.keys(expected).filter((k) => !FIELDS.has(k))).toEqual([]);
    expect(['tuning', 'reporting']).toContain(expected.set);
    if (expected.sourceNormalization === 'NFD') expect(source).not.toBe(source.normalize('NFC'));
    else expect(source).toBe(source.normalize('NFC'));
  });

  const gaps = expected.knownGaps ?? {};
  /** `actual` equals `wanted`, or, for a known gap, still does not (fixed gaps must leave knownGaps). */
  const check = (field: keyof typeof gaps, actual: unknown, wanted: unknown, detail?: string) => {
    if (gaps[field]) expect(actual, `known gap fixed? remove knownGaps.${field}`).not.toEqual(wanted);
    else expect(actual, detail).toEqual(wanted);
  };

  it(`is ${expected.isArticle ? '' : 'not '}detected as an article, with reasons`, () => {
    const detection = detectArticle(document, expected.url);
    check('isArticle', detection.isArticle, expected.isArticle, JSON.stringify(detection.reasons));
    expect(detection.reasons.length).toBeGreaterThan(0);
    expect(detection.score).toBe(detection.reasons.reduce((sum, r) => sum + r.points, 0));
  });

  if (!expected.isArticle) return;
  const before = document.documentElement.outerHTML;
  const article = extractArticle(document, expected.url);

  it('extracts the metadata', () => {
    expect(article).not.toBeNull();
    if (!article) return;
    // A field the page does not state is expected to be null: absent from expected.json means none. Bylines
    // are shown as printed (capitals kept), so they are compared exactly too.
    const fields = {
      title: article.title,
      lang: article.lang,
    };
    expect(fields).toEqual({
      title: expected.title,
      lang: expected.lang ?? null,
    });
    check('modified', article.modifiedAt, expected.modified ?? null);
    check('byline', article.byline, expected.byline ?? null);
    check('siteName', article.siteName, expected.siteName ?? null);
    check('published', article.publishedAt, expected.published ?? null);
    check('lead', article.lead, expected.lead ?? null);
    expect(article.canonicalUrl).toBe(expected.url);
    expect(article.wordCount).toBeGreaterThan(100);
  });

  it('puts the lead first, keeps the body and drops the rest', () => {
    if (!article) return;
    const text = article.text;
    if (expected.lead && gaps.leadFirst) {
      // A known gap: the body does not start with the lead (still wrong).
      expect(text.startsWith(expected.lead), 'known gap fixed? remove knownGaps.leadFirst').toBe(false);
    } else if (expected.lead) expect(text.startsWith(expected.lead), 'the lead comes first').toBe(true);
    let from = 0;
    for (const part of expected.bodyMustContain ?? []) {
      const at = text.indexOf(part, from);
      expect(at, `body has, in order: ${part}`).toBeGreaterThanOrEqual(0);
      from = at;
    }
    for (const part of expected.mustNotContain ?? []) expect(text, `body lacks: ${part}`).not.toContain(part);
    if (expected.captionAppearsAtMostOnce) {
      expect(text.split(expected.captionAppearsAtMostOnce).length - 1).toBeLessThanOrEqual(1);
    }
    // The end-to-end tests select these: the quote once, the repeated phrase exactly twice.
    if (expected.quoteTarget) expect(text.split(expected.quoteTarget).length - 1).toBe(1);
    if (expected.repeatedPhrase) expect(text.split(expected.repeatedPhrase).length - 1).toBe(2);
  });

  it('returns NFC text and sanitised HTML, and leaves the page alone', () => {
    if (!article) return;
    expect(article.text).toBe(article.text.normalize('NFC'));
    expect(article.title).toBe(article.title.normalize('NFC'));
    expect(article.html).toBe(article.html.normalize('NFC'));
    expect(article.html).not.toMatch(/<(script|style|form|iframe)\b|\son\w+=|style=/i);
    expect(cleanText(article.excerpt)).not.toBe('');
    // Extraction works on a copy: the live page is exactly as it was.
    expect(document.documentElement.outerHTML).toBe(before);
  });
});
