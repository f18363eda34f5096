/** The reader page as a user sees it, rendered in happy-dom with a fake library. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { type ReaderApi, ReaderPage } from '@/components/ReaderPage';
import type { ClippingRecord, HighlightRecord } from '@/utils/messaging/background-map';
import { MessageError } from '@/utils/messaging/sender';
import { fakeRecord } from '../support/factories';
import { parsePage } from '../support/page-window';

// DOMPurify misbehaves in vitest's global happy-dom window (it drops the first element); it gets a page window
// like the extraction tests' (scripts off), as in browsers. Everything else runs in the global document.
const { window: purifyWindow } = parsePage(
  '<!doctype html><html><body></body></html>',
  'https://clipmark.test/',
);
afterAll(() => purifyWindow.happyDOM.close());
vi.mock('@/utils/reader', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/utils/reader')>();
  return {
    ...actual,
    prepareClippingHtml: (...args: Parameters<typeof actual.prepareClippingHtml>) =>
      actual.prepareClippingHtml(args[0], args[1], args[2], args[3], purifyWindow as never, args[5]),
  };
});

const URL = 'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234/';
const TITLE = 'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động';

const clipping: ClippingRecord = {
  url: URL,
  savedAt: Date.UTC(2026, 10, 12, 7, 5),
  article: {
    title: TITLE,
    canonicalUrl: URL,
    byline: 'Thanh Bình',
    siteName: 'Báo Nam Định điện tử',
    lang: 'vi',
    publishedAt: '2026-11-09T07:45:00+07:00',
    modifiedAt: null,
    lead: null,
    excerpt: null,
    mainImage: null,
    wordCount: 40,
    url: URL,
    adapter: 'baonamdinh',
    text: '',
    html:
      '<p>Sáng 8-11, Hợp tác xã Nông nghiệp Đồng Tiến tổ chức lễ khánh thành lò sấy lúa.</p>' +
      '<figure><img src="https://baonamdinh.vn/file/photo.jpg" alt="Lò sấy lúa mới"><figcaption>Lò sấy.</figcaption></figure>' +
      '<p>Theo tính toán của hợp tác xã, mỗi tấn lúa sấy tại lò mới giúp xã viên tiết kiệm khoảng 150 nghìn đồng.</p>' +
      '<p><script>alert(1)</script>Đọc thêm <a href="/channel/5085/khac/">bài khác</a>.</p>',
  },
};

const record = (id: string, exact: string, extra: Partial<HighlightRecord> = {}) =>
  fakeRecord(id, exact, {
    url: URL,
    position: { type: 'TextPositionSelector', start: 900, end: 900 + exact.length },
    ...extra,
  });

const LATER = record('11111111-1111-4111-8111-111111111111', 'tiết kiệm khoảng 150 nghìn đồng', {
  color: 'green',
  tags: ['HTX', 'Nông nghiệp'],
  note: '<b>con số</b> đáng nhớ',
});
const EARLIER = record('22222222-2222-4222-8222-222222222222', 'tổ chức lễ khánh thành');
const GONE = record('33333333-3333-4333-8333-333333333333', 'đoạn văn đã bị xóa khỏi bài', {
  note: 'ghi chú',
});

function fakeApi(highlights: HighlightRecord[] = [LATER, GONE, EARLIER], load?: () => Promise<never>) {
  const store = new Map(highlights.map((h) => [h.id, h]));
  const trash = new Map<string, HighlightRecord>();
  return {
    lang: 'en',
    load: vi.fn(load ?? (async () => ({ clipping, highlights }))),
    create: vi.fn(async (draft) => {
      const created = record(draft.id ?? 'x', draft.quote.exact, { ...draft, note: draft.note ?? '' });
      store.set(created.id, created);
      return created;
    }),
    get: vi.fn(async (id: string) => store.get(id) as HighlightRecord),
    tags: vi.fn(async () => [{ name: 'HTX', color: null, count: 3 }]),
    update: vi.fn(async (id: string, changes) => {
      const next = { ...(store.get(id) as HighlightRecord), ...changes };
      store.set(id, next);
      return next;
    }),
    remove: vi.fn(async (id: string) => {
      trash.set(id, store.get(id) as HighlightRecord);
      store.delete(id);
    }),
    restore: vi.fn(async (id: string) => {
      const back = trash.get(id) as HighlightRecord;
      store.set(id, back);
      return back;
    }),
    newId: () => '44444444-4444-4444-8444-444444444444',
    getNote: vi.fn(async (url: string) => ({ url, note: 'Ghi chú về bài: <i>text</i>', noteUpdatedAt: 3 })),
    setNote: vi.fn(async (url: string, note: string) => ({ url, note, noteUpdatedAt: 4 })),
  } satisfies ReaderApi;
}

let host: HTMLElement;
async function show(api: ReaderApi) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => {
    render(<ReaderPage api={api} />, host);
  });
  await act(async () => {});
}
afterEach(() => {
  render(null, host);
  host.remove();
  document.getSelection()?.removeAllRanges();
});

/** Lets promises (the fake library's answers) and the effects after them run. */
async function settle() {
  for (let i = 0; i < 3; i++) await act(async () => {});
}

