/** The side panel as a user sees it (happy-dom, fake API), and the pieces it stands on: the background's notice. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type PanelApi, type PanelData, SidePanel } from '@/components/SidePanel';
import { NOTICE_DELAY_MS, pageNotifier } from '@/entrypoints/background/notify-pages';
import type { HighlightRecord, SearchHitRecord } from '@/utils/messaging/background-map';
import { isLibraryChanged, LIBRARY_CHANGED } from '@/utils/messaging/notices';
import { panelOpener } from '@/utils/side-panel';
import { fakeRecord } from '../support/factories';

const URL_A = 'https://baonamdinh.vn/channel/5085/x-2561234';
const record = (id: string, exact: string, extra: Partial<HighlightRecord> = {}) =>
  fakeRecord(id, exact, { url: URL_A, ...extra });

const HIGHLIGHTS = [
  record('h1', 'Lò sấy lúa mới giúp nông dân', { note: 'đọc lại', tags: ['nông nghiệp'] }),
  record('h2', 'Hợp tác xã đầu tư 2 tỷ đồng', { tags: ['HTX'] }),
  record('h3', 'Câu này đã bị xoá khỏi trang'),
];

const hit = (h: HighlightRecord, quote: string[], url = h.url): SearchHitRecord => ({
  highlight: h,
  article: {
    url,
    openUrl: `${url}/`,
    title: url === URL_A ? 'Lò sấy' : 'Bài khác',
    site: 'baonamdinh.vn',
    clipped: false,
    byline: null,
    publishedAt: null,
    createdAt: 1,
    count: 1,
  },
  matches: { quote },
});

function fakeApi(data: PanelData) {
  const calls: string[] = [];
  /** The article notes asked for. */
  const notesRead: string[] = [];
  let listener: (() => void) | null = null;
  let current = data;
  const api: PanelApi = {
    load: vi.fn(async () => current),
    subscribe(l) {
      listener = l;
      return () => {
        listener = null;
      };
    },
    search: vi.fn(async (query: string) => {
      calls.push(`search ${query}`);
      const elsewhere = record('o1', 'Hợp tác xã ở Giao Thủy', { url: 'https://baonamdinh.vn/b' });
      return /hop tac/.test(query)
        ? {
            total: 2,
            hits: [hit(elsewhere, ['hop', 'tac']), hit(HIGHLIGHTS[1] as HighlightRecord, ['hop', 'tac'])],
          }
        : { total: 0, hits: [] };
    }),
    scrollTo: vi.fn(async (id: string) => {
      calls.push(`scroll ${id}`);
      return id !== 'h3';
    }),
    edit: vi.fn(async (id: string) => {
      calls.push(`edit ${id}`);
    }),
    remove: vi.fn(async (id: string) => {
      calls.push(`remove ${id}`);
    }),
    restore: vi.fn(async (id: string) => {
      calls.push(`restore ${id}`);
    }),
    open: vi.fn((h: SearchHitRecord, newTab: boolean) => {
      calls.push(`open ${h.article.openUrl}${newTab ? ' in a new tab' : ''}`);
    }),
    openLibrary: vi.fn(() => {
      calls.push('library');
    }),
    getNote: vi.fn(async (url: string) => {
      notesRead.push(url);
      return {
        url,
        note: url === URL_A ? 'Bài về lò sấy của HTX Đồng Tiến.' : '',
        noteUpdatedAt: url === URL_A ? 5 : null,
      };
    }),
    setNote: vi.fn(async (url: string, note: string) => {
      calls.push(`note ${url} ${note}`);
      return { url, note, noteUpdatedAt: 6 };
    }),
  };
  return {
    api,
    calls,
    notesRead,
    /** The tab or the library changed: the panel is told. */
    change(next: PanelData) {
      current = next;
      listener?.();
    },
    subscribed: () => listener !== null,
  };
}

const page = (highlights: HighlightRecord[], extra: Partial<Extract<PanelData, { kind: 'page' }>> = {}) =>
  ({
    kind: 'page',
    url: URL_A,
    title: 'Lò sấy lúa mới',
    highlights,
    orphans: [],
    changed: {},
    ...extra,
  }) as PanelData;

let host: HTMLElement;
async function show(api: PanelApi) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => {
    render(<SidePanel api={api} />, host);
  });
  await act(async () => {});
}
afterEach(() => {
  render(null, host);
  host.remove();
  vi.useRealTimers();
});
const quotes = () => [...host.querySelectorAll('li.highlight .quote')].map((q) => q.textContent);
const button = (name: string) =>
  [...host.querySelectorAll('button')].find(
    (b) => b.textContent === name || b.getAttribute('aria-label') === name,
  );

