import { describe, expect, it, vi } from 'vitest';
import { routeStatusQuestion, routeTabMessage, type TabHandlers } from '@/utils/messaging/tab-router';

const SELF = { id: 'clipmark-id', origin: 'chrome-extension://clipmark-id/' };
const popup = { id: SELF.id, url: `${SELF.origin}popup.html?tab=3` };
const status = { url: 'https://a.vn/x', anchored: ['a'], orphans: [], changed: [] };

function handlers(): TabHandlers {
  return {
    'page.status': vi.fn(async () => ({ ...status, detection: { isArticle: false, score: 0, reasons: [] } })),
    'page.sync': vi.fn(async () => status),
    'page.highlightSelection': vi.fn(async () => ({ id: null })),
    'page.scrollTo': vi.fn(async ({ id }) => ({ found: id === 'a' })),
    'page.edit': vi.fn(async ({ id }) => ({ opened: id === 'a' })),
    'page.editorClosed': vi.fn(async () => ({ closed: true })),
    'page.preview': vi.fn(async ({ id }) => ({ shown: id === 'a' })),
  };
}

describe('routeTabMessage (content script side)', () => {
  it('closes the editor only for the editor (an extension page), never for a web page', async () => {
    const h = handlers();
    const editor = { id: SELF.id, url: `${SELF.origin}editor.html?id=a` };
    const closed = { clipmark: 1, type: 'page.editorClosed', payload: {} };
    expect(await routeTabMessage(closed, editor, SELF, h)).toEqual({ ok: true, value: { closed: true } });
    expect(await routeTabMessage(closed, { url: 'https://a.vn/x' }, SELF, h)).toMatchObject({ ok: false });
    expect(h['page.editorClosed']).toHaveBeenCalledTimes(1);
  });

  it('takes a preview of a colour or of the highlight gone, and nothing else', async () => {
    const h = handlers();
    const editor = { id: SELF.id, url: `${SELF.origin}editor.html?id=a` };
    const preview = (payload: unknown) =>
      routeTabMessage({ clipmark: 1, type: 'page.preview', payload }, editor, SELF, h);
    expect(await preview({ id: 'a', color: 'pink' })).toEqual({ ok: true, value: { shown: true } });
    expect(await preview({ id: 'a', hidden: true })).toEqual({ ok: true, value: { shown: true } });
    for (const bad of [
      { id: 'a', color: 'red' },
      { id: 'a', note: 'x' },
      { id: '', hidden: true },
    ])
      expect(await preview(bad)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(h['page.preview']).toHaveBeenCalledTimes(2);
  });

  it('answers Clipmark pages', async () => {
    const h = handlers();
    expect(
      await routeTabMessage({ clipmark: 1, type: 'page.scrollTo', payload: { id: 'a' } }, popup, SELF, h),
    ).toEqual({ ok: true, value: { found: true } });
    expect(vi.mocked(h['page.scrollTo']).mock.calls[0]?.[0]).toEqual({ id: 'a' });
  });

  it.each([
    ['another extension', { id: 'other', url: 'chrome-extension://other/x.html' }],
    ['a content script of ours in some page', { id: SELF.id, url: 'https://evil.example/' }],
    ['no sender url', { id: SELF.id }],
  ])('refuses %s', async (_, sender) => {
    const h = handlers();
    const result = await routeTabMessage({ clipmark: 1, type: 'page.status', payload: {} }, sender, SELF, h);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h['page.status']).not.toHaveBeenCalled();
  });

  it('validates the envelope and the payload', async () => {
    const h = handlers();
    for (const message of [
      null,
      { clipmark: 1, type: 'page.delete', payload: {} },
      { clipmark: 1, type: 'page.scrollTo', payload: { id: 5 } },
      { clipmark: 1, type: 'page.status', payload: { extra: true } },
    ]) {
      expect(await routeTabMessage(message, popup, SELF, h)).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
    }
    expect(h['page.scrollTo']).not.toHaveBeenCalled();
  });

  it('answers a failing handler with an error value, and names what was invalid', async () => {
    const h = handlers();
    h['page.sync'] = vi.fn(async () => {
      throw new Error('boom');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await routeTabMessage({ clipmark: 1, type: 'page.sync', payload: {} }, popup, SELF, h)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'page.sync failed' },
    });
    expect(error).toHaveBeenCalled();
    const invalid = await routeTabMessage(
      { clipmark: 1, type: 'page.edit', payload: { id: '' } },
      popup,
      SELF,
      h,
    );
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(invalid.ok || invalid.error.message.startsWith('page.edit: id: ')).toBe(true);
  });
});

describe('routeStatusQuestion (a page whose tools are not loaded: entrypoints/page-detect/)', () => {
  const answer = () =>
    vi.fn(async () => ({ ...status, detection: { isArticle: true, score: 60, reasons: [] } }));

  it('answers the popup’s page.status', async () => {
    const status$ = answer();
    const result = await routeStatusQuestion(
      { clipmark: 1, type: 'page.status', payload: {} },
      popup,
      SELF,
      status$,
    );
    expect(result).toMatchObject({ ok: true, value: { detection: { isArticle: true } } });
  });

  it('refuses every other type, a bad payload, and any sender that is not one of our pages', async () => {
    const status$ = answer();
    for (const type of ['page.edit', 'page.highlightSelection', 'page.sync'])
      expect(
        await routeStatusQuestion({ clipmark: 1, type, payload: { id: 'a' } }, popup, SELF, status$),
      ).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(
      await routeStatusQuestion(
        { clipmark: 1, type: 'page.status', payload: { x: 1 } },
        popup,
        SELF,
        status$,
      ),
    ).toMatchObject({ ok: false, error: { code: 'invalid' } });
    for (const sender of [
      { id: SELF.id, url: 'https://evil.example/' },
      { id: 'other', url: popup.url },
    ])
      expect(
        await routeStatusQuestion({ clipmark: 1, type: 'page.status', payload: {} }, sender, SELF, status$),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(status$).not.toHaveBeenCalled();
  });
});
