/**
 * The library page with a fake API: filters become query syntax; bulk tag, delete and undo; an import that
 * would replace or trash anything asks first, and what imports replaced can be put back.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LibraryApi, LibraryPage } from '@/components/LibraryPage';
import type { ImportAnswer, ImportResult } from '@/utils/export/import-records';
import type {
  HighlightRecord,
  ReplacedSummary,
  SearchHitRecord,
  SettingsRecord,
  SyncStatus,
} from '@/utils/messaging/background-map';
import { filtersToQuery } from '@/utils/search/query-from-filters';

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
  article: {
    url,
    title,
    site: 'baonamdinh.vn',
    clipped,
    byline: null,
    publishedAt: null,
    createdAt: 1,
    count: 1,
  },
  matches: {},
});

const zero = { articles: 0, highlights: 0, tags: 0, trash: 0, clippings: 0 };
/** An import's counts: nothing, unless given. */
const counts = (extra: Partial<ImportResult> = {}): ImportResult => ({
  added: zero,
  updated: zero,
  skipped: zero,
  refused: zero,
  refusedRecords: [],
  trashed: 0,
  kept: 0,
  ...extra,
});
const applied = (extra: Partial<ImportResult> = {}): ImportAnswer => ({
  ...counts(extra),
  status: 'applied',
});

const SYNC_OFF: SyncStatus = {
  configured: false,
  server: null,
  database: null,
  username: null,
  hasPassword: false,
  encrypted: false,
  pending: 0,
  running: false,
  conflicts: 0,
  conflictIds: [],
  lastRun: null,
};

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
    importFile: vi.fn(async () => applied()),
    replaced: vi.fn(async () => ({ total: 0, items: [] as ReplacedSummary[] })),
    putBack: vi.fn(async (seq: number) => {
      calls.push(`put back ${seq}`);
    }),
    syncStatus: vi.fn(async () => SYNC_OFF),
    syncConfigure: vi.fn(async () => SYNC_OFF),
    syncNow: vi.fn(async () => SYNC_OFF),
    noteConflict: vi.fn(async () => {
      throw new Error('no conflict');
    }),
    resolveNote: vi.fn(async () => SYNC_OFF),
    getNote: vi.fn(async (url: string) => ({ url, note: '', noteUpdatedAt: null })),
    setNote: vi.fn(async (url: string, note: string) => {
      calls.push(`note ${url} ${note}`);
      return { url, note, noteUpdatedAt: 2 };
    }),
    settings: vi.fn(async () => ({ autoClip: true, citationStyle: 'apa' as const })),
    setSettings: vi.fn(async (changes: Partial<SettingsRecord>) => {
      calls.push(`settings ${JSON.stringify(changes)}`);
      return { autoClip: changes.autoClip ?? true, citationStyle: changes.citationStyle ?? 'apa' };
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
/** Mounts the page on `api`. */
async function mount(api: LibraryApi) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<LibraryPage api={api} />, host));
  await settle();
}
/** Chooses `file` in the import field, as the file picker does. */
async function choose(file: File) {
  const input = host.querySelector('.import input[type="file"]') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}
