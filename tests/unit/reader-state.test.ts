/** The reader page's reducer: what each change does to what the page shows. */
import { describe, expect, it } from 'vitest';
import {
  type Editing,
  initialReaderState,
  type ReaderState,
  readerReducer,
  toolbarShown,
} from '@/components/reader-state';
import type { Placed } from '@/utils/reader';
import { fakeRecord } from '../support/factories';

const A = fakeRecord('11111111-1111-4111-8111-111111111111', 'lò sấy lúa');
const B = fakeRecord('22222222-2222-4222-8222-222222222222', 'Đồng Tiến');
const C = fakeRecord('33333333-3333-4333-8333-333333333333', 'xã viên');
const range = () => document.createRange();
const placed = (record: typeof A, start: number): Placed => ({
  record,
  range: range(),
  start,
  changedTo: null,
});
const rect = new DOMRect(10, 20, 30, 40);
const editing: Editing = { id: A.id, focus: null, rect: null, returnTo: null };

const run = (...actions: Parameters<typeof readerReducer>[1][]): ReaderState =>
  actions.reduce(readerReducer, initialReaderState);

describe('readerReducer', () => {
  it('shows the toolbar for a selection, but not while the editor is open, nor for one made in it', () => {
    const selected = run({ type: 'select', range: range(), rect });
    expect(toolbarShown(selected)).toBe(true);
    expect(toolbarShown(readerReducer(selected, { type: 'edit', editing }))).toBe(false);
    const inEditor = run({ type: 'edit', editing }, { type: 'select', range: range(), rect });
    expect(inEditor.selection).toBeNull();
    expect(toolbarShown(run({ type: 'select', range: range(), rect }, { type: 'dismiss' }))).toBe(false);
  });

  it('saves a highlight: busy, then in reading order with the selection gone, or the error kept', () => {
    const start = run(
      { type: 'placed', placed: [placed(A, 100), placed(B, 300)], missing: [C] },
      { type: 'select', range: range(), rect },
      { type: 'saving' },
    );
    expect(start.busy).toBe(true);
    const saved = readerReducer(start, { type: 'saved', placed: placed(C, 200) });
    expect(saved.placed.map((p) => p.start)).toEqual([100, 200, 300]);
    expect([saved.busy, saved.selection]).toEqual([false, null]);
    const failed = readerReducer(start, { type: 'saveFailed', message: 'Could not save.' });
    expect([failed.busy, failed.toolbarError, failed.selection !== null]).toEqual([
      false,
      'Could not save.',
      true,
    ]);
    // A new selection clears the old error.
    expect(readerReducer(failed, { type: 'select', range: range(), rect }).toolbarError).toBeNull();
  });

  it('updates, removes and puts back highlights wherever they are listed', () => {
    const first = placed(A, 100);
    const state = run({ type: 'placed', placed: [first, placed(B, 300)], missing: [C] });
    const green = { ...A, color: 'green' as const };
    const updated = readerReducer(state, { type: 'updated', record: green, range: null });
    expect(updated.placed[0]).toEqual({ ...first, record: green }); // still drawn where it was
    const noted = readerReducer(updated, { type: 'updated', record: { ...C, note: 'ghi chú' }, range: null });
    expect(noted.missing[0]?.note).toBe('ghi chú');
    const removed = readerReducer(readerReducer(noted, { type: 'removed', id: A.id }), {
      type: 'removed',
      id: C.id,
    });
    expect([removed.placed.map((p) => p.record.id), removed.missing]).toEqual([[B.id], []]);
    const back = readerReducer(removed, { type: 'placed', placed: [first], missing: [C], add: true });
    expect([back.placed.map((p) => p.record.id), back.missing]).toEqual([[A.id, B.id], [C]]);
  });
});
