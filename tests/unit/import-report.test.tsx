/**
 * The import preview for another tool's file (issue 19): it only adds, so it says what it adds, what is
 * already there and what is left out — where and why — and its button is Import, not Import and replace. A
 * book in search results has no page to open.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportPreview, importSummary } from '@/components/ImportReport';
import { SearchResults } from '@/components/SearchResults';
import type { ImportAnswer } from '@/utils/export/import-records';
import type { SearchHitRecord } from '@/utils/messaging/background-map';

const zero = { articles: 0, highlights: 0, tags: 0, trash: 0, clippings: 0 };
const answer: ImportAnswer & { status: 'confirm' } = {
  status: 'confirm',
  token: 'a'.repeat(64),
  changed: false,
  added: { ...zero, highlights: 4, articles: 4 },
  updated: zero,
  skipped: { ...zero, highlights: 2 },
  refused: zero,
  refusedRecords: [],
  trashed: 0,
  kept: 0,
  leftOut: {
    count: 25,
    records: Array.from({ length: 25 }, (_, i) => ({
      path: `line ${i * 5 + 1}`,
      reason: i === 0 ? 'a bookmark: it marks a place in the book, with no text to keep' : `reason ${i}`,
    })),
  },
};

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});
const mount = async (node: preact.ComponentChild) => {
  host = document.createElement('div');
  document.body.append(host);
  await act(() => render(node, host));
};

describe('import preview of a file that only adds', () => {
  it('says what is added, already there and left out, and asks with Import', async () => {
    const confirm = vi.fn();
    await mount(<ImportPreview answer={answer} onConfirm={confirm} onCancel={() => {}} />);
    expect(host.querySelector('h2')?.textContent).toBe('Before importing: this is what the file would add');
    const lines = [...host.querySelectorAll('#import-preview-lines li')].map((li) => li.textContent);
    expect(lines).toEqual([
      '4 highlights and 4 other records (articles, tags, saved copies) would be added',
      '2 highlights are already in your library and stay as they are',
    ]);
    const left = host.querySelector('.import-left-out');
    expect(left?.querySelector('p')?.textContent).toBe('25 parts of the file will not be imported:');
    expect(left?.querySelectorAll('li')).toHaveLength(20);
    expect(left?.querySelector('li')?.textContent).toBe(
      'line 1: a bookmark: it marks a place in the book, with no text to keep',
    );
    expect(left?.textContent).toContain('… and 5 more.');
    // Nothing is replaced: no word of "Replaced by imports", and the button only imports.
    expect(host.textContent).not.toContain('Replaced by imports');
    const button = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Import');
    await act(() => button?.click());
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('names the saved copies it would add (an Omnivore zip), and the one it would replace', async () => {
    const copies = {
      ...answer,
      added: { ...zero, highlights: 3, articles: 2, clippings: 2 },
      updated: { ...zero, clippings: 1 },
      leftOut: undefined,
    };
    await mount(<ImportPreview answer={copies} onConfirm={() => {}} onCancel={() => {}} />);
    const lines = [...host.querySelectorAll('#import-preview-lines li')].map((li) => li.textContent);
    expect(lines).toEqual([
      '1 saved copies would replace yours',
      '2 saved copies of articles would be added (shown in the reader)',
      '3 highlights and 4 other records (articles, tags, saved copies) would be added',
      '2 highlights are already in your library and stay as they are',
    ]);
  });

  it('summarises a confirmed import without saying it needed no confirmation', () => {
    const done = { ...answer, status: 'applied' as const };
    expect(importSummary(done, true)).toBe(
      'Imported: 4 new highlights, 0 updated, 2 already there. 25 parts of the file were left out. Nothing of yours was replaced or deleted.',
    );
  });
});

describe('a book in search results', () => {
  it('has no page to open', async () => {
    const open = vi.fn();
    const hit: SearchHitRecord = {
      highlight: {
        id: 'h',
        url: 'book:0123456789abcdef0123456789abcdef',
        quote: {
          type: 'TextQuoteSelector',
          exact: 'All warfare is based on deception.',
          prefix: '',
          suffix: '',
        },
        position: { type: 'TextPositionSelector', start: 1234, end: 1268 },
        color: 'yellow',
        tags: [],
        note: '',
        createdAt: 1,
        updatedAt: 1,
      },
      article: {
        url: 'book:0123456789abcdef0123456789abcdef',
        openUrl: 'book:0123456789abcdef0123456789abcdef',
        title: 'The Art of War',
        site: '',
        clipped: false,
        byline: 'Sun Tzu',
        publishedAt: null,
        createdAt: 1,
        count: 1,
      },
      matches: {},
    };
    await mount(<SearchResults total={1} hits={[hit]} onOpen={open} />);
    expect(host.querySelector('button.open')).toBeNull();
    expect(host.querySelector('.source')?.textContent).toBe(
      'The Art of War · Book: no web page to open or show its highlights on',
    );
  });
});
