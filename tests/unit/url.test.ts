import { describe, expect, it } from 'vitest';
import { normalizeUrl, sameArticle } from '@/utils/url';

describe('normalizeUrl', () => {
  const canonical = 'https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234';

  it.each([
    ['https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/'],
    ['http://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/'],
    ['https://www.baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/'],
    ['https://m.baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234'],
    ['https://BAONAMDINH.vn:443/channel/5085/202611/lo-say-lua-2561234/#comments'],
    [
      'https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/?utm_source=fb&utm_medium=social&fbclid=x1',
    ],
    ['https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/?zarsrc=30&gclid=abc'],
    ['https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234/amp/'],
  ])('%s is the same article', (variant) => {
    expect(normalizeUrl(variant)).toBe(canonical);
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
    expect(sameArticle('https://a.vn/x-1?utm_source=z', 'http://m.a.vn/x-1/')).toBe(true);
  });
});
