/** Detection in the content script: at idle, once per article address, again after in-page navigation. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import * as detect from '@/utils/article/detect';
import { watchArticle } from '../../entrypoints/content/article-watch';

let ctx: ContentScriptContext;
beforeEach(() => {
  vi.useFakeTimers();
  // happy-dom has no idle callbacks; the browser runs them when the page is idle, here on the next tick.
  vi.stubGlobal('requestIdleCallback', (run: IdleRequestCallback) =>
    setTimeout(() => run({ didTimeout: false, timeRemaining: () => 50 }), 1),
  );
  vi.stubGlobal('cancelIdleCallback', (id: number) => clearTimeout(id));
  ctx = new ContentScriptContext('content');
  history.replaceState(null, '', '/channel/5085/202611/lo-say-lua-2561234/?utm_source=zalo');
  document.body.innerHTML = `<h1>Lò sấy lúa</h1>${'<p>Hợp tác xã đưa lò sấy mới vào hoạt động. </p>'.repeat(30)}`;
});
afterEach(() => {
  ctx.abort();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('watchArticle', () => {
  it('detects in idle time after load, once for an address', async () => {
    const spy = vi.spyOn(detect, 'detectArticle');
    const watch = watchArticle(ctx, document);
    expect(spy).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(spy).toHaveBeenCalledOnce();
    const verdict = watch.current();
    expect(verdict.reasons.map((r) => r.id)).toContain('main-heading');
    expect(verdict.score).toBe(verdict.reasons.reduce((sum, r) => sum + r.points, 0));
    // Details (what was seen) stay in the tab; only ids and points travel.
    expect(verdict.reasons.every((r) => Object.keys(r).sort().join() === 'id,points')).toBe(true);
    // A new #fragment or tracking parameter is the same article: no second run.
    history.replaceState(null, '', '/channel/5085/202611/lo-say-lua-2561234/#binh-luan');
    watch.schedule();
    await vi.runAllTimersAsync();
    expect(watch.current()).toBe(verdict);
    expect(spy).toHaveBeenCalledOnce();
  });

  it('answers at once when asked before idle time came, and does not run again at idle', async () => {
    const spy = vi.spyOn(detect, 'detectArticle');
    const watch = watchArticle(ctx, document);
    const verdict = watch.current();
    await vi.runAllTimersAsync();
    expect(watch.current()).toBe(verdict);
    expect(spy).toHaveBeenCalledOnce();
  });

  it('detects again after an in-page navigation to another address, on the new content', async () => {
    const watch = watchArticle(ctx, document);
    await vi.runAllTimersAsync();
    const before = watch.current();
    history.pushState(null, '', '/kinh-te/');
    document.body.innerHTML = Array.from(
      { length: 12 },
      (_, i) => `<article><h3><a href="/kinh-te/bai-${i}-25612${i}">Tin ${i}</a></h3></article>`,
    ).join('');
    const spy = vi.spyOn(detect, 'detectArticle');
    watch.schedule();
    await vi.runAllTimersAsync();
    expect(spy).toHaveBeenCalledOnce();
    const after = watch.current();
    expect(after).not.toBe(before);
    expect(after.isArticle).toBe(false);
    expect(after.reasons.map((r) => r.id)).toContain('little-text');
  });

  it('stops when the content script is invalidated', async () => {
    const spy = vi.spyOn(detect, 'detectArticle');
    watchArticle(ctx, document);
    ctx.abort();
    await vi.runAllTimersAsync();
    expect(spy).not.toHaveBeenCalled();
  });
});
