// The content script's core (issue #17): one message at load, the page tools only when the page needs them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type CoreSend, startCore } from '@/entrypoints/content/core';
import { findHandoff, type PageDetector, type PageTools } from '@/entrypoints/content/handoff';
import type { DrawnHighlightRecord } from '@/utils/messaging/background-map';

const RECORD = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  url: 'localhost/article',
  quote: { type: 'TextQuoteSelector', exact: 'lúa', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: 3 },
  color: 'yellow',
} as unknown as DrawnHighlightRecord;

/**
 * A background: answers the page's highlights with `list`, and "injects" the tools on `page.loadTools` the way
 * page-tools.js starts (it finds the core's handoff, takes what the core loaded, attaches).
 */
function background(list: DrawnHighlightRecord[], { refuseTools = false } = {}) {
  const sent: string[] = [];
  const taken: unknown[] = [];
  const tools = {
    answer: vi.fn(async () => ({ ok: true, value: 'answered' })),
    checkSelection: vi.fn(),
    navigated: vi.fn(),
    page: {} as PageTools['page'],
  } satisfies PageTools;
  const detector = {
    detect: vi.fn(() => ({ isArticle: true, score: 60, reasons: [] })),
    answerStatus: vi.fn(async () => ({ ok: true, value: 'answered by detection' })),
  } satisfies PageDetector;
  const send = (async (type: string, payload: unknown) => {
    sent.push(type === 'page.loadTools' ? `${type} ${(payload as { part: string }).part}` : type);
    if (type === 'highlight.listForPage') return list;
    if (type === 'page.loadTools') {
      if (refuseTools) throw new Error('no tools today');
      const core = findHandoff();
      if (!core) return { started: false };
      const parts = (payload as { part: string }).part.split('+');
      if (parts.includes('detect')) core.attachDetector(detector);
      if (parts.includes('tools') && !core.tools) {
        taken.push(core.takeFirstLoad());
        core.attach(tools);
      }
      return { started: true };
    }
    throw new Error(`unexpected ${type}`);
  }) as CoreSend;
  return { send, sent, taken, tools, detector };
}

/** A user's event: happy-dom's dispatched events are untrusted, as a page's are. */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

function select(node: Node): void {
  const range = document.createRange();
  range.selectNodeContents(node);
  document.getSelection()?.removeAllRanges();
  document.getSelection()?.addRange(range);
}

let ctx: ContentScriptContext;
beforeEach(() => {
  document.body.innerHTML = '<p>Giá sấy mỗi tấn lúa năm nay</p><input value="tìm kiếm">';
  document.getSelection()?.removeAllRanges();
  ctx = new ContentScriptContext('content');
});
afterEach(() => ctx.abort());

describe('the content script core at page load', () => {
  it('asks for the page’s highlights and nothing more when there are none', async () => {
    const bg = background([]);
    const core = startCore(ctx, document, bg.send);
    await core.started;
    expect(bg.sent).toEqual(['highlight.listForPage']);
    expect(findHandoff()?.tools).toBeNull();
  });

  it('loads the tools when there are highlights, and hands them the list it got (asked once)', async () => {
    const bg = background([RECORD]);
    const core = startCore(ctx, document, bg.send);
    await core.started;
    expect(bg.sent).toEqual(['highlight.listForPage', 'page.loadTools tools']);
    expect(bg.taken).toEqual([{ url: location.href, canonicalChoice: expect.any(Object), list: [RECORD] }]);
    // Taken once: a later load asks the background again.
    expect(findHandoff()?.takeFirstLoad()).toBeNull();
  });
});

