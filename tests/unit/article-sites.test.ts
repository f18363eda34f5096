// The adapter convention, enforced: every adapter names example addresses, matches each, is the adapter
// chosen for each (not shadowed by an earlier one), and classifies each as its example says.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFor } from '@/utils/article/sites';
import { genericUrlKind, isReferenceUrl } from '@/utils/article/url-shape';

describe.each(ADAPTERS.map((a) => [a.id, a] as const))('adapter %s', (_id, adapter) => {
  it('has example URLs of articles and of listings or home pages', () => {
    expect(adapter.exampleUrls.some((e) => e.kind === 'article')).toBe(true);
    expect(adapter.exampleUrls.some((e) => e.kind !== 'article')).toBe(true);
  });

  it.each(adapter.exampleUrls.map((e) => [e.url, e.kind] as const))(
    '%s is handled here as %s',
    (url, kind) => {
      const parsed = new URL(url);
      expect(adapter.matches(parsed)).toBe(true);
      expect(adapterFor(parsed).id).toBe(adapter.id);
      expect(adapter.urlKind(parsed)).toBe(kind);
    },
  );

  it('has a valid default offset and selectors the DOM accepts', () => {
    expect(adapter.defaultOffset).toMatch(/^[+-]\d{2}:\d{2}$/);
    const selectors = [
      ...Object.values(adapter.selectors).filter((s) => typeof s === 'string'),
      ...adapter.selectors.noise,
    ];
    for (const selector of selectors) expect(() => document.querySelector(selector as string)).not.toThrow();
  });
});

describe('adapterFor', () => {
  it('gives a Vietnamese page on an unknown host the Vietnamese rules', () => {
    expect(adapterFor(new URL('https://ghichep.example.com/2026/11/x/'), 'vi-VN').id).toBe('generic-vi');
    expect(adapterFor(new URL('https://ghichep.example.com/2026/11/x/'), 'en').id).toBe('generic');
  });

  it('keeps a site adapter whatever the page language says', () => {
    expect(adapterFor(new URL('https://baonamdinh.vn/channel/5083/'), 'en').id).toBe('baonamdinh');
  });
});

describe('URL shapes', () => {
  it.each([
    ['https://example.com/', 'home'],
    ['https://example.com/index.html', 'home'],
    ['https://example.com/tag/bridges/', 'listing'],
    ['https://example.com/news/page/3', 'listing'],
    ['https://example.com/?s=bridge', 'listing'],
    ['https://example.com/2026/11/09/council-approves-bridge', 'article'],
    ['https://example.com/news/world-europe-12345678', 'article'],
    ['https://example.com/why-we-moved-our-servers-to-the-basement', 'article'],
    ['https://example.com/about', null],
  ])('%s is %s', (url, kind) => {
    expect(genericUrlKind(new URL(url))).toBe(kind);
  });

  it('recognises documentation and encyclopedia addresses', () => {
    expect(isReferenceUrl(new URL('https://docs.example.dev/guide/configuration'))).toBe(true);
    expect(isReferenceUrl(new URL('https://en.wikipedia.org/wiki/Hanoi'))).toBe(true);
    expect(isReferenceUrl(new URL('https://example.com/docs/install'))).toBe(true);
    expect(isReferenceUrl(new URL('https://fandom.wikia.com/articles/star-wars-news'))).toBe(false);
    expect(isReferenceUrl(new URL('https://baonamdinh.vn/channel/5083/202002/x-2540155/'))).toBe(false);
  });
});
