/** The highlight editor and its tag field, rendered in happy-dom with a fake API. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type EditorApi, HighlightEditor } from '@/components/HighlightEditor';
import type { HighlightRecord } from '@/utils/messages';

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
    expect(api.save).toHaveBeenCalledWith({
      color: 'green',
      tags: ['HTX', 'Nông nghiệp'],
      note: '<b>ghi chú</b>',
    });
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
    expect(api.save).toHaveBeenCalledWith({ color: 'yellow', tags: [], note: '' });
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('disk full');
    expect(api.close).not.toHaveBeenCalled();
  });
});
