/**
 * The annotated HTML page: self-contained (no script, no remote resource), escaped (notes are text), with
 * the highlights in their colours in the saved text when there is one, printable.
 */
import { describe, expect, it } from 'vitest';
import { articleToHtml, selectionToHtmlFiles } from '@/utils/export/html';
import type { Article, Clipping } from '@/utils/schema';
import { BAONAMDINH, NO_META, sampleClippings, sampleLibrary } from '../support/library-fixtures';

const lib = sampleLibrary();
const article = lib.articles[0] as Article;
const onPage = lib.highlights.filter((h) => h.url === BAONAMDINH);
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

const CLIPPING = sampleClippings()[0] as Clipping;

describe('a self-contained, safe page', () => {
  const html = articleToHtml(article, onPage, { tags: lib.tags, clipping: CLIPPING });
  const doc = parse(html);

  it('has no script, no event handler, no remote resource, and says so in its CSP', () => {
    expect(html).not.toMatch(/<script/i);
    expect(doc.querySelectorAll('script, iframe, object, embed, img, link, base, form').length).toBe(0);
    const attributes = [...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name));
    expect(attributes.filter((name) => name.startsWith('on'))).toEqual([]);
    expect(attributes).not.toContain('src');
    expect(doc.querySelector('style')?.textContent).not.toMatch(/url\(|@import/i);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    // The only links: the source article and in-page anchors.
    const hrefs = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs.filter((h) => !h?.startsWith('#'))).toEqual([BAONAMDINH]);
  });

  it('declares its encoding and languages, and styles print', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(doc.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(doc.querySelector('article')?.getAttribute('lang')).toBe('vi');
    expect(doc.querySelector('style')?.textContent).toContain('@media print');
    expect(articleToHtml(article, [], { lang: 'vi' })).toContain('<html lang="vi">');
  });

  it('shows notes, quotes and titles as text, markup and all', () => {
    const notes = [...doc.querySelectorAll('.note')].map((p) => p.textContent);
    expect(notes).toEqual([...onPage].sort((a, b) => a.position.start - b.position.start).map((h) => h.note));
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(doc.querySelector('h1')?.textContent).toBe(article.title);
    expect(doc.querySelector('title')?.textContent).toBe(article.title);
  });

  it('marks highlights in the saved text in their colours, where prefix and suffix fit', () => {
    const marks = [...doc.querySelectorAll('.text mark')];
    expect(marks.map((m) => [m.className, m.textContent])).toEqual([
      ['c-yellow', 'lò sấy lúa mới, công suất 30 tấn/mẻ'],
      ['c-green', 'Ông Trần Văn Bình nói: "Bà con rất phấn khởi, năng suất tăng 20%"'],
    ]);
    // The first "lò sấy lúa mới" (in the lead) is not it: "trước … sau" places the mark in paragraph 2.
    expect(doc.querySelectorAll('.text p')[1]?.querySelector('mark')).not.toBeNull();
    expect(doc.querySelectorAll('.text p')[2]?.textContent).toContain('<b>không phải thẻ</b>');
    // The highlight not in the text is listed, flagged.
    expect(doc.querySelectorAll('.missing')).toHaveLength(1);
    // Each mark links to its numbered note and back.
    expect([...doc.querySelectorAll('.text a.ref')].map((a) => a.getAttribute('href'))).toEqual([
      '#n1',
      '#n3',
    ]);
    expect(doc.getElementById('n1')?.querySelector('blockquote')?.className).toBe('c-yellow');
  });

  it('colours tags that have a colour', () => {
    const tags = [...doc.querySelectorAll('.tags li')].map((li) => [li.textContent, li.className]);
    expect(tags).toContainEqual(['nông nghiệp', 'c-green']);
    expect(tags).toContainEqual(['HTX', '']);
  });
});

describe('without a saved text', () => {
  it('lists the quotes with notes and tags, in reading order', () => {
    const doc = parse(articleToHtml(article, onPage));
    expect(doc.querySelector('.text')).toBeNull();
    expect([...doc.querySelectorAll('.hl blockquote')].map((b) => b.textContent)).toEqual(
      [...onPage].sort((a, b) => a.position.start - b.position.start).map((h) => h.quote.exact),
    );
    expect(doc.querySelectorAll('.missing')).toHaveLength(0);
  });

  it('never links anything but http(s)', () => {
    const evil = { ...article, meta: { canonicalUrl: 'javascript:alert(1)' } } as unknown as Article;
    const doc = parse(articleToHtml(evil, []));
    expect(doc.querySelector('.source a')?.getAttribute('href')).toBe('#');
  });

  it('one file per article, named like the Markdown notes', () => {
    const files = selectionToHtmlFiles(lib, { clippings: [CLIPPING] });
    expect(files.map((f) => f.filename)).toContain('example-vn.html');
    expect(files.every((f) => f.mimeType.startsWith('text/html'))).toBe(true);
    expect(files[0]?.content).toContain('<section class="text">');
    const noMeta = files.find((f) => f.content.includes(NO_META));
    expect(parse(noMeta?.content ?? '').querySelector('h1')?.textContent).toBe('example.vn');
  });
});

describe('with a clipping', () => {
  it('shows its text, not its HTML: markup stays text, its images are not loaded', () => {
    const html = articleToHtml(article, onPage, { clipping: CLIPPING });
    const doc = parse(html);
    const paragraphs = [...doc.querySelectorAll('.text p')].map((p) => p.textContent);
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[3]).toBe(
      '# Không phải tiêu đề <script>alert("xss")</script> [liên kết](javascript:alert(1)) ==đánh dấu== & &lt; - không phải danh sách 1. cũng không',
    );
    expect(doc.querySelectorAll('script, img, figure, picture, source').length).toBe(0);
    expect(html).not.toContain(CLIPPING.article.mainImage ?? 'missing');
    expect(html).not.toContain('<figure');
  });

  it('per article: the selection’s clippings are used, and only the clipped article has a text', () => {
    const withText = (files: { content: string }[]) =>
      files.filter((f) => f.content.includes('<section class="text">')).length;
    expect(lib.clippings).toHaveLength(1);
    const files = selectionToHtmlFiles(lib);
    expect(withText(files)).toBe(1);
    expect(files.find((f) => f.content.includes('<section class="text">'))?.content).toContain(
      `href="${BAONAMDINH}"`,
    );
    expect(withText(selectionToHtmlFiles({ ...lib, clippings: undefined }))).toBe(0);
  });
});
