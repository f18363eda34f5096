/** Detection in the content script: only when asked, once per article address, again after in-page navigation. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchArticle } from '@/entrypoints/page-detect/article-watch';
import * as detect from '@/utils/article/detect';

beforeEach(() => {
  vi.useFakeTimers();
  history.replaceState(null, '', '/channel/5085/202611/lo-say-lua-2561234/?utm_source=zalo');
  document.body.innerHTML = `<h1>Lò sấy lúa</h1>${'<p>Hợp tác xã đưa lò sấy mới vào hoạt động. </p>'.repeat(30)}`;
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('watchArticle', () => {
  it('does nothing at load: a page nobody asks about costs no detection', async () => {
    const spy = vi.spyOn(detect, 'detectArticle');
    watchArticle(document);
    await vi.runAllTimersAsync();
    expect(spy).not.toHaveBeenCalled();
  });

  it('detects when asked, once for an address', () => {
    const spy = vi.spyOn(detect, 'detectArticle');
    const watch = watchArticle(document);
    const verdict = watch.current();
    expect(spy).toHaveBeenCalledOnce();
    expect(verdict.reasons.map((r) => r.id)).toContain('main-heading');
    expect(verdict.score).toBe(verdict.reasons.reduce((sum, r) => sum + r.points, 0));
    // Details (what was seen) stay in the tab; only ids and points travel.
    expect(verdict.reasons.every((r) => Object.keys(r).sort().join() === 'id,points')).toBe(true);
    // A new #fragment or tracking parameter is the same article: no second run.
    history.replaceState(null, '', '/channel/5085/202611/lo-say-lua-2561234/#binh-luan');
    expect(watch.current()).toBe(verdict);
    expect(spy).toHaveBeenCalledOnce();
  });

  it('detects again after an in-page navigation to another address, on the new content', () => {
    const watch = watchArticle(document);
    const before = watch.current();
    history.pushState(null, '', '/kinh-te/');
    document.body.innerHTML = Array.from(
      { length: 12 },
      (_, i) => `<article><h3><a href="/kinh-te/bai-${i}-25612${i}">Tin ${i}</a></h3></article>`,
    ).join('');
    const spy = vi.spyOn(detect, 'detectArticle');
    const after = watch.current();
    expect(spy).toHaveBeenCalledOnce();
    expect(after).not.toBe(before);
    expect(after.isArticle).toBe(false);
    expect(after.reasons.map((r) => r.id)).toContain('little-text');
  });
});
