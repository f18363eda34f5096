/** The popup as a user sees it, rendered in happy-dom with a fake API. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupApi, type PopupData } from '@/components/Popup';
import type { HighlightRecord } from '@/utils/messages';

const record = (id: string, exact: string, extra: Partial<HighlightRecord> = {}): HighlightRecord => ({
  id,
  url: 'https://baonamdinh.vn/channel/5085/x-2561234',
  quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: exact.length },
  color: 'yellow',
  tags: [],
  note: '',
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});

function fakeApi(data: PopupData): PopupApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    load: vi.fn(async () => data),
    remove: vi.fn(async (id) => {
      calls.push(`remove ${id}`);
    }),
    restore: vi.fn(async (id) => {
      calls.push(`restore ${id}`);
    }),
    scrollTo: vi.fn(async (id) => {
      calls.push(`scroll ${id}`);
    }),
    search: vi.fn(async (query: string) => ({
      total: 1,
      hits: [
        {
          highlight: record('s', 'Công tác tổ chức xây dựng Đảng', { tags: ['chính trị'] }),
          article: { url: 'https://baonamdinh.vn/a-1', title: 'Bài A', site: 'baonamdinh.vn' },
          matches: { quote: query === 'to chuc' ? ['to', 'chuc'] : [] },
        },
      ],
    })),
    open: vi.fn((url: string) => {
      calls.push(`open ${url}`);
    }),
    openLibrary: vi.fn(() => {
      calls.push('library');
    }),
    exportPage: vi.fn(async (url: string, format: string) => {
      calls.push(`export ${url} ${format}`);
    }),
  };
}

let host: HTMLElement;
async function show(api: PopupApi) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => {
    render(<Popup api={api} />, host);
  });
  await act(async () => {});
}
afterEach(() => {
  render(null, host);
  host.remove();
});
const button = (name: string) =>
  [...host.querySelectorAll('button')].find(
    (b) => b.textContent === name || b.getAttribute('aria-label') === name,
  );

const page = (
  highlights: HighlightRecord[],
  extra: Partial<Extract<PopupData, { kind: 'page' }>> = {},
): PopupData => ({
  kind: 'page',
  url: 'https://baonamdinh.vn/channel/5085/x-2561234',
  title: 'Lò sấy lúa mới',
  highlights,
  orphans: [],
  changed: {},
  ...extra,
});

describe('Popup', () => {
  it('lists the page’s highlights with tags, quotes as text not markup', async () => {
    await show(fakeApi(page([record('a', '<b>not bold</b> câu một', { tags: ['lúa', 'HTX'] })])));
    expect(host.querySelector('h2')?.textContent).toBe('Lò sấy lúa mới');
    expect(host.querySelector('.quote')?.textContent).toBe('<b>not bold</b> câu một');
    expect(host.querySelector('.quote b')).toBeNull();
    expect([...host.querySelectorAll('.tag')].map((e) => e.textContent)).toEqual(['lúa', 'HTX']);
    expect(host.textContent).toContain('Highlights on this page: 1');
  });

  it('tells a new user what to do on a page without highlights', async () => {
    await show(fakeApi(page([])));
    expect(host.querySelector('.empty')?.textContent).toMatch(/Select a passage and press H/);
  });

  it('separates highlights not found on the page, and flags changed text with the text now', async () => {
    const data = page([record('a', 'còn đây'), record('b', 'đã mất'), record('c', 'cũ')], {
      orphans: ['b'],
      changed: { c: 'mới' },
    });
    await show(fakeApi(data));
    const orphanSection = host.querySelector('.orphans');
    expect(orphanSection?.textContent).toContain('Not found on this page');
    expect(orphanSection?.textContent).toContain('đã mất');
    expect(orphanSection?.textContent).not.toContain('còn đây');
    const changed = host.querySelector('[data-id="c"] .changed');
    expect(changed?.textContent).toContain('Text changed since you highlighted it.');
    expect(changed?.textContent).toContain('mới');
    expect(host.querySelector('[data-id="c"] .quote')?.textContent).toBe('cũ');
  });

  it('deletes with undo, and shows the page on click', async () => {
    const api = fakeApi(page([record('a', 'câu một')]));
    await show(api);
    await act(async () => {
      (host.querySelector('.quote.open') as HTMLButtonElement).click();
    });
    await act(async () => {
      button('Delete this highlight')?.click();
    });
    expect(host.querySelector('.undo')?.textContent).toContain('Highlight deleted.');
    await act(async () => {
      button('Undo')?.click();
    });
    await act(async () => {});
    expect(api.calls).toEqual(['scroll a', 'remove a', 'restore a']);
    expect(host.querySelector('.undo')).toBeNull();
  });

  it('searches the whole library, marking the matched words, and opens a result’s page', async () => {
    const api = fakeApi(page([record('a', 'câu một')]));
    await show(api);
    const box = host.querySelector('input[type="search"]') as HTMLInputElement;
    await act(async () => {
      box.value = 'to chuc';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 200));
    });
    expect(api.search).toHaveBeenCalledWith('to chuc');
    expect([...host.querySelectorAll('.quote mark')].map((m) => m.textContent)).toEqual(['tổ', 'chức']);
    expect(host.textContent).toContain('Bài A · baonamdinh.vn');
    expect(host.querySelector('[data-id="a"]')).toBeNull(); // the page's own list gives way to results
    await act(async () => (host.querySelector('.quote.open') as HTMLButtonElement).click());
    expect(api.calls).toContain('open https://baonamdinh.vn/a-1');
  });

  it('says so when the page is not a web page', async () => {
    await show(fakeApi({ kind: 'unsupported' }));
    expect(host.textContent).toContain('Clipmark works on web pages');
  });
});
