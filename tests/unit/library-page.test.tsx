/** The library page with a fake API: filters become query syntax; bulk tag, delete and undo. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LibraryApi, LibraryPage } from '@/components/LibraryPage';
import { filtersToQuery } from '@/utils/library-query';
import type { HighlightRecord, SearchHitRecord } from '@/utils/messages';

const hit = (id: string, exact: string, url: string, title: string, clipped = false): SearchHitRecord => ({
  highlight: {
    id,
    url,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 1 },
    color: 'yellow',
    tags: ['lúa'],
    note: '',
    createdAt: 1,
    updatedAt: 1,
  } satisfies HighlightRecord,
  article: { url, title, site: 'baonamdinh.vn', clipped },
  matches: {},
});

function fakeApi(): LibraryApi & { queries: string[]; calls: string[] } {
  const queries: string[] = [];
  const calls: string[] = [];
  return {
    queries,
    calls,
    search: vi.fn(async (query: string) => {
      queries.push(query);
      return {
        total: 3,
        hits: [
          hit('a', 'câu một', 'https://baonamdinh.vn/a-1', 'Bài A'),
          hit('b', 'câu hai', 'https://baonamdinh.vn/a-1', 'Bài A'),
          hit('c', 'câu ba', 'https://baonamdinh.vn/b-2', 'Bài B', true),
        ],
      };
    }),
    tags: vi.fn(async () => [{ name: 'xây dựng Đảng', color: null, count: 3 }]),
    bulkTag: vi.fn(async (ids: string[], tags: string[]) => {
      calls.push(`tag ${ids.join(',')} ${tags.join('|')}`);
    }),
    bulkDelete: vi.fn(async (ids: string[]) => {
      calls.push(`delete ${ids.join(',')}`);
    }),
    bulkRestore: vi.fn(async (ids: string[]) => {
      calls.push(`restore ${ids.join(',')}`);
    }),
    exportHighlights: vi.fn(async (ids: string[] | null, format: string) => {
      calls.push(`export ${ids?.join(',') ?? 'all'} ${format}`);
    }),
    importFile: vi.fn(async () => 'Imported'),
    settings: vi.fn(async () => ({ autoClip: true })),
    setSettings: vi.fn(async (changes: { autoClip?: boolean }) => {
      calls.push(`settings ${JSON.stringify(changes)}`);
      return { autoClip: changes.autoClip ?? true };
    }),
  };
}

let host: HTMLElement;
const settle = () => act(async () => new Promise((r) => setTimeout(r, 200)));
afterEach(() => {
  if (!host) return;
  render(null, host);
  host.remove();
});
const button = (name: string) =>
  [...host.querySelectorAll('button')].find((b) => b.textContent?.startsWith(name));

describe('filtersToQuery', () => {
  it('turns the controls into search syntax, quoting values with spaces', () => {
    expect(
      filtersToQuery({
        text: ' lúa ',
        tags: ['xây dựng Đảng', 'HTX'],
        color: 'green',
        site: 'baonamdinh.vn',
        after: '2026-01-01',
        before: '2026-01-31',
      }),
    ).toBe(
      'lúa tag:"xây dựng Đảng" tag:HTX color:green site:baonamdinh.vn after:2026-01-01 until:2026-01-31',
    );
  });
});

describe('LibraryPage', () => {
  it('links an article with a saved copy to its clipping, and only that one', async () => {
    const api = fakeApi();
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<LibraryPage api={api} />, host));
    await settle();
    const links = [...host.querySelectorAll('.group .clipping-link')] as HTMLAnchorElement[];
    expect(links).toHaveLength(1);
    expect(links[0]?.closest('.group')?.querySelector('h3 a')?.textContent).toBe('Bài B');
    expect(links[0]?.getAttribute('href')).toBe(
      `/reader.html?url=${encodeURIComponent('https://baonamdinh.vn/b-2')}`,
    );
  });

  it('shows how far an import is, then its summary', async () => {
    const api = fakeApi();
    let finish: (summary: string) => void = () => {};
    let report: (fraction: number) => void = () => {};
    api.importFile = vi.fn(
      (_file: Blob, onProgress?: (fraction: number) => void) =>
        new Promise<string>((resolve) => {
          report = (f) => onProgress?.(f);
          finish = resolve;
        }),
    );
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<LibraryPage api={api} />, host));
    await settle();
    const input = host.querySelector('.import input[type="file"]') as HTMLInputElement;
    const file = new File(['{"format":"clipmark-backup"}'], 'backup.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    // The file itself, so the API can refuse one too large before reading it.
    expect(api.importFile).toHaveBeenCalledWith(file, expect.any(Function));
    await act(async () => report(0.4));
    const bar = host.querySelector('progress.import-progress') as HTMLProgressElement;
    expect(bar?.getAttribute('value')).toBe('0.4');
    expect(host.querySelector('.status')?.textContent).toBe('Importing… 40%');
    await act(async () => finish('Imported: 3 new highlights'));
    await settle();
    expect(host.querySelector('progress')).toBeNull();
    expect(host.querySelector('.status')?.textContent).toBe('Imported: 3 new highlights');
  });

  it('turns saving a clipping with the first highlight off and on', async () => {
    const api = fakeApi();
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<LibraryPage api={api} />, host));
    await settle();
    const box = host.querySelector('.setting input') as HTMLInputElement;
    expect(box.checked).toBe(true);
    await act(async () => box.click());
    await settle();
    expect(api.calls).toContain('settings {"autoClip":false}');
    expect(box.checked).toBe(false);
  });

  it('groups by article, filters by a tag chip, and bulk-tags then deletes with undo', async () => {
    const api = fakeApi();
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<LibraryPage api={api} />, host));
    await settle();
    expect([...host.querySelectorAll('.group h3 a:first-child')].map((a) => a.textContent)).toEqual([
      'Bài A',
      'Bài B',
    ]);
    expect(api.queries.at(-1)).toBe('');

    await act(async () => button('xây dựng Đảng')?.click());
    await settle();
    expect(api.queries.at(-1)).toBe('tag:"xây dựng Đảng"');

    const boxes = [...host.querySelectorAll('.results input[type="checkbox"]')] as HTMLInputElement[];
    await act(async () => {
      boxes[0]?.click();
      boxes[2]?.click();
    });
    const tagField = host.querySelector(
      '[aria-label="Tags to add to the selected highlights"]',
    ) as HTMLInputElement;
    await act(async () => {
      tagField.value = 'luận văn, HTX';
      tagField.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => button('Add tags')?.click());
    await settle();
    const again = [...host.querySelectorAll('.results input[type="checkbox"]')] as HTMLInputElement[];
    await act(async () => again[1]?.click());
    await act(async () => button('Delete selected')?.click());
    await settle();
    expect(api.calls).toEqual(['tag a,c luận văn|HTX', 'delete b']);
    expect(host.textContent).toContain('Deleted: 1.');
    await act(async () => button('Undo')?.click());
    await settle();
    expect(api.calls).toEqual(['tag a,c luận văn|HTX', 'delete b', 'restore b']);
  });
});