async function type(text: string) {
  vi.useFakeTimers();
  const input = host.querySelector('input[type=search]') as HTMLInputElement;
  await act(async () => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    vi.advanceTimersByTime(500);
  });
  vi.useRealTimers();
  await act(async () => {});
}

describe('the side panel', () => {
  it('lists the page’s highlights in the order given (reading order), with notes and tags; the lost ones apart', async () => {
    const { api } = fakeApi(page(HIGHLIGHTS, { orphans: ['h3'] }));
    await show(api);
    expect(host.querySelector('h2')?.textContent).toBe('Lò sấy lúa mới');
    expect(quotes()).toEqual([
      'Lò sấy lúa mới giúp nông dân',
      'Hợp tác xã đầu tư 2 tỷ đồng',
      'Câu này đã bị xoá khỏi trang',
    ]);
    expect(host.querySelector('li[data-id="h1"] .note')?.textContent).toBe('đọc lại');
    expect(host.querySelector('li[data-id="h1"] .tags')?.textContent).toContain('nông nghiệp');
    expect(host.querySelector('.orphans li[data-id="h3"]')).not.toBeNull();
    // What is not on the page cannot be shown there.
    expect(host.querySelector('.orphans button.open')).toBeNull();
  });

  it('shows a highlight on the page when its quote is clicked, and says so when it is not there', async () => {
    const { api, calls } = fakeApi(page(HIGHLIGHTS));
    await show(api);
    await act(async () => (host.querySelector('li[data-id="h2"] button.open') as HTMLButtonElement).click());
    expect(calls).toEqual(['scroll h2']);
    expect(host.querySelector('[role=alert]')).toBeNull();
    await act(async () => (host.querySelector('li[data-id="h3"] button.open') as HTMLButtonElement).click());
    await act(async () => {});
    expect(host.querySelector('[role=alert]')?.textContent).toBe(
      'This highlight is not on the page as it is now.',
    );
  });

  it('searches with the library’s search: this page’s matches in reading order, marked, then the rest of the library', async () => {
    const { api, calls } = fakeApi(page(HIGHLIGHTS));
    await show(api);
    await type('hop tac');
    expect(calls).toEqual(['search hop tac']);
    expect(quotes()).toEqual(['Hợp tác xã đầu tư 2 tỷ đồng', 'Hợp tác xã ở Giao Thủy']);
    expect([...host.querySelectorAll('li[data-id="h2"] mark')].map((m) => m.textContent)).toEqual([
      'Hợp',
      'tác',
    ]);
    const elsewhere = host.querySelector('.elsewhere');
    expect(elsewhere?.querySelector('h3')?.textContent).toBe('Elsewhere in your library');
    // A result elsewhere opens at its passage, at the address the user visited (in the tab beside the panel).
    await act(async () => elsewhere?.querySelector<HTMLAnchorElement>('a.open')?.click());
    expect(calls).toContain('open https://baonamdinh.vn/b/');
    await type('khong co');
    expect(host.textContent).toContain('Nothing on this page matches.');
    expect(host.querySelector('.elsewhere')).toBeNull();
  });

  it('shows what changed when it is told: another tab, or the library', async () => {
    const fake = fakeApi(page(HIGHLIGHTS.slice(0, 1)));
    await show(fake.api);
    expect(quotes()).toEqual(['Lò sấy lúa mới giúp nông dân']);
    await act(async () => fake.change(page(HIGHLIGHTS.slice(0, 2))));
    await act(async () => {});
    expect(quotes()).toHaveLength(2);
    await act(async () => fake.change({ kind: 'unsupported' }));
    await act(async () => {});
    expect(quotes()).toEqual([]);
    expect(host.textContent).toContain('Clipmark works on web pages');
    await act(async () => render(null, host));
    expect(fake.subscribed()).toBe(false);
  });

  it('shows the latest page when the answers about two tabs come back out of order', async () => {
    const fake = fakeApi(page(HIGHLIGHTS.slice(0, 1)));
    await show(fake.api);
    const answers: ((data: PanelData) => void)[] = [];
    fake.api.load = vi.fn(() => new Promise<PanelData>((resolve) => answers.push(resolve)));
    await act(async () => {
      fake.change(page(HIGHLIGHTS));
      fake.change(page(HIGHLIGHTS));
    });
    // The second tab's answer first, then the first tab's, late.
    await act(async () => answers[1]?.(page(HIGHLIGHTS.slice(1, 2), { title: 'Tab B' })));
    await act(async () => answers[0]?.(page(HIGHLIGHTS.slice(0, 1), { title: 'Tab A' })));
    expect(host.querySelector('h2')?.textContent).toBe('Tab B');
    expect(quotes()).toEqual(['Hợp tác xã đầu tư 2 tỷ đồng']);
  });

  it('deletes with undo, and edits over the page', async () => {
    const { api, calls } = fakeApi(page(HIGHLIGHTS));
    await show(api);
    await act(async () => (host.querySelector('li[data-id="h1"] button.edit') as HTMLButtonElement).click());
    await act(async () =>
      (host.querySelector('li[data-id="h1"] button.delete') as HTMLButtonElement).click(),
    );
    expect(document.activeElement).toBe(button('Undo'));
    await act(async () => button('Undo')?.click());
    expect(calls).toEqual(['edit h1', 'remove h1', 'restore h1']);
  });

  it('shows the article’s note under its title, and another page’s when the tab changes', async () => {
    const fake = fakeApi(page(HIGHLIGHTS));
    await show(fake.api);
    await act(async () => {});
    expect(host.querySelector('.article-note .note')?.textContent).toBe('Bài về lò sấy của HTX Đồng Tiến.');
    expect(fake.notesRead).toEqual([URL_A]);
    const other = 'https://baonamdinh.vn/b';
    await act(async () => fake.change(page([], { url: other, title: 'Bài khác' })));
    await act(async () => {});
    expect(fake.notesRead).toEqual([URL_A, other]);
    expect(host.querySelector('.article-note .note')).toBeNull();
  });

  it('lists articles whose note matches among the rest of the library, not this page’s own', async () => {
    const fake = fakeApi(page(HIGHLIGHTS));
    const search = fake.api.search;
    fake.api.search = vi.fn(async (query: string) => ({
      ...(await search(query)),
      notes: {
        total: 2,
        hits: [
          {
            url: URL_A,
            title: 'Lò sấy',
            site: 'baonamdinh.vn',
            note: 'Hợp tác xã',
            noteUpdatedAt: 5,
            matches: ['hop', 'tac'],
          },
          {
            url: 'https://baonamdinh.vn/c',
            title: 'Bài C',
            site: 'baonamdinh.vn',
            note: 'Hợp tác xã Giao Thủy',
            noteUpdatedAt: 3,
            matches: ['hop', 'tac'],
          },
        ],
      },
    }));
    await show(fake.api);
    await type('hop tac');
    const notes = [...host.querySelectorAll('.elsewhere .article-note-hit .open')].map((b) => b.textContent);
    expect(notes).toEqual(['Bài C']);
  });
});

