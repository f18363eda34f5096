/** The highlight editor and its tag field, rendered in happy-dom with a fake API. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type EditorApi, HighlightEditor } from '@/components/HighlightEditor';
import type { HighlightRecord } from '@/utils/messaging/background-map';
import { MessageError } from '@/utils/messaging/sender';

const highlight: HighlightRecord = {
  id: '00000000-0000-4000-8000-000000000001',
  url: 'https://baonamdinh.vn/channel/5085/x-2561234',
  quote: { type: 'TextQuoteSelector', exact: 'lò sấy lúa', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: 10 },
  color: 'yellow',
  tags: ['HTX'],
  note: '',
  createdAt: 1,
  updatedAt: 1,
};

let host: HTMLElement;
async function show(api: EditorApi, focus: 'note' | 'tags' | null = null) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => {
    render(<HighlightEditor api={api} focus={focus} />, host);
  });
  await act(async () => {});
}
afterEach(() => {
  render(null, host);
  host.remove();
  // Drafts the editor kept (utils/editor-drafts.ts) belong to one test.
  localStorage.clear();
});
const byLabel = (label: string) => host.querySelector(`[aria-label="${label}"]`) as HTMLElement;
const type = async (element: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  await act(async () => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
};

function fakeApi() {
  return {
    load: vi.fn(async () => ({
      highlight,
      tags: [
        { name: 'Nông nghiệp', color: null, count: 9 },
        { name: 'Đảng', color: null, count: 4 },
        { name: 'HTX', color: null, count: 2 },
      ],
    })),
    save: vi.fn(async () => {}),
    remove: vi.fn(async () => {}),
    close: vi.fn(),
  } satisfies EditorApi;
}

describe('HighlightEditor', () => {
  it('shows the notes another computer wrote: one can be taken into the field and saved, or the note kept', async () => {
    const api = {
      ...fakeApi(),
      load: vi.fn(async () => ({ highlight: { ...highlight, note: 'máy này' }, tags: [] })),
      noteConflicts: vi.fn(async () => [{ text: 'máy kia', at: 5 }]),
      keepNote: vi.fn(async () => {}),
    } satisfies EditorApi;
    await show(api);
    const notice = () => host.querySelector('.sync-notes');
    expect(notice()?.textContent).toContain('Another computer wrote a different note');
    expect(notice()?.querySelector('q')?.textContent).toBe('máy kia');
    const button = (name: string) =>
      [...host.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;
    await act(async () => button('Keep the note above').click());
    expect(api.keepNote).toHaveBeenCalledWith('máy này');
    expect(notice()).toBeNull();
  });

  it('takes the other computer’s note into the field, to save as any edit', async () => {
    const api = {
      ...fakeApi(),
      load: vi.fn(async () => ({ highlight: { ...highlight, note: 'máy này' }, tags: [] })),
      noteConflicts: vi.fn(async () => [{ text: 'máy kia', at: 5 }]),
      keepNote: vi.fn(async () => {}),
    } satisfies EditorApi;
    await show(api);
    const button = (name: string) =>
      [...host.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;
    await act(async () => button('Use this note').click());
    expect((host.querySelector('textarea') as HTMLTextAreaElement).value).toBe('máy kia');
    // "Keep the note above" is for the note as it was; changed, Save resolves it.
    expect(button('Keep the note above').disabled).toBe(true);
    await act(async () => button('Save').click());
    expect(api.save).toHaveBeenCalledWith(
      { color: 'yellow', tags: ['HTX'], note: 'máy kia' },
      highlight.updatedAt,
    );
    expect(api.keepNote).not.toHaveBeenCalled();
  });

  it('suggests library tags most used first, matching without accents, and not those already on it', async () => {
    await show(fakeApi(), 'tags');
    const names = () => [...host.querySelectorAll('.suggestion')].map((b) => b.firstChild?.textContent);
    expect(names()).toEqual(['Nông nghiệp', 'Đảng']);
    await type(byLabel('Add tags') as HTMLInputElement, 'dang');
    expect(names()).toEqual(['Đảng']);
  });

  it('saves colour, tags and note together, then closes', async () => {
    const api = fakeApi();
    await show(api);
    await act(async () => byLabel('Green').click());
    await act(async () => (host.querySelector('.suggestion') as HTMLButtonElement).click());
    await type(host.querySelector('textarea') as HTMLTextAreaElement, '<b>ghi chú</b>');
    await act(async () =>
      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Save')?.click(),
    );
    expect(api.save).toHaveBeenCalledWith(
      { color: 'green', tags: ['HTX', 'Nông nghiệp'], note: '<b>ghi chú</b>' },
      highlight.updatedAt,
    );
    expect(api.close).toHaveBeenCalled();
  });

  it('removes a tag with its × and shows the error when saving fails, staying open', async () => {
    const api = fakeApi();
    api.save.mockRejectedValueOnce(new Error('disk full'));
    await show(api);
    await act(async () => byLabel('Remove tag HTX').click());
    await act(async () =>
      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Save')?.click(),
    );
    expect(api.save).toHaveBeenCalledWith({ color: 'yellow', tags: [], note: '' }, highlight.updatedAt);
    await act(async () => {});
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('disk full');
    expect(api.close).not.toHaveBeenCalled();
  });
});

describe('HighlightEditor, when the highlight was changed elsewhere meanwhile (another editor, the library)', () => {
  const saveButton = () => [...host.querySelectorAll('button')].find((b) => b.textContent === 'Save');
  const textarea = () => host.querySelector('textarea') as HTMLTextAreaElement;
  /** An API whose first save is refused as stale; loading again gives `latest`. */
  function conflictApi(latest: HighlightRecord) {
    const api = fakeApi();
    api.save.mockRejectedValueOnce(new MessageError('conflict', 'changed elsewhere'));
    api.load
      .mockResolvedValueOnce({ highlight, tags: [] })
      .mockResolvedValue({ highlight: latest, tags: [] });
    return api;
  }

  it('keeps the typed note, says what happened, shows the saved note, and saves over it only when asked', async () => {
    const latest = { ...highlight, note: 'Ghi chú từ cửa sổ kia', updatedAt: 50 };
    const api = conflictApi(latest);
    await show(api);
    await type(textarea(), 'Ghi chú tôi vừa gõ');
    await act(async () => saveButton()?.click());
    await act(async () => {});

    expect(api.close).not.toHaveBeenCalled();
    expect(textarea().value).toBe('Ghi chú tôi vừa gõ');
    const alert = host.querySelector('[role="alert"]')?.textContent ?? '';
    expect(alert).toMatch(/changed (in another window|elsewhere)/i);
    expect(alert).toMatch(/save again/i);
    expect(host.querySelector('.conflict-latest')?.textContent).toContain('Ghi chú từ cửa sổ kia');

    // Save again: the user's note replaces the other, from the version now shown.
    await act(async () => saveButton()?.click());
    expect(api.save).toHaveBeenLastCalledWith(
      { color: 'yellow', tags: ['HTX'], note: 'Ghi chú tôi vừa gõ' },
      50,
    );
    expect(api.close).toHaveBeenCalled();
  });

  it('can take the saved version instead, dropping the draft only then', async () => {
    const latest = { ...highlight, note: 'Ghi chú từ cửa sổ kia', color: 'blue' as const, updatedAt: 50 };
    const api = conflictApi(latest);
    await show(api);
    await type(textarea(), 'Bản nháp');
    await act(async () => saveButton()?.click());
    await act(async () => {});
    const useSaved = [...host.querySelectorAll('button')].find((b) =>
      /saved version/i.test(b.textContent ?? ''),
    );
    await act(async () => useSaved?.click());
    expect(textarea().value).toBe('Ghi chú từ cửa sổ kia');
    expect(host.querySelector('.conflict-latest')).toBeNull();
    expect(byLabel('Blue').getAttribute('aria-pressed')).toBe('true');
  });

  it('takes in a change made elsewhere to another field and saves both, without asking', async () => {
    // Elsewhere the colour was changed; here only the note: nothing of either is lost by saving both.
    const latest = { ...highlight, color: 'blue' as const, updatedAt: 50 };
    const api = conflictApi(latest);
    await show(api);
    await type(textarea(), 'Ghi chú mới');
    await act(async () => saveButton()?.click());
    await act(async () => {});
    expect(api.save).toHaveBeenLastCalledWith({ color: 'blue', tags: ['HTX'], note: 'Ghi chú mới' }, 50);
    expect(api.close).toHaveBeenCalled();
  });
});

