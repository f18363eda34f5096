// The content script's page highlights: a new highlight is drawn at once, counted only once saved (issue #22).
import { beforeEach, describe, expect, it } from 'vitest';
import { PageHighlights, type Send } from '@/entrypoints/page-tools/page-highlights';
import { createHighlighter } from '@/utils/highlighter';
import type { DrawnHighlightRecord } from '@/utils/messaging/background-map';

const TEXT = 'Giá sấy mỗi tấn lúa năm nay là 150 nghìn đồng, thấp hơn năm ngoái.';

/** A background whose answer to `highlight.create` the test settles by hand. */
function background() {
  const writes: { payload: Record<string, unknown>; settle(ok: boolean): void }[] = [];
  const send = ((type: string, payload: Record<string, unknown>) => {
    if (type !== 'highlight.create') return Promise.resolve({ highlights: [], canonical: null });
    return new Promise((resolve, reject) => {
      writes.push({
        payload,
        settle: (ok) =>
          ok
            ? resolve({
                ...payload,
                createdAt: 1,
                updatedAt: 1,
                version: 1,
              } as unknown as DrawnHighlightRecord)
            : reject(new Error('refused')),
      });
    });
  }) as unknown as Send;
  return { send, writes };
}

/** Works out the selectors at once (the content script waits for the paint). */
const now = (run: () => void) => run();

function selectAll(): Range {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector('p') as Element);
  return range;
}
const marks = () => [...document.querySelectorAll('mark')].map((m) => m.textContent).join('');

beforeEach(() => {
  document.body.innerHTML = `<p>${TEXT}</p>`;
});

describe('PageHighlights.create', () => {
  it('draws on the call, lists the highlight as this page’s only once the background wrote it', async () => {
    const bg = background();
    const page = new PageHighlights(document, createHighlighter(document), bg.send, now);
    const { id, saved } = page.create(selectAll(), 'green', []);
    expect(marks()).toBe(TEXT);
    expect(page.status().anchored).toEqual([]);
    await expect.poll(() => bg.writes.length).toBe(1);
    expect(bg.writes[0]?.payload).toMatchObject({ id, color: 'green', quote: { exact: TEXT } });
    bg.writes[0]?.settle(true);
    expect((await saved).id).toBe(id);
    expect(page.status().anchored).toEqual([id]);
    expect(marks()).toBe(TEXT);
  });

  it('takes the mark off when the write fails, and never lists it', async () => {
    const bg = background();
    const page = new PageHighlights(document, createHighlighter(document), bg.send, now);
    const { saved } = page.create(selectAll(), 'yellow', []);
    await expect.poll(() => bg.writes.length).toBe(1);
    bg.writes[0]?.settle(false);
    await expect(saved).rejects.toThrow('refused');
    expect(marks()).toBe('');
    expect(document.querySelector('p')?.textContent).toBe(TEXT);
    expect(page.status().anchored).toEqual([]);
  });

  it('draws nothing for a selection without text', () => {
    const bg = background();
    const page = new PageHighlights(document, createHighlighter(document), bg.send, now);
    const empty = document.createRange();
    empty.setStart(document.body, 0);
    expect(() => page.create(empty, 'yellow', [])).toThrow();
    expect(marks()).toBe('');
    expect(bg.writes).toHaveLength(0);
  });

  it('sends at most the 1,000 characters of the page title the store keeps', async () => {
    document.title = 'T'.repeat(5000);
    const bg = background();
    new PageHighlights(document, createHighlighter(document), bg.send, now).create(selectAll(), 'blue', []);
    await expect.poll(() => bg.writes.length).toBe(1);
    expect(String(bg.writes[0]?.payload.pageTitle)).toHaveLength(1000);
  });

  it('reads the page for the selectors only after the paint, the address as it was at the key press', async () => {
    const bg = background();
    let paint: (() => void) | undefined;
    const page = new PageHighlights(document, createHighlighter(document), bg.send, (run) => {
      paint = run;
    });
    const { id } = page.create(selectAll(), 'pink', []);
    expect(marks()).toBe(TEXT);
    history.pushState(null, '', '/elsewhere');
    await Promise.resolve();
    expect(bg.writes).toHaveLength(0);
    paint?.();
    await expect.poll(() => bg.writes.length).toBe(1);
    expect(bg.writes[0]?.payload).toMatchObject({ id, quote: { exact: TEXT } });
    expect(String(bg.writes[0]?.payload.url)).not.toContain('/elsewhere');
  });
});

describe('PageHighlights.preview', () => {
  it('redraws a saved highlight in its new colour or takes it off; sync draws what is stored again', async () => {
    const bg = background();
    const page = new PageHighlights(document, createHighlighter(document), bg.send, now);
    const { id, saved } = page.create(selectAll(), 'yellow', []);
    await expect.poll(() => bg.writes.length).toBe(1);
    bg.writes[0]?.settle(true);
    await saved;
    expect(page.preview(id, { color: 'pink' })).toBe(true);
    expect(document.querySelector('mark')?.getAttribute('data-clipmark-color')).toBe('pink');
    expect(page.preview(id, { hidden: true })).toBe(true);
    expect(marks()).toBe('');
    expect(page.preview(id, { color: 'blue' })).toBe(false); // not drawn any more
    expect(page.preview('no-such-id', { hidden: true })).toBe(false);
  });
});