const backupFile = () =>
  new File(['{"format":"clipmark-backup"}'], 'backup.json', { type: 'application/json' });

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
    let finish: (answer: ImportAnswer) => void = () => {};
    let report: (fraction: number) => void = () => {};
    api.importFile = vi.fn(
      (_file: Blob, onProgress?: (fraction: number) => void) =>
        new Promise<ImportAnswer>((resolve) => {
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
    expect(api.importFile).toHaveBeenCalledWith(file, expect.any(Function), undefined);
    await act(async () => report(0.4));
    const bar = host.querySelector('progress.import-progress') as HTMLProgressElement;
    expect(bar?.getAttribute('value')).toBe('0.4');
    expect(host.querySelector('.status')?.textContent).toBe('Importing… 40%');
    await act(async () => finish(applied({ added: { ...zero, highlights: 3 } })));
    await settle();
    expect(host.querySelector('progress')).toBeNull();
    // A file that only adds is applied without asking, and the summary says why.
    expect(host.querySelector('.status')?.textContent).toBe(
      'Imported: 3 new highlights, 0 updated, 0 already there. Nothing of yours was replaced or deleted, so the import did not need your confirmation.',
    );
  });

  it('asks before an import replaces or trashes anything, and applies it only when confirmed', async () => {
    const api = fakeApi();
    const token = 'a'.repeat(64);
    const plan = counts({
      added: { ...zero, highlights: 40, articles: 2, tags: 1 },
      updated: { ...zero, highlights: 12 },
      skipped: { ...zero, highlights: 5 },
      refused: { ...zero, highlights: 1 },
      refusedRecords: [
        {
          path: 'highlights[7]',
          reason: "updatedAt is 2090-01-01T00:00:00.000Z, more than a day after this computer's clock",
        },
      ],
      trashed: 3,
      kept: 15,
    });
    api.importFile = vi.fn(async (_file: Blob, _progress?: (f: number) => void, confirm?: string) =>
      confirm === token
        ? ({ ...plan, status: 'applied' } as const)
        : ({ ...plan, status: 'confirm', token, changed: false } as const),
    );
    await mount(api);
    const file = backupFile();
    await choose(file);
    const dialog = () => host.querySelector('[role="alertdialog"]');
    expect(dialog()?.querySelector('h2')?.textContent).toBe(
      'Before importing: this file would change your library',
    );
    expect([...(dialog()?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
      '12 highlights would replace yours',
      '3 of your highlights would be moved to the trash',
      '40 highlights and 3 other records (articles, tags, saved copies) would be added',
      '5 highlights are already in your library and stay as they are',
      "highlights[7]: updatedAt is 2090-01-01T00:00:00.000Z, more than a day after this computer's clock",
    ]);
    expect(dialog()?.textContent).toContain('1 records of the file were left out');
    expect(document.activeElement).toBe(dialog());
    expect(api.importFile).toHaveBeenCalledTimes(1);

    // Cancel: nothing was applied.
    await act(async () => button('Cancel')?.click());
    expect(dialog()).toBeNull();
    expect(host.querySelector('.status')?.textContent).toBe('Import cancelled: nothing was changed.');
    expect(api.importFile).toHaveBeenCalledTimes(1);

    // Again, and confirmed: the same file goes with the preview's token.
    await choose(file);
    await act(async () => button('Import and replace')?.click());
    await settle();
    expect(api.importFile).toHaveBeenLastCalledWith(file, expect.any(Function), token);
    expect(dialog()).toBeNull();
    expect(host.querySelector('.status')?.textContent).toBe(
      'Imported: 40 new highlights, 12 updated, 5 already there. 3 of your highlights moved to the trash. Your previous versions (15) are kept under “Replaced by imports”.',
    );
    // The records it left out, in the result too, with their reasons.
    expect(host.querySelector('.import-done')?.textContent).toContain('highlights[7]: updatedAt is 2090');
  });

  it('previews a Hypothesis file that only adds, with what it leaves out and why, and writes nothing until asked', async () => {
    const api = fakeApi();
    const token = 'b'.repeat(64);
    const plan = counts({
      added: { ...zero, highlights: 2, articles: 2, tags: 4 },
      leftOut: {
        count: 2,
        records: [
          { path: 'annotations[5]', reason: 'a reply whose parent is not in the file' },
          {
            path: 'annotations[6]',
            reason: 'an annotation on a PDF (urn:x-pdf:6a2b): Clipmark keeps highlights of web pages only',
          },
        ],
      },
    });
    api.importFile = vi.fn(async (_file: Blob, _progress?: (f: number) => void, confirm?: string) =>
      confirm === token
        ? ({ ...plan, status: 'applied' } as const)
        : ({ ...plan, status: 'confirm', token, changed: false } as const),
    );
    await mount(api);
    await choose(new File(['{"export_date":"x","annotations":[]}'], 'hypothesis.json'));
    const dialog = () => host.querySelector('[role="alertdialog"]');
    expect(dialog()?.querySelector('h2')?.textContent).toBe(
      'Before importing: this is what the file would add',
    );
    expect(dialog()?.textContent).toContain('2 parts of the file will not be imported:');
    expect(dialog()?.textContent).toContain('annotations[5]: a reply whose parent is not in the file');
    expect(dialog()?.textContent).not.toContain('Replaced by imports');
    await act(async () => button('Import')?.click());
    await settle();
    expect(api.importFile).toHaveBeenLastCalledWith(expect.any(File), expect.any(Function), token);
    expect(host.querySelector('.import-done')?.textContent).toContain(
      '2 parts of the file were not imported:',
    );
  });

  it('shows each article’s own note in its head, and matching notes of articles not listed', async () => {
    const api = fakeApi();
    const base = await api.search('', 0);
    api.search = vi.fn(async () => ({
      ...base,
      hits: base.hits.map((h) =>
        h.article.url === 'https://baonamdinh.vn/a-1'
          ? { ...h, article: { ...h.article, note: 'Ghi chú bài A', noteUpdatedAt: 5 } }
          : h,
      ),
      notes: {
        total: 1,
        hits: [
          {
            url: 'https://example.vn/only-a-note',
            title: 'Chỉ có ghi chú',
            site: 'example.vn',
            note: '<b>Đường</b> làng',
            noteUpdatedAt: 9,
            matches: ['duong'],
          },
        ],
      },
    }));
    await mount(api);
    const heads = [...host.querySelectorAll('.group')].map(
      (g) => g.querySelector('.article-note-text')?.textContent ?? '',
    );
    expect(heads).toEqual(['<b>Đường</b> làng', 'Ghi chú bài A', '']);
    expect(host.querySelector('.article-notes mark')?.textContent).toBe('Đường');
    expect(host.querySelector('.article-notes b')).toBeNull();
  });

  it('when the library changed since the preview, shows what the file would do now and asks again', async () => {
    const api = fakeApi();
    const first = { ...counts({ updated: { ...zero, highlights: 2 }, kept: 2 }), status: 'confirm' as const };
    api.importFile = vi
      .fn()
      .mockResolvedValueOnce({ ...first, token: '1'.repeat(64), changed: false })
      .mockResolvedValueOnce({
        ...first,
        updated: { ...zero, highlights: 1 },
        token: '2'.repeat(64),
        changed: true,
      });
    await mount(api);
    await choose(backupFile());
    await act(async () => button('Import and replace')?.click());
    await settle();
    const dialog = host.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('Your library changed since this file was checked.');
    expect(dialog?.textContent).toContain('1 highlights would replace yours');
    expect(api.importFile).toHaveBeenLastCalledWith(expect.any(File), expect.any(Function), '1'.repeat(64));
    // Escape is Cancel.
    await act(async () => {
      dialog?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(host.querySelector('[role="alertdialog"]')).toBeNull();
    expect(host.querySelector('.status')?.textContent).toBe('Import cancelled: nothing was changed.');
  });

  it('lists what imports replaced, and puts a version back', async () => {
    const api = fakeApi();
    const item: ReplacedSummary = {
      seq: 4,
      at: Date.UTC(2026, 10, 7, 3, 0),
      cause: 'import',
      change: 'trashed',
      kind: 'highlight',
      key: 'a',
      url: 'https://baonamdinh.vn/a-1',
      text: 'câu một',
      note: 'ghi chú của tôi',
      tags: ['lúa'],
    };
    api.replaced = vi
      .fn()
      .mockResolvedValueOnce({ total: 1, items: [item] })
      .mockResolvedValue({ total: 0, items: [] });
    await mount(api);
    await act(async () => button('Replaced by imports')?.click());
    await settle();
    const panel = host.querySelector('section.replaced');
    expect(panel?.querySelector('.replaced-item')?.textContent).toContain('Highlight');
    expect(panel?.textContent).toContain('moved to the trash by an import, 7 Nov 2026');
    expect(panel?.textContent).toContain('ghi chú của tôi');
    await act(async () => button('Put back')?.click());
    await settle();
    expect(api.calls).toContain('put back 4');
    expect(host.querySelector('section.replaced')?.textContent).toContain('No import has replaced anything.');
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

  it('chooses the citation style Copy with citation writes', async () => {
    const api = fakeApi();
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<LibraryPage api={api} />, host));
    await settle();
    const label = [...host.querySelectorAll('label')].find((l) =>
      l.textContent?.startsWith('Citation style'),
    );
    const chooser = label?.querySelector('select') as HTMLSelectElement;
    expect(chooser.value).toBe('apa');
    expect([...chooser.options].map((o) => [o.value, o.textContent])).toEqual([
      ['apa', 'APA 7th edition'],
      ['chicago-author-date', 'Chicago 18th edition (author-date)'],
      ['mla', 'MLA 9th edition'],
    ]);
    chooser.value = 'chicago-author-date';
    await act(async () => {
      chooser.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(api.calls).toContain('settings {"citationStyle":"chicago-author-date"}');
    expect(chooser.value).toBe('chicago-author-date');
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

    const boxes = [
      ...host.querySelectorAll('.results .highlight input[type="checkbox"]'),
    ] as HTMLInputElement[];
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
    const again = [
      ...host.querySelectorAll('.results .highlight input[type="checkbox"]'),
    ] as HTMLInputElement[];
    await act(async () => again[1]?.click());
    await act(async () => button('Delete selected')?.click());
    await settle();
    expect(api.calls).toEqual(['tag a,c luận văn|HTX', 'delete b']);
    expect(host.textContent).toContain('Deleted: 1.');
    await act(async () => button('Undo')?.click());
    await settle();
    expect(api.calls).toEqual(['tag a,c luận văn|HTX', 'delete b', 'restore b']);
  });

  it('lists an article in reading order (or as sorted), with its date, author and count (issue 20)', async () => {
    const api = fakeApi();
    const at = (
      h: SearchHitRecord,
      start: number,
      createdAt: number,
      color: 'yellow' | 'pink' = 'yellow',
    ) => ({
      ...h,
      highlight: { ...h.highlight, position: { ...h.highlight.position, start }, createdAt, color },
      article: {
        ...h.article,
        byline: 'Minh Anh',
        publishedAt: '2026-11-09T07:45:00+07:00',
        count: 5,
      },
    });
    // Newest first, as the search answers without words.
    api.search = vi.fn(async () => ({
      total: 3,
      hits: [
        at(hit('late', 'câu cuối bài', 'https://baonamdinh.vn/a-1', 'Bài A'), 900, 30, 'pink'),
        at(hit('first', 'câu đầu bài', 'https://baonamdinh.vn/a-1', 'Bài A'), 10, 20),
        at(hit('mid', 'câu giữa bài', 'https://baonamdinh.vn/a-1', 'Bài A'), 400, 10),
      ],
    }));
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<LibraryPage api={api} lang="vi" />, host));
    await settle();
    const quotes = () => [...host.querySelectorAll('.group .quote')].map((q) => q.textContent);
    expect(quotes()).toEqual(['câu đầu bài', 'câu giữa bài', 'câu cuối bài']);
    const facts = host.querySelector('.article-facts')?.textContent;
    expect(facts).toBe('07:45, 09/11/2026 (GMT+7) · By Minh Anh · Highlights: 5');
    const order = host.querySelector('select') as HTMLSelectElement;
    for (const [value, expected] of [
      ['newest', ['câu cuối bài', 'câu đầu bài', 'câu giữa bài']],
      ['oldest', ['câu giữa bài', 'câu đầu bài', 'câu cuối bài']],
      ['color', ['câu đầu bài', 'câu giữa bài', 'câu cuối bài']],
    ] as const) {
      await act(async () => {
        order.value = value;
        order.dispatchEvent(new Event('change', { bubbles: true }));
      });
      expect(quotes()).toEqual(expected);
    }
  });

  it('filters by a tag clicked on a highlight, selects all shown, and tags them with Enter', async () => {
    const api = fakeApi();
    await mount(api);
    const tagButton = host.querySelector('.group button.tag') as HTMLButtonElement;
    expect(tagButton.textContent).toBe('lúa');
    await act(async () => tagButton.click());
    await settle();
    expect(api.queries.at(-1)).toBe('tag:lúa');
    expect((host.querySelector('.group button.tag') as HTMLButtonElement).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const all = host.querySelector('.select-all input') as HTMLInputElement;
    await act(async () => all.click());
    expect(host.textContent).toContain('Selected: 3');
    const tagField = host.querySelector(
      '[aria-label="Tags to add to the selected highlights"]',
    ) as HTMLInputElement;
    await act(async () => {
      tagField.value = 'luận văn';
      tagField.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      tagField.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(api.calls).toEqual(['tag a,b,c luận văn']);
    // Select all again, then clear: nothing stays selected.
    await act(async () => all.click());
    await act(async () => all.click());
    expect(host.textContent).toContain('Selected: 0');
  });

  it('reads the highlight-date fields day first, as the interface writes dates, and says when a day is wrong', async () => {
    const api = fakeApi();
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<LibraryPage api={api} lang="vi" />, host));
    await settle();
    const [from, until] = [...host.querySelectorAll('fieldset.dates input')] as HTMLInputElement[];
    expect(from?.getAttribute('placeholder')).toBe('nn/tt/nnnn');
    const typeIn = (field: HTMLInputElement | undefined, value: string) =>
      act(async () => {
        if (!field) return;
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
    await typeIn(from, '01/11/2026');
    await typeIn(until, '31/02/2026');
    await settle();
    expect(api.queries.at(-1)).toBe('after:2026-11-01');
    expect(until?.getAttribute('aria-invalid')).toBe('true');
    await typeIn(until, '30/11/2026');
    await settle();
    expect(api.queries.at(-1)).toBe('after:2026-11-01 until:2026-11-30');
    // Leaving a field writes the day in full, still a day the field reads.
    await typeIn(from, '1/11/2026');
    await act(async () => {
      from?.dispatchEvent(new FocusEvent('blur'));
    });
    expect(from?.value).toBe('01/11/2026');
    expect(from?.getAttribute('aria-invalid')).toBe('false');
    expect(host.querySelector('fieldset.dates legend')?.textContent).toBe('Day highlighted (not published)');
  });
});