describe('the user’s selection', () => {
  it('brings the tools and shows the toolbar for the selection made before they came', async () => {
    const bg = background([]);
    await startCore(ctx, document, bg.send).started;
    select(document.querySelector('p') as Node);
    document.dispatchEvent(trusted(new MouseEvent('mouseup', { bubbles: true })));
    await vi.waitFor(() => expect(bg.tools.checkSelection).toHaveBeenCalledOnce());
    expect(bg.sent).toEqual(['highlight.listForPage', 'page.loadTools tools+ui']);
  });

  it('ignores a page’s dispatched mouseup and keyup, a click without a selection, and text fields', async () => {
    const bg = background([]);
    await startCore(ctx, document, bg.send).started;
    select(document.querySelector('p') as Node);
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    document.dispatchEvent(new KeyboardEvent('keyup', { key: 'Shift', bubbles: true }));
    document.getSelection()?.removeAllRanges();
    document.dispatchEvent(trusted(new MouseEvent('mouseup', { bubbles: true })));
    select(document.querySelector('input') as Node);
    document.dispatchEvent(trusted(new KeyboardEvent('keyup', { key: 'Shift', bubbles: true })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(bg.sent).toEqual(['highlight.listForPage']);
  });

  it('a keyboard selection (Shift+arrows) counts like a mouse one', async () => {
    const bg = background([]);
    await startCore(ctx, document, bg.send).started;
    select(document.querySelector('p') as Node);
    document.dispatchEvent(trusted(new KeyboardEvent('keyup', { key: 'ArrowRight', bubbles: true })));
    await vi.waitFor(() => expect(bg.tools.checkSelection).toHaveBeenCalledOnce());
  });
});

describe('messages from the extension', () => {
  const sender = { id: 'clipmark' };
  const status = { clipmark: 1, type: 'page.status', payload: {} };

  it('the popup’s question about a page without highlights is answered by detection alone, loaded once', async () => {
    const bg = background([]);
    const core = startCore(ctx, document, bg.send);
    // Asked before the page's own question was answered: it waits for it rather than guess.
    const answered = core.answer(status, sender);
    expect(await answered).toEqual({ ok: true, value: 'answered by detection' });
    await core.answer(status, sender);
    expect(bg.detector.answerStatus).toHaveBeenCalledTimes(2);
    expect(bg.detector.answerStatus).toHaveBeenLastCalledWith(status, sender);
    expect(bg.sent).toEqual(['highlight.listForPage', 'page.loadTools detect']);
    expect(findHandoff()?.tools).toBeNull();
  });

  it('on a page with highlights, the tools answer it, loaded with detection in one injection', async () => {
    const bg = background([RECORD]);
    const core = startCore(ctx, document, bg.send);
    await core.started;
    expect(await core.answer(status, sender)).toEqual({ ok: true, value: 'answered' });
    expect(bg.sent).toEqual(['highlight.listForPage', 'page.loadTools tools']);
    expect(bg.detector.answerStatus).not.toHaveBeenCalled();
  });

  it('any other message loads the tools with the UI and is answered by them; the tools load once', async () => {
    const bg = background([]);
    const core = startCore(ctx, document, bg.send);
    await core.started;
    const edit = { clipmark: 1, type: 'page.edit', payload: { id: RECORD.id } };
    expect(await core.answer(edit, sender)).toEqual({ ok: true, value: 'answered' });
    // Once the tools are here, they answer the status too (what is drawn comes from them).
    expect(await core.answer(status, sender)).toEqual({ ok: true, value: 'answered' });
    expect(bg.tools.answer).toHaveBeenCalledTimes(2);
    expect(bg.sent).toEqual(['highlight.listForPage', 'page.loadTools tools+ui']);
  });

  it('a page that did not get its highlights (the background failed) gets the tools for the popup', async () => {
    const bg = background([]);
    const failing = (async (type: string, payload: unknown) => {
      if (type === 'highlight.listForPage') throw new Error('the library is unavailable');
      return bg.send(type as never, payload as never);
    }) as CoreSend;
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const core = startCore(ctx, document, failing);
    await core.started;
    expect(warned).toHaveBeenCalledOnce();
    expect(await core.answer(status, sender)).toEqual({ ok: true, value: 'answered' });
    expect(bg.sent).toEqual(['page.loadTools tools+detect']);
  });

  it('a refused load is an error for that message, and is asked again for the next', async () => {
    const bg = background([], { refuseTools: true });
    const core = startCore(ctx, document, bg.send);
    await core.started;
    await expect(core.answer({}, {})).rejects.toThrow('no tools today');
    await expect(core.answer(status, sender)).rejects.toThrow('no tools today');
    await expect(core.answer(status, sender)).rejects.toThrow('no tools today');
    expect(bg.sent.filter((type) => type.startsWith('page.loadTools'))).toEqual([
      'page.loadTools tools+ui',
      'page.loadTools detect',
      'page.loadTools detect',
    ]);
  });
});

describe('in-page navigation', () => {
  it('ignores a locationchange event the page forged (no URLs cross the worlds)', async () => {
    const bg = background([]);
    await startCore(ctx, document, bg.send).started;
    // What a page can dispatch: the event's name with addresses that are not URLs of this world. Were they
    // believed, the core would ask for another address's highlights.
    // WXT's name for it is public: `<extension id>:<entrypoint>:wxt:locationchange` (no entrypoint in unit tests).
    const name = `${fakeBrowser.runtime.id}:${import.meta.env.ENTRYPOINT}:wxt:locationchange`;
    const forged = Object.assign(new Event(name), {
      newUrl: { href: 'https://localhost/other-article' },
      oldUrl: { href: location.href },
    });
    window.dispatchEvent(forged);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(bg.sent).toEqual(['highlight.listForPage']);
  });
});