const text = (selector: string) => host.querySelector(selector)?.textContent ?? null;
const buttonNamed = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;
const listed = (root: ParentNode) =>
  [...root.querySelectorAll('.reader-item')].map((li) => li.querySelector('.quote-text')?.textContent);

/** The user's own input: happy-dom has no `isTrusted`, and the reader, like web pages, ignores a script's events. */
function user<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** Selects `phrase` in the article as a mouse would, and lets the page see the mouseup. */
async function select(phrase: string) {
  const paragraph = [...host.querySelectorAll('.reader-body p')].find((p) =>
    p.textContent?.includes(phrase),
  ) as HTMLElement;
  const node = [...paragraph.childNodes].find((n) => n.textContent?.includes(phrase)) as Text;
  const start = node.data.indexOf(phrase);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + phrase.length);
  const selection = document.getSelection() as Selection;
  selection.removeAllRanges();
  selection.addRange(range);
  await act(async () => {
    paragraph.dispatchEvent(user(new MouseEvent('mouseup', { bubbles: true })));
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
}

describe('ReaderPage', () => {
  it('shows the saved article: paper, date, headline, byline, original, when saved, and the body', async () => {
    await show(fakeApi([]));
    expect(text('.paper-line')).toBe('Báo Nam Định điện tử · 9 Nov 2026, 07:45 (GMT+7)');
    expect(text('h1')).toBe(TITLE);
    expect(host.querySelector('h1')?.getAttribute('lang')).toBe('vi');
    expect(text('.byline')).toBe('By Thanh Bình');
    const original = host.querySelector('a.original') as HTMLAnchorElement;
    expect(original.getAttribute('href')).toBe(URL);
    expect(original.getAttribute('target')).toBe('_blank');
    expect(original.getAttribute('rel')).toBe('noopener noreferrer');
    expect(text('.saved')).toMatch(/^Saved 12 Nov 2026, \d\d:05$/);
    expect(text('.reader-body')).toContain('tổ chức lễ khánh thành lò sấy lúa');
    // Sanitised again on the way in, nothing loaded from the network, links to a new tab.
    expect(host.querySelector('.reader-body script, .reader-body img')).toBeNull();
    expect(text('clipmark-media .placeholder-alt')).toBe('Lò sấy lúa mới');
    const link = host.querySelector('.reader-body p a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://baonamdinh.vn/channel/5085/khac/');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(text('.reader-side')).toContain('No highlights yet');
    // The article's own note, as text, outside the text the highlights anchor in.
    expect(text('.reader-main .article-note-text')).toBe('Ghi chú về bài: <i>text</i>');
    expect(host.querySelector('.reader-text .article-note, .article-note i')).toBeNull();
  });

  it('lists highlights in reading order, and those not in the saved copy apart', async () => {
    await show(fakeApi());
    const [found, gone] = [...host.querySelectorAll('.reader-list')];
    expect(listed(found as Element)).toEqual([EARLIER.quote.exact, LATER.quote.exact]);
    expect(listed(gone as Element)).toEqual([GONE.quote.exact]);
    expect(text('.reader-missing h2')).toContain('Not in the saved copy');
    // Drawn on the right words (the <mark> fallback here; the Highlight API in browsers).
    expect([...host.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      EARLIER.quote.exact,
      LATER.quote.exact,
    ]);
    // Notes and tags are text, never markup.
    const later = host.querySelector(`[data-id="${LATER.id}"]`) as HTMLElement;
    expect(later.querySelector('.item-note')?.textContent).toBe('<b>con số</b> đáng nhớ');
    expect(later.querySelector('.item-note b')).toBeNull();
    expect([...later.querySelectorAll('.tag')].map((t) => t.textContent)).toEqual(['HTX', 'Nông nghiệp']);
    expect(later.querySelector('.dot')?.getAttribute('aria-label')).toBe('Green');
  });

  it('says when nothing was saved for the address', async () => {
    await show(fakeApi([], async () => Promise.reject(new MessageError('not-found', 'no clipping'))));
    expect(host.querySelector('[role="alert"]')?.textContent).toBe(
      'No saved copy of this article. Open the article and save it from the Clipmark popup.',
    );
  });

  it('highlights a selection from the toolbar, with the clipping’s address and title', async () => {
    const api = fakeApi([]);
    await show(api);
    await select('mỗi tấn lúa sấy');
    const toolbar = host.querySelector('[role="toolbar"]') as HTMLElement;
    expect(toolbar).not.toBeNull();
    await act(async () => (toolbar.querySelector('[aria-label="Blue"]') as HTMLButtonElement).click());
    await act(async () => buttonNamed(toolbar, 'Highlight').click());
    expect(api.create).toHaveBeenCalledWith(
      expect.objectContaining({
        id: '44444444-4444-4444-8444-444444444444',
        url: URL,
        pageTitle: TITLE,
        color: 'blue',
        tags: [],
        quote: expect.objectContaining({
          exact: 'mỗi tấn lúa sấy',
          prefix: expect.stringMatching(/hợp tác xã, $/),
        }),
      }),
    );
    expect(host.querySelector('[role="toolbar"]')).toBeNull();
    expect(listed(host)).toEqual(['mỗi tấn lúa sấy']);
    expect(host.querySelector('mark[data-clipmark-color="blue"]')?.textContent).toBe('mỗi tấn lúa sấy');
  });

  it('highlights with the H key, and N opens the editor on the note', async () => {
    const api = fakeApi([]);
    await show(api);
    await select('lễ khánh thành');
    await act(async () => {
      document.body.dispatchEvent(user(new KeyboardEvent('keydown', { key: 'n', bubbles: true })));
    });
    await settle();
    expect(api.create).toHaveBeenCalledTimes(1);
    const dialog = host.querySelector('[role="dialog"]') as HTMLElement;
    expect(dialog.getAttribute('aria-label')).toBe('Edit highlight');
    expect(document.activeElement).toBe(dialog.querySelector('textarea'));
  });

  it('edits colour, tags and note in the editor, and deletes with undo', async () => {
    const api = fakeApi();
    await show(api);
    const item = () => host.querySelector(`[data-id="${EARLIER.id}"]`) as HTMLElement | null;
    await act(async () => buttonNamed(item() as HTMLElement, 'Edit').click());
    await settle();
    let dialog = host.querySelector('[role="dialog"]') as HTMLElement;
    expect(dialog.querySelector('.quote')?.textContent).toBe(EARLIER.quote.exact);
    await act(async () => (dialog.querySelector('[aria-label="Pink"]') as HTMLButtonElement).click());
    await act(async () => buttonNamed(dialog, 'Save').click());
    await settle();
    expect(api.update).toHaveBeenCalledWith(
      EARLIER.id,
      { color: 'pink', tags: [], note: '' },
      EARLIER.updatedAt,
    );
    expect(host.querySelector('[role="dialog"]')).toBeNull();
    expect(item()?.getAttribute('data-color')).toBe('pink');
    expect(host.querySelector('mark[data-clipmark-color="pink"]')?.textContent).toBe(EARLIER.quote.exact);

    await act(async () => buttonNamed(item() as HTMLElement, 'Edit').click());
    await settle();
    dialog = host.querySelector('[role="dialog"]') as HTMLElement;
    await act(async () => buttonNamed(dialog, 'Delete').click());
    await settle();
    expect(api.remove).toHaveBeenCalledWith(EARLIER.id);
    expect(item()).toBeNull();
    expect(host.querySelector('mark[data-clipmark-color="pink"]')).toBeNull();
    const status = host.querySelector('.reader-undo') as HTMLElement;
    expect(status.textContent).toContain('Highlight deleted.');
    await act(async () => buttonNamed(status, 'Undo').click());
    await settle();
    expect(api.restore).toHaveBeenCalledWith(EARLIER.id);
    expect(listed(host.querySelector('.reader-list') as Element)).toEqual([
      EARLIER.quote.exact,
      LATER.quote.exact,
    ]);
  });
});
