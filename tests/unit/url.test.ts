import { describe, expect, it } from 'vitest';
import { metaValue, readMetadata } from '@/utils/article/metadata';
import { canonicalOf, chooseCanonical } from '@/utils/canonical';
import { articleKey, normalizeUrl, sameArticle } from '@/utils/url';

describe('normalizeUrl', () => {
  const canonical = 'https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234';

  it.each([
    ['https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/'],
    ['https://www.baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/'],
    ['https://BAONAMDINH.vn:443/channel/5085/202611/lo-say-lua-2561234/#comments'],
    [
      'https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/?utm_source=fb&utm_medium=social&fbclid=x1',
    ],
    ['https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/?zarsrc=30&gclid=abc'],
    ['https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/amp/'],
  ])('%s is the same article', (variant) => {
    expect(normalizeUrl(variant)).toBe(canonical);
  });

  it.each([
    ['http:', 'http://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/'],
    ['another port', 'https://baonamdinh.vn:8443/channel/5085/202611/lo-say-lua-2561234/'],
    ['the m. host', 'https://m.baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234'],
    ['the amp. host', 'https://amp.baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234'],
  ])('keeps the origin: on %s it is another page', (_, other) => {
    // Another origin may be someone else's (`m.github.io` is a user's site): its key is its own.
    expect(normalizeUrl(other)).not.toBe(canonical);
    expect(new URL(normalizeUrl(other) as string).origin).toBe(new URL(other).origin);
  });

  it('keeps parameters that choose the content, in a stable order', () => {
    expect(normalizeUrl('https://example.com/news?page=2&id=7&utm_campaign=x')).toBe(
      'https://example.com/news?id=7&page=2',
    );
  });

  it('keeps the root path', () => {
    expect(normalizeUrl('https://example.com')).toBe('https://example.com/');
  });

  it('rejects what is not a web page', () => {
    expect(normalizeUrl('chrome://extensions')).toBeNull();
    expect(normalizeUrl('file:///tmp/a.html')).toBeNull();
    expect(normalizeUrl('not a url')).toBeNull();
  });

  it('tells different articles apart', () => {
    expect(sameArticle('https://a.vn/x-1', 'https://a.vn/x-2')).toBe(false);
    expect(sameArticle('https://a.vn/x-1?utm_source=z', 'https://www.a.vn/x-1/')).toBe(true);
    expect(sameArticle('https://a.vn/x-1', 'http://a.vn/x-1')).toBe(false);
  });
});

describe('articleKey', () => {
  const page = 'https://www.baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234?utm_source=zalo';
  const desktop = 'https://baonamdinh.vn/tin-tuc/lo-say-lua-2561234.html';

  it('prefers the canonical address the page names on its own origin, normalised', () => {
    expect(articleKey(page, `${desktop}?utm_medium=social`)).toBe(desktop);
    // A print page names its article.
    expect(articleKey('https://baonamdinh.vn/print/2561234', desktop)).toBe(desktop);
    // An https: page that prints its canonical address with http: means its own origin.
    expect(articleKey(page, desktop.replace('https:', 'http:'))).toBe(desktop);
    // Relative addresses resolve against the page.
    expect(articleKey(page, '/tin-tuc/lo-say-lua-2561234.html')).toBe(desktop);
  });

  it('ignores a canonical on another origin: http:, another port, m. or amp. naming the https: article', () => {
    for (const other of [
      'http://baonamdinh.vn/print/2561234',
      'https://baonamdinh.vn:8443/print/2561234',
      'https://m.baonamdinh.vn/a/lo-say-2561234',
      'https://amp.baonamdinh.vn/a/lo-say-2561234',
    ]) {
      expect(articleKey(other, desktop)).toBe(normalizeUrl(other));
    }
  });

  it('ignores a canonical on another site, to the front page, or unusable', () => {
    const own = 'https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234';
    expect(articleKey(page, 'https://aggregator.example/lo-say-lua')).toBe(own);
    expect(articleKey(page, 'https://baonamdinh.vn/')).toBe(own);
    expect(articleKey(page, 'javascript:alert(1)')).toBe(own);
    expect(articleKey(page, 'http://[bad')).toBe(own);
    expect(articleKey(page, null)).toBe(own);
    // The front page itself may name itself.
    expect(articleKey('https://www.baonamdinh.vn/?utm_source=x', 'https://baonamdinh.vn/')).toBe(
      'https://baonamdinh.vn/',
    );
  });

  it('has no key for what is not a web page', () => {
    expect(articleKey('chrome://settings', desktop)).toBeNull();
  });
});

describe('canonicalOf', () => {
  it('reads rel=canonical, else og:url, resolved against the page', () => {
    document.head.innerHTML = '<link rel="Canonical" href="/tin-tuc/a-1.html">';
    history.replaceState(null, '', '/channel/1/a-1?x=1');
    expect(canonicalOf(document)).toBe(new URL('/tin-tuc/a-1.html', location.href).href);
    document.head.innerHTML = '<meta property="og:url" content="https://baonamdinh.vn/b-2.html">';
    expect(canonicalOf(document)).toBe('https://baonamdinh.vn/b-2.html');
    document.head.innerHTML = '<link rel="canonical" href="javascript:void(0)">';
    expect(canonicalOf(document)).toBeUndefined();
    document.head.innerHTML = '';
    expect(canonicalOf(document)).toBeUndefined();
  });

  it('agrees with extraction on which link counts (the first canonical one with an address)', () => {
    const heads = [
      '<link rel="canonical"><link rel="alternate canonical" href="/c-3.html"><link rel="canonical" href="/d-4">',
      '<link rel="canonicalish" href="/x"><meta property="og:url" content="/og-5.html">',
      '<link rel="icon" href="/i.png"><link rel="CANONICAL" href="/e-6.html">',
    ];
    for (const head of heads) {
      document.head.innerHTML = head;
      const extracted = readMetadata(document);
      const named = extracted.canonical ?? metaValue(extracted.meta, 'og:url');
      expect(canonicalOf(document)).toBe(new URL(named as string, location.href).href);
    }
    document.head.innerHTML = '';
  });

  it('reads <head> only: a canonical link in the body is not the page’s word about itself', () => {
    document.head.innerHTML = '';
    document.body.innerHTML = '<link rel="canonical" href="/body-1.html"><p>Bài viết</p>';
    expect(canonicalOf(document)).toBeUndefined();
    expect(readMetadata(document).canonical).toBeNull();
    document.body.innerHTML = '';
  });
});

describe('chooseCanonical', () => {
  const A = 'https://spa.example.vn/bai-a-1';
  const B = 'https://spa.example.vn/bai-b-2';
  const C = 'https://spa.example.vn/bai-c-3';

  it('uses what the page names on first load and when <head> follows the navigation', () => {
    const first = chooseCanonical(null, A, `${A}.html`);
    expect(first.used).toBe(`${A}.html`);
    expect(chooseCanonical(first, B, `${B}.html`).used).toBe(`${B}.html`);
  });

  it('drops a canonical left behind by in-page navigation, and keeps dropping it', () => {
    const first = chooseCanonical(null, A, `${A}.html`);
    const second = chooseCanonical(first, B, `${A}.html`);
    expect(second.used).toBeUndefined();
    expect(chooseCanonical(second, C, `${A}.html`).used).toBeUndefined();
    // Reloading the same page's highlights (a sync) keeps each page's decision.
    expect(chooseCanonical(first, A, `${A}.html`).used).toBe(`${A}.html`);
    expect(chooseCanonical(second, B, `${A}.html`).used).toBeUndefined();
  });
});
