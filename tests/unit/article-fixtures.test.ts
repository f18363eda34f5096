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
  title?: string;
  byline?: string;
  published?: string;
  modified?: string;
  siteName?: string;
  lang?: string;
  lead?: string;
  bodyMustContain?: string[];
  mustNotContain?: string[];
  captionAppearsAtMostOnce?: string;
  /**
   * Metadata the extraction does not get right yet, with the right value (see tests/fixtures/pages/README.md):
   * checked to be still wrong, so the fixture says when a gap closes and the field must move up.
   */
  knownGaps?: Partial<Record<'byline' | 'published' | 'siteName', string>>;
}

const FIXTURES = resolve(__dirname, '../fixtures/pages');
const slugs = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const windows: { happyDOM: { close(): Promise<void> } }[] = [];

function load(slug: string) {
  const expected = JSON.parse(readFileSync(join(FIXTURES, slug, 'expected.json'), 'utf8')) as Expected;
  const { window, document } = parsePage(
    readFileSync(join(FIXTURES, slug, 'source.html'), 'utf8'),
    expected.url,
  );
  windows.push(window);
  return { expected, document };
}

/** The fields `want` leaves undefined, as the null the extraction answers for them. */
function nulls(want: Record<string, string | undefined>): Record<string, null> {
  return Object.fromEntries(Object.entries(want).flatMap(([k, v]) => (v === undefined ? [[k, null]] : [])));
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
    ]),
  );
});

describe.each(slugs)('%s', (slug) => {
  const { expected, document } = load(slug);

  it(`is ${expected.isArticle ? '' : 'not '}detected as an article, with reasons`, () => {
    const detection = detectArticle(document, expected.url);
    expect(detection.isArticle, JSON.stringify(detection.reasons)).toBe(expected.isArticle);
    expect(detection.reasons.length).toBeGreaterThan(0);
    expect(detection.score).toBe(detection.reasons.reduce((sum, r) => sum + r.points, 0));
  });

  if (!expected.isArticle) return;
  const before = document.documentElement.outerHTML;
  const article = extractArticle(document, expected.url);

  it('extracts the metadata', () => {
    expect(article).not.toBeNull();
    if (!article) return;
    const fields = {
      title: article.title,
      byline: article.byline,
      publishedAt: article.publishedAt,
      siteName: article.siteName,
      lang: article.lang,
    };
    const want = {
      title: expected.title,
      byline: expected.byline,
      publishedAt: expected.published,
      siteName: expected.siteName,
      lang: expected.lang,
    };
    const gaps = expected.knownGaps ?? {};
    for (const [field, right] of Object.entries(gaps)) {
      const key = field === 'published' ? 'publishedAt' : (field as 'byline' | 'siteName');
      expect(fields[key], `${field} is right now: move it from knownGaps to the expected fields`).not.toBe(
        right,
      );
      fields[key] = null;
      want[key] = undefined;
    }
    expect({ ...fields }).toEqual({ ...want, ...nulls(want) });
    if (expected.modified) expect(article.modifiedAt).toBe(expected.modified);
    expect(article.canonicalUrl).toBe(expected.url);
    expect(article.wordCount).toBeGreaterThan(100);
  });

  it('puts the lead first, keeps the body and drops the rest', () => {
    if (!article) return;
    const text = article.text;
    if (expected.lead) {
      expect(article.lead).toBe(expected.lead);
      expect(text.startsWith(expected.lead)).toBe(true);
    }
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