describe('the library-changed notice', () => {
  const self = { id: 'clipmark', origin: 'chrome-extension://clipmark/' };
  const fromBackground = { id: 'clipmark', url: 'chrome-extension://clipmark/background.js' };

  it('is believed only from this extension’s own pages outside tabs, in exactly its shape', () => {
    expect(isLibraryChanged(LIBRARY_CHANGED, fromBackground, self)).toBe(true);
    // A content script (it has a tab), another extension, or another page's request: no.
    expect(isLibraryChanged(LIBRARY_CHANGED, { ...fromBackground, tab: { id: 3 } }, self)).toBe(false);
    expect(isLibraryChanged(LIBRARY_CHANGED, { id: 'other', url: fromBackground.url }, self)).toBe(false);
    expect(isLibraryChanged(LIBRARY_CHANGED, { id: 'clipmark', url: 'https://evil.example/' }, self)).toBe(
      false,
    );
    expect(isLibraryChanged({ clipmark: 1, type: 'library.search', payload: {} }, fromBackground, self)).toBe(
      false,
    );
    expect(isLibraryChanged({ ...LIBRARY_CHANGED, extra: 1 }, fromBackground, self)).toBe(false);
    expect(isLibraryChanged(null, fromBackground, self)).toBe(false);
  });

  it('is sent once per burst of writes, and a page not listening is no error', async () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const notifier = pageNotifier(async (notice) => {
      sent.push(notice);
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    notifier.changed();
    vi.advanceTimersByTime(NOTICE_DELAY_MS / 2);
    notifier.changed();
    notifier.changed();
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(NOTICE_DELAY_MS);
    expect(sent).toEqual([LIBRARY_CHANGED]);
    notifier.changed();
    vi.advanceTimersByTime(NOTICE_DELAY_MS);
    expect(sent).toHaveLength(2);
  });
});

describe('opening the panel', () => {
  it('uses Firefox’s sidebar, else Chromium’s side panel for the window, else there is no button', async () => {
    const calls: string[] = [];
    const chromium = panelOpener({
      sidePanel: { open: async ({ windowId }) => void calls.push(`panel ${windowId}`) },
    });
    await chromium?.(7);
    const firefox = panelOpener({ sidebarAction: { open: async () => void calls.push('sidebar') } });
    await firefox?.(7);
    expect(calls).toEqual(['panel 7', 'sidebar']);
    expect(panelOpener({})).toBeNull();
  });
});
