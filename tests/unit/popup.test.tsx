/** The popup as a user sees it, rendered in happy-dom with a fake API. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupApi, type PopupData } from '@/components/Popup';
import type {
  ArticleInfo,
  HighlightRecord,
  SearchHitRecord,
  SyncStatus,
} from '@/utils/messaging/background-map';
import type { PageDetection } from '@/utils/messaging/tab-map';
import { fakeRecord } from '../support/factories';

const record = (id: string, exact: string, extra: Partial<HighlightRecord> = {}) =>
  fakeRecord(id, exact, { url: 'https://baonamdinh.vn/channel/5085/x-2561234', ...extra });

const NO_ARTICLE: ArticleInfo = {
  url: 'https://baonamdinh.vn/channel/5085/x-2561234',
  article: null,
  clipping: null,
};

function fakeApi(data: PopupData, info: ArticleInfo = NO_ARTICLE): PopupApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    lang: 'en',
    load: vi.fn(async () => data),
    readArticle: vi.fn(async () => info),
    tags: vi.fn(async () => [
      { name: 'nông nghiệp', color: null, count: 12 },
      { name: 'HTX', color: 'green' as const, count: 3 },
    ]),
    saveClipping: vi.fn(async () => {
      calls.push('save clipping');
      return { savedAt: Date.UTC(2026, 10, 27, 3, 0) };
    }),
    openClipping: vi.fn((url: string) => {
      calls.push(`open clipping ${url}`);
    }),
    remove: vi.fn(async (id) => {
      calls.push(`remove ${id}`);
    }),
    restore: vi.fn(async (id) => {
      calls.push(`restore ${id}`);
    }),
    scrollTo: vi.fn(async (id) => {
      calls.push(`scroll ${id}`);
    }),
    edit: vi.fn(async (id) => {
      calls.push(`edit ${id}`);
    }),
    search: vi.fn(async (query: string) => ({
      total: 1,
      hits: [
        {
          highlight: record('s', 'Công tác tổ chức xây dựng Đảng', { tags: ['chính trị'] }),
          article: {
            url: 'https://baonamdinh.vn/a-1',
            openUrl: 'https://www.baonamdinh.vn/a-1/',
            title: 'Bài A',
            site: 'baonamdinh.vn',
            clipped: false,
            byline: null,
            publishedAt: null,
            createdAt: 1,
            count: 1,
          },
          matches: { quote: query === 'to chuc' ? ['to', 'chuc'] : [] },
        },
      ],
    })),
    open: vi.fn((hit: SearchHitRecord, newTab: boolean) => {
      calls.push(`open ${hit.article.openUrl}${newTab ? ' in a new tab' : ''}`);
    }),
    openOptions: vi.fn(() => {
      calls.push('open options');
    }),
    commandKeys: vi.fn(async () => ({ _execute_action: 'Alt+Shift+K', 'highlight-selection': '' })),
    openLibrary: vi.fn((section?: string) => {
      calls.push(section ? `library #${section}` : 'library');
    }),
    exportPage: vi.fn(async (url: string, format: string) => {
      calls.push(`export ${url} ${format}`);
    }),
    copyMarkdown: vi.fn(async (url: string) => {
      calls.push(`copy markdown ${url}`);
    }),
    getNote: vi.fn(async (url: string) => ({ url, note: '', noteUpdatedAt: null })),
    setNote: vi.fn(async (url: string, note: string) => {
      calls.push(`note ${url} ${note}`);
      return { url, note, noteUpdatedAt: 1 };
    }),
    cite: vi.fn(async (h: HighlightRecord) => {
      calls.push(`cite ${h.id}`);
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
  detection: null,
  ...extra,
});

const ARTICLE_DETECTION: PageDetection = {
  isArticle: true,
  score: 70,
  reasons: [
    { id: 'url-article', points: 15 },
    { id: 'dateline', points: 10 },
    { id: 'dense-text', points: 25 },
    { id: 'main-heading', points: 10 },
    { id: 'author', points: 10 },
  ],
};
const LISTING_DETECTION: PageDetection = {
  isArticle: false,
  score: -55,
  reasons: [
    { id: 'url-listing', points: -25 },
    { id: 'teasers', points: -30 },
  ],
};

describe('Popup page card', () => {
  it('shows what was read from an article: headline, site, date as printed, byline, and why', async () => {
    const info: ArticleInfo = {
      url: NO_ARTICLE.url,
      article: {
        title: 'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào vận hành',
        canonicalUrl: null,
        byline: 'Xuân Thu',
        siteName: 'Báo Nam Định',
        lang: 'vi',
        publishedAt: '2020-02-05T08:02:00+07:00',
        modifiedAt: null,
        lead: null,
        excerpt: null,
        mainImage: null,
        wordCount: 420,
      },
      clipping: null,
    };
    const api = fakeApi(page([], { title: 'Lò sấy - Báo Nam Định', detection: ARTICLE_DETECTION }), info);
    await show(api);
    await act(async () => {});
    const card = host.querySelector('.card');
    expect(card?.getAttribute('data-kind')).toBe('article');
    expect(card?.querySelector('.badge')?.textContent).toBe('Article');
    expect(card?.querySelector('h2')?.textContent).toBe(info.article?.title);
    expect(card?.querySelector('h2')?.getAttribute('lang')).toBe('vi');
    // 05/02/2020 is 5 February, shown in the paper's own time zone, not converted.
    expect(card?.querySelector('.facts')?.textContent).toBe('Báo Nam Định · 5 Feb 2020, 08:02 (GMT+7)');
    expect(card?.querySelector('.byline')?.textContent).toBe('By Xuân Thu');
    // In words, the weightiest first; no score, no points.
    const reasons = [...(card?.querySelectorAll('.why li') ?? [])].map((li) => li.textContent);
    expect(reasons[0]).toBe('a block of continuous prose');
    expect(reasons[1]).toBe('address looks like an article');
    expect(reasons).toHaveLength(5);
    expect(card?.querySelector('.why summary')?.textContent).toBe('Why Clipmark reads this as an article');
    expect(card?.querySelector('.why')?.textContent).not.toMatch(/\d/);
  });

  it('says a listing is not an article, with its reasons, and does not read it', async () => {
    const api = fakeApi(page([], { title: 'Kinh tế', detection: LISTING_DETECTION }));
    await show(api);
    const card = host.querySelector('.card');
    expect(card?.getAttribute('data-kind')).toBe('page');
    expect(card?.querySelector('.badge')?.textContent).toBe('Not an article');
    expect(card?.querySelector('h2')?.textContent).toBe('Kinh tế');
    expect(card?.querySelector('.why summary')?.textContent).toBe(
      'Why Clipmark does not read this as an article',
    );
    expect([...(card?.querySelectorAll('.why .reasons-title') ?? [])].map((p) => p.textContent)).toEqual([
      'What points away from one',
    ]);
    expect([...(card?.querySelectorAll('.why li') ?? [])].map((li) => li.textContent)).toEqual([
      'many teaser headlines and little prose: a listing',
      'address looks like a category, tag or search page',
    ]);
    expect(api.readArticle).not.toHaveBeenCalled();
  });

  it('reads a page that is not an article when it has highlights, and keeps the tab title when nothing is found', async () => {
    const api = fakeApi(page([record('a', 'câu một')], { title: 'Docs', detection: LISTING_DETECTION }));
    await show(api);
    await act(async () => {});
    expect(api.readArticle).toHaveBeenCalledOnce();
    expect(host.querySelector('.card h2')?.textContent).toBe('Docs');
    expect(host.querySelector('.card')?.textContent).not.toContain('Reading');
  });

  it('says when the article could not be read, and still lists the highlights', async () => {
    const api = fakeApi(page([record('a', 'câu một')], { detection: ARTICLE_DETECTION }));
    api.readArticle = vi.fn(async () => {
      throw new Error('this page cannot be read');
    });
    await show(api);
    await act(async () => {});
    expect(host.querySelector('.card')?.textContent).toContain('Clipmark could not read this page');
    expect(host.querySelector('.quote')?.textContent).toBe('câu một');
  });
});

const SUMMARY = {
  title: 'Lò sấy lúa mới',
  canonicalUrl: null,
  byline: null,
  siteName: 'Báo Nam Định',
  lang: 'vi',
  publishedAt: null,
  modifiedAt: null,
  lead: null,
  excerpt: null,
  mainImage: null,
  wordCount: 300,
};

describe('Popup edit', () => {
  it('edits a highlight found on the page in the editor over the page; not one missing from it', async () => {
    const api = fakeApi(page([record('a', 'câu một'), record('b', 'câu hai')], { orphans: ['b'] }));
    await show(api);
    const edits = [...host.querySelectorAll('button.edit')] as HTMLButtonElement[];
    expect(edits).toHaveLength(1);
    expect(edits[0]?.getAttribute('aria-label')).toBe(
      'Edit this highlight’s colour, tags and note on the page',
    );
    await act(async () => edits[0]?.click());
    expect(api.calls).toContain('edit a');
  });

  it('offers no edit when the page’s content script did not answer', async () => {
    await show(fakeApi(page([record('a', 'câu một')], { orphans: null })));
    expect(host.querySelector('button.edit')).toBeNull();
  });
});

describe('Popup tag chips', () => {
  it('filter the library search by tag, alone or with words, most used first', async () => {
    const api = fakeApi(page([]));
    await show(api);
    const chips = [...host.querySelectorAll('.chip')];
    expect(chips.map((c) => c.textContent)).toEqual(['nông nghiệp 12', 'HTX 3']);
    await act(async () => (chips[0] as HTMLButtonElement).click());
    await act(async () => new Promise((r) => setTimeout(r, 200)));
    expect(api.search).toHaveBeenLastCalledWith('tag:"nông nghiệp"');
    expect(chips[0]?.getAttribute('aria-pressed')).toBe('true');
    expect(host.textContent).toContain('Công tác tổ chức xây dựng Đảng');
    const box = host.querySelector('input[type="search"]') as HTMLInputElement;
    await act(async () => {
      box.value = 'lò sấy';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => new Promise((r) => setTimeout(r, 200)));
    expect(api.search).toHaveBeenLastCalledWith('lò sấy tag:"nông nghiệp"');
    await act(async () => (chips[0] as HTMLButtonElement).click());
    await act(async () => new Promise((r) => setTimeout(r, 200)));
    expect(api.search).toHaveBeenLastCalledWith('lò sấy');
  });
});

describe('Popup clipping', () => {
  it('saves a copy of the article, then offers to open it', async () => {
    const api = fakeApi(page([], { detection: ARTICLE_DETECTION }), {
      url: NO_ARTICLE.url,
      article: SUMMARY,
      clipping: null,
    });
    await show(api);
    await act(async () => {});
    await act(async () => button('Save a copy of this article')?.click());
    await act(async () => {});
    expect(api.calls).toContain('save clipping');
    expect(host.querySelector('.clipping')?.textContent).toContain('Copy saved');
    await act(async () => button('Open saved copy')?.click());
    expect(api.calls).toContain(`open clipping ${NO_ARTICLE.url}`);
  });

  it('lists exactly the highlights the edit touched, saved and current text side by side', async () => {
    const highlights = [
      record('a', 'giảm 40% chi phí'),
      record('b', 'câu đã bị xoá'),
      record('c', 'câu không đổi'),
    ];
    const api = fakeApi(
      page(highlights, { detection: ARTICLE_DETECTION, changed: { a: 'giảm 45% chi phí' }, orphans: ['b'] }),
      { url: NO_ARTICLE.url, article: SUMMARY, clipping: { savedAt: 1_700_000_000_000, differs: true } },
    );
    await show(api);
    await act(async () => {});
    const edited = host.querySelector('.edited');
    expect(edited?.querySelector('h3')?.textContent).toBe('The article changed since you saved it');
    const rows = [...(edited?.querySelectorAll('.change') ?? [])].map((li) => ({
      id: li.getAttribute('data-id'),
      saved: li.querySelector('.saved')?.textContent,
      now: li.querySelector('.now')?.textContent,
    }));
    expect(rows).toEqual([
      { id: 'a', saved: 'giảm 40% chi phí', now: 'giảm 45% chi phí' },
      { id: 'b', saved: 'câu đã bị xoá', now: 'No longer on the page' },
    ]);
  });

  it('says nothing about edits when the page still matches its copy', async () => {
    const api = fakeApi(page([record('a', 'câu một')], { detection: ARTICLE_DETECTION }), {
      url: NO_ARTICLE.url,
      article: SUMMARY,
      clipping: { savedAt: 1_700_000_000_000, differs: false },
    });
    await show(api);
    await act(async () => {});
    expect(host.querySelector('.clipping')?.textContent).toContain('Open saved copy');
    expect(host.querySelector('.edited')).toBeNull();
  });

  it('says when the page changed but none of the highlights is affected', async () => {
    const api = fakeApi(page([record('a', 'câu một')], { detection: ARTICLE_DETECTION }), {
      url: NO_ARTICLE.url,
      article: SUMMARY,
      clipping: { savedAt: 1_700_000_000_000, differs: true },
    });
    await show(api);
    await act(async () => {});
    expect(host.querySelector('.edited')?.textContent).toContain('None of your highlights is affected.');
  });
});

describe('Popup sync line', () => {
  const status = (extra: Partial<SyncStatus>): SyncStatus => ({
    configured: true,
    server: 'http://127.0.0.1:5984',
    database: 'clipmark',
    username: null,
    hasPassword: false,
    encrypted: false,
    pending: 0,
    running: false,
    conflicts: 0,
    conflictIds: [],
    lastRun: null,
    ...extra,
  });
  it('says nothing without sync; when it last worked, or that it failed, and notes to review; opens the Sync section', async () => {
    const off = fakeApi(page([]));
    await show({ ...off, syncStatus: async () => status({ configured: false }) });
    expect(host.querySelector('.sync-line')).toBeNull();
    render(null, host);
    host.remove();

    const ok = fakeApi(page([]));
    const at = Date.UTC(2026, 11, 8, 2, 30);
    await show({
      ...ok,
      syncStatus: async () => status({ lastRun: { at, ok: true }, conflicts: 2, conflictIds: ['a', 'b'] }),
    });
    expect(host.querySelector('.sync-line')?.textContent).toMatch(/^Synced .+ · notes to review: 2$/);
    render(null, host);
    host.remove();

    const failed = fakeApi(page([]));
    await show({
      ...failed,
      syncStatus: async () =>
        status({ lastRun: { at, ok: false, error: { code: 'unreachable', message: 'Failed to fetch' } } }),
    });
    const line = host.querySelector('.sync-line');
    expect(line?.classList.contains('failed')).toBe(true);
    expect(line?.textContent).toBe('Sync failed — see the library');
    await act(async () => line?.querySelector('button')?.click());
    expect(failed.calls).toContain('library #sync');
  });
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
    // The result is a link to the passage at the address the user visited (www. and the slash kept).
    const link = host.querySelector('a.quote.open') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe(
      'https://www.baonamdinh.vn/a-1/#:~:text=C%C3%B4ng%20t%C3%A1c%20t%E1%BB%95%20ch%E1%BB%A9c%20x%C3%A2y%20d%E1%BB%B1ng%20%C4%90%E1%BA%A3ng',
    );
    await act(async () => link.click());
    expect(api.calls).toContain('open https://www.baonamdinh.vn/a-1/');
    // Ctrl-click and a middle click ask for a new tab, as on any link.
    await act(async () => {
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
      link.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 }));
    });
    expect(api.calls.filter((c) => c === 'open https://www.baonamdinh.vn/a-1/ in a new tab')).toHaveLength(2);
  });

  it('shows the page’s article note, and articles whose own note matches a search', async () => {
    const api = fakeApi(page([record('a', 'câu một')]));
    api.getNote = vi.fn(async (url: string) => ({ url, note: 'Ghi chú <b>trang</b>', noteUpdatedAt: 5 }));
    const search = api.search;
    api.search = vi.fn(async (query: string) => ({
      ...(await search(query)),
      notes: {
        total: 1,
        hits: [
          {
            url: 'https://example.vn/x',
            title: 'Bài X',
            site: 'example.vn',
            note: 'Tổ chức lại',
            noteUpdatedAt: 3,
            matches: ['to', 'chuc'],
          },
        ],
      },
    }));
    await show(api);
    expect(host.querySelector('.article-note-text')?.textContent).toBe('Ghi chú <b>trang</b>');
    const box = host.querySelector('input[type="search"]') as HTMLInputElement;
    await act(async () => {
      box.value = 'to chuc';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 200));
    });
    const hit = host.querySelector('.article-note-hit') as HTMLElement;
    expect([...hit.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Tổ', 'chức']);
    // The article itself opens, in a new tab: a link (no passage to land on).
    const link = hit.querySelector('a.open') as HTMLAnchorElement;
    expect([link.getAttribute('href'), link.target, link.rel]).toEqual([
      'https://example.vn/x',
      '_blank',
      'noopener noreferrer',
    ]);
  });

  it('copies the page’s Markdown note, and says so; says why when it cannot', async () => {
    const api = fakeApi(page([record('a', 'câu một')]));
    await show(api);
    const { url } = record('a', 'câu một');
    await act(async () => button('Copy as Markdown')?.click());
    expect(api.calls).toContain(`copy markdown ${url}`);
    expect(host.querySelector('.copy-markdown [role="status"]')?.textContent).toBe(
      'Copied: paste it into your notes.',
    );
    api.copyMarkdown = vi.fn(async () => {
      throw new Error('Write permission denied.');
    });
    render(null, host);
    host.remove();
    await show(api);
    await act(async () => button('Copy as Markdown')?.click());
    expect(host.querySelector('.copy-markdown [role="alert"]')?.textContent).toBe('Write permission denied.');
    expect(host.querySelector('.copy-markdown [role="status"]')).toBeNull();
  });

  it('copies a highlight with its citation, and says so; says why when it cannot', async () => {
    const api = fakeApi(page([record('a', 'câu một'), record('b', 'câu hai')], { orphans: ['b'] }));
    await show(api);
    const cites = [...host.querySelectorAll('button')].filter((b) => b.textContent === 'Cite');
    // One per highlight, also for one not found on the page (its quote and link are in the library).
    expect(cites).toHaveLength(2);
    // Its name holds its visible text (WCAG 2.5.3), its title says what it does.
    expect(cites[0]?.getAttribute('aria-label')).toBe('Cite highlight');
    expect(cites[0]?.title).toBe('Copy as a quotation with its citation and a link to the passage');
    await act(async () => cites[1]?.click());
    expect(api.calls).toContain('cite b');
    expect(host.querySelector('[role="status"]')?.textContent).toBe('Copied with citation.');
    api.cite = vi.fn(async () => {
      throw new Error('Write permission denied.');
    });
    await act(async () => cites[0]?.click());
    expect(host.querySelector('[role="alert"]')?.textContent).toBe(
      'Could not copy with citation. Write permission denied.',
    );
  });

  it('offers no copy on a page without highlights', async () => {
    await show(fakeApi(page([])));
    expect(button('Copy as Markdown')).toBeUndefined();
  });

  it('says so when the page is not a web page', async () => {
    await show(fakeApi({ kind: 'unsupported' }));
    expect(host.textContent).toContain('Clipmark works on web pages');
  });

  it('lists the keys on ? (not while typing in the search field), with the browser commands as the user set them', async () => {
    const api = fakeApi(page([record('a', 'câu một')]));
    await show(api);
    const keys = host.querySelector('details.keys') as HTMLDetailsElement;
    expect(keys.open).toBe(false);
    const search = host.querySelector('input.search') as HTMLInputElement;
    await act(async () => {
      search.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
    });
    expect(keys.open).toBe(false);
    await act(async () => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
    });
    expect(keys.open).toBe(true);
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    const rows = [...keys.querySelectorAll('.shortcut')].map((row) => row.textContent);
    expect(rows).toContain('Alt+J' + 'Go to the next highlight');
    expect(rows).toContain('Alt+Shift+K' + 'Open Clipmark’s popup');
    // A command the user took the keys from says so.
    expect(rows).toContain('not set' + 'Highlight the selection (also where the toolbar is not shown)');
    (host.querySelector('.popup-footer button.link') as HTMLButtonElement).click();
    expect(api.calls).toContain('open options');
  });
});

describe('Popup side panel button', () => {
  it('opens the side panel where the browser has one, and is not there where it has none', async () => {
    const api = fakeApi(page([record('a', 'Lò sấy lúa mới')]));
    await show(api);
    expect(button('Side panel')).toBeUndefined();
    render(null, host);
    host.remove();
    await show({ ...api, openPanel: () => api.calls.push('panel') });
    await act(async () => button('Side panel')?.click());
    expect(api.calls).toEqual(['panel']);
  });
});