describe('HighlightEditor keeps what was typed (issue 20)', () => {
  const button = (name: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === name);
  const textarea = () => host.querySelector('textarea') as HTMLTextAreaElement;
  const key = (k: string, init: KeyboardEventInit = {}) =>
    act(async () => {
      (document.activeElement ?? document.body).dispatchEvent(
        new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }),
      );
    });

  it('saves a tag left typed in the tag field, not yet a chip', async () => {
    const api = fakeApi();
    await show(api, 'tags');
    await type(byLabel('Add tags') as HTMLInputElement, 'Nam Định');
    await act(async () => button('Save')?.click());
    expect(api.save).toHaveBeenCalledWith({ color: 'yellow', tags: ['HTX', 'Nam Định'], note: '' }, 1);
    expect(api.close).toHaveBeenCalled();
  });

  it('saves on Escape instead of dropping the note, and has the focus from the start', async () => {
    const api = fakeApi();
    await show(api);
    // Opened by a click on the highlight: the editor itself has the focus, so its keys work at once.
    expect(document.activeElement?.classList.contains('editor')).toBe(true);
    await type(textarea(), 'Ghi chú không được mất');
    await key('Escape');
    await act(async () => {});
    expect(api.save).toHaveBeenCalledWith(
      { color: 'yellow', tags: ['HTX'], note: 'Ghi chú không được mất' },
      1,
    );
    expect(api.close).toHaveBeenCalled();
  });

  it('closes on Escape without a write when nothing changed; Cancel drops the changes', async () => {
    const api = fakeApi();
    await show(api);
    await key('Escape');
    await act(async () => {});
    expect(api.save).not.toHaveBeenCalled();
    expect(api.close).toHaveBeenCalledTimes(1);
    render(null, host);
    const other = fakeApi();
    await show(other);
    await type(textarea(), 'bỏ đi');
    await act(async () => button('Cancel')?.click());
    render(null, host); // the page removes the frame
    expect(other.save).not.toHaveBeenCalled();
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it('saves when closed from outside (the frame removed by a click beside it)', async () => {
    const api = fakeApi();
    await show(api);
    await type(textarea(), 'Bấm ra ngoài vẫn lưu');
    await act(async () => render(null, host));
    expect(api.save).toHaveBeenCalledWith(
      { color: 'yellow', tags: ['HTX'], note: 'Bấm ra ngoài vẫn lưu' },
      1,
    );
  });

  it('offers back what was typed when that last save did not arrive, and Save then keeps it', async () => {
    const lost = fakeApi();
    lost.save.mockRejectedValue(new Error('the background did not answer'));
    await show(lost);
    await type(textarea(), 'Đoạn ghi chú dài');
    await act(async () => render(null, host));
    expect(lost.save).toHaveBeenCalled();

    const api = fakeApi();
    await show(api);
    // The save was sent a moment ago and may still land: the editor looks again before offering it back.
    expect(host.querySelector('textarea')).toBeNull();
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(api.load).toHaveBeenCalledTimes(2);
    expect(textarea().value).toBe('Đoạn ghi chú dài');
    expect(host.querySelector('.restored')?.textContent).toContain('was not saved');
    await act(async () => button('Save')?.click());
    expect(api.save).toHaveBeenCalledWith({ color: 'yellow', tags: ['HTX'], note: 'Đoạn ghi chú dài' }, 1);
    render(null, host);
    // Saved: not offered again.
    const again = fakeApi();
    await show(again);
    expect(textarea().value).toBe('');
    expect(host.querySelector('.restored')).toBeNull();
  });

  it('does not offer back a draft whose save lands while the editor opens again (a click on the same highlight)', async () => {
    const api = fakeApi();
    let landed = false;
    api.save.mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      landed = true;
    });
    await show(api);
    await type(textarea(), 'Lưu kịp');
    await act(async () => render(null, host));
    // Opened again at once: the first load still has the old note; the save lands meanwhile.
    const again = fakeApi();
    again.load.mockImplementation(async () => ({
      highlight: landed ? { ...highlight, note: 'Lưu kịp', updatedAt: Date.now() } : highlight,
      tags: [],
    }));
    await show(again);
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(landed).toBe(true);
    expect(textarea().value).toBe('Lưu kịp');
    expect(host.querySelector('.restored')).toBeNull();
  });

  it('drops a draft that was saved after all (the highlight changed since it was typed)', async () => {
    const api = fakeApi();
    await show(api);
    await type(textarea(), 'đã lưu');
    await act(async () => render(null, host));
    const later = fakeApi();
    later.load.mockResolvedValue({
      highlight: { ...highlight, note: 'đã lưu', updatedAt: Date.now() + 5 },
      tags: [],
    });
    await show(later);
    expect(host.querySelector('.restored')).toBeNull();
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it('keeps Tab inside the editor', async () => {
    await show(fakeApi());
    const controls = [...host.querySelectorAll<HTMLElement>('button:not([disabled]), input, textarea')];
    const first = controls[0] as HTMLElement;
    const last = controls.at(-1) as HTMLElement;
    last.focus();
    await key('Tab');
    expect(document.activeElement).toBe(first);
    await key('Tab', { shiftKey: true });
    expect(document.activeElement).toBe(last);
  });
});
