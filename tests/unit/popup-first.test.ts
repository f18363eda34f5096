// The popup's first questions leave from popup-first.js before its Preact modules load (issue #17); main.tsx
// takes them from there.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPageLink, publishEarlyStart, takeEarlyStart } from '@/entrypoints/popup/page-link';

const DETECTION = { isArticle: true, score: 60, reasons: [] };

beforeEach(() => {
  fakeBrowser.reset();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('clipmark.popup-first')];
});

async function articleTab(url: string): Promise<{ id: number; url: string }> {
  const tab = (await fakeBrowser.tabs.create({ url })) as { id?: number };
  history.replaceState(null, '', `/popup.html?tab=${tab.id}`);
  return { id: tab.id as number, url };
}

describe('the popup’s page link', () => {
  it('asks the tab and the library at once, and answers with both', async () => {
    const tab = await articleTab('https://baonamdinh.vn/kinh-te/202611/lo-say-lua-2561234/');
    const tabMessages: unknown[] = [];
    const backgroundMessages: unknown[] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (id: number, m: unknown) => {
      tabMessages.push([id, m]);
      return {
        ok: true,
        value: { url: tab.url, anchored: ['h1'], orphans: ['h2'], changed: [], detection: DETECTION },
      };
    }) as never);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (m: unknown) => {
      backgroundMessages.push(m);
      return { ok: true, value: [] };
    }) as never);
    const link = createPageLink();
    const data = await link.load();
    expect(data).toMatchObject({ kind: 'page', url: tab.url, orphans: ['h2'], detection: DETECTION });
    expect(link.tabId()).toBe(tab.id);
    expect(tabMessages).toEqual([[tab.id, { clipmark: 1, type: 'page.status', payload: {} }]]);
    expect(backgroundMessages).toEqual([
      { clipmark: 1, type: 'highlight.listForPage', payload: { url: tab.url } },
    ]);
  });

  it('a page whose content script does not answer still gets its highlights, with no verdict', async () => {
    await articleTab('https://example.org/a');
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist'));
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, value: [] } as never);
    expect(await createPageLink().load()).toMatchObject({ kind: 'page', orphans: null, detection: null });
  });

  it('an extension page or a browser page is not a page it can highlight', async () => {
    await articleTab('chrome://settings/');
    expect(await createPageLink().load()).toEqual({ kind: 'unsupported' });
  });
});

describe('takeEarlyStart', () => {
  it('takes what popup-first.js started', async () => {
    const link = createPageLink();
    const first = Promise.resolve({ kind: 'unsupported' } as const);
    publishEarlyStart({ link, first });
    expect(takeEarlyStart()).toEqual({ link, first });
  });

  it('starts the same itself when popup-first.js did not run', async () => {
    await articleTab('chrome://newtab/');
    const early = takeEarlyStart();
    expect(await early.first).toEqual({ kind: 'unsupported' });
  });
});
