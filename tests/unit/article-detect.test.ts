// detectArticle on small pages: each signal, and what it must not do (Readability, styles, globals).
import { afterAll, describe, expect, it, vi } from 'vitest';
import { describeDetection, detectArticle } from '@/utils/article/detect';
import { readJsonLd } from '@/utils/article/jsonld';
import { parsePage } from '../support/page-window';

const windows: { happyDOM: { close(): Promise<void> } }[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

function page(body: string, head = '', url = 'https://example.vn/') {
  const parsed = parsePage(
    `<!doctype html><html lang="vi"><head>${head}</head><body>${body}</body></html>`,
    url,
  );
  windows.push(parsed.window);
  return parsed.document;
}

const PROSE = Array.from(
  { length: 8 },
  (_, i) =>
    `<p>Đoạn ${i + 1}: người dân trong xã đã cùng nhau sửa lại con đường liên thôn, mỗi hộ góp vài ngày công và một ít vật liệu, nhờ vậy công trình xong sớm hơn dự kiến gần một tháng.</p>`,
).join('');
const TEASERS = Array.from(
  { length: 10 },
  (_, i) =>
    `<div class="item"><h3><a href="/tin-${i}-25610${i}0/">Tin số ${i + 1} về hoạt động của địa phương</a></h3><p>Tóm tắt ngắn của tin số ${i + 1}, chỉ một câu giới thiệu.</p></div>`,
).join('');
const ids = (d: ReturnType<typeof detectArticle>) => d.reasons.map((r) => r.id);

describe('detectArticle', () => {
  it('says yes to one headline over dense prose at an article address', () => {
    const doc = page(
      `<h1>Sửa đường liên thôn</h1><div class="time">08:02, 05/02/2020</div><div>${PROSE}</div>`,
    );
    const d = detectArticle(doc, 'https://example.vn/xa-hoi/sua-duong-lien-thon-2561234.html');
    expect(d.isArticle).toBe(true);
    expect(ids(d)).toEqual(expect.arrayContaining(['url-article', 'main-heading', 'dense-text', 'dateline']));
  });

  it('says no to a listing of teasers even without any address signal', () => {
    const d = detectArticle(page(`<h1>Xã hội</h1>${TEASERS}`), 'https://example.vn/x');
    expect(d.isArticle).toBe(false);
    expect(ids(d)).toContain('teasers');
  });

  it('says no to a front page and to a search page', () => {
    const doc = page(`<h1>Sửa đường</h1><div>${PROSE}</div>`);
    expect(ids(detectArticle(doc, 'https://example.vn/'))).toContain('url-home');
    expect(ids(detectArticle(doc, 'https://example.vn/tim-kiem?q=duong'))).toContain('url-listing');
    expect(detectArticle(doc, 'https://example.vn/').isArticle).toBe(false);
  });

  it('counts JSON-LD article types, Open Graph and the publication time', () => {
    const head = `<meta property="og:type" content="article">
      <meta property="article:published_time" content="2026-11-09T07:30:00+07:00">
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","headline":"x"}]}</script>`;
    const d = detectArticle(page(`<h1>Tin</h1>${PROSE}`, head), 'https://example.vn/x');
    expect(d.reasons.find((r) => r.id === 'jsonld-article')).toMatchObject({
      points: 35,
      detail: 'NewsArticle',
    });
    expect(ids(d)).toEqual(expect.arrayContaining(['og-article', 'published-time']));
  });

  it('weighs a documentation address above generic markup', () => {
    const d = detectArticle(
      page(`<h1>Configuration</h1>${PROSE}`),
      'https://docs.example.dev/guide/configuration',
    );
    expect(d.isArticle).toBe(false);
    expect(ids(d)).toContain('url-reference');
  });

  it('never throws on a bad address or an empty page', () => {
    expect(() => detectArticle(page(''), 'not a url')).not.toThrow();
    expect(detectArticle(page(''), 'not a url').isArticle).toBe(false);
  });

  it('reads no styles and leaves the page alone', () => {
    const doc = page(`<h1>Tin</h1>${PROSE}`);
    const view = doc.defaultView as Window;
    const styles = vi.spyOn(view, 'getComputedStyle');
    const before = doc.documentElement.outerHTML;
    detectArticle(doc, 'https://example.vn/tin-2561234.html');
    expect(styles).not.toHaveBeenCalled();
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('describes its reasons in words', () => {
    const lines = describeDetection(detectArticle(page(`<h1>Tin</h1>${PROSE}`), 'https://example.vn/'));
    expect(lines).toContain('-40 address is the site’s front page (/)');
  });
});

describe('readJsonLd', () => {
  it('reads @graph members, CDATA-wrapped blocks and mainEntity, and skips broken ones', () => {
    const doc = page(
      '',
      `<script type="application/ld+json">//<![CDATA[
        {"@type":"WebPage","mainEntity":{"@type":"http://schema.org/ReportageNewsArticle"}}
      //]]></script>
      <script type="application/ld+json">{ broken </script>
      <script type="application/ld+json">{"@graph":[{"@type":["BlogPosting"]}]}</script>`,
    );
    const types = readJsonLd(doc.getElementsByTagName('script')).flatMap((n) => n.types);
    expect(types).toEqual(['WebPage', 'ReportageNewsArticle', 'BlogPosting']);
  });
});
