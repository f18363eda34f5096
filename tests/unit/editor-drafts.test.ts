/** What the editor keeps while the user types (utils/editor-drafts.ts): offered back only when it was not saved. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DRAFT_MAX_AGE_MS,
  mayStillLand,
  pruneDrafts,
  SAVE_IN_FLIGHT_MS,
  takeDraft,
  writeDraft,
} from '@/utils/editor-drafts';

const base = { color: 'yellow' as const, tags: ['HTX'], note: '', updatedAt: 1000 };
const fields = { color: 'green' as const, tags: ['HTX', 'lúa'], note: 'Ghi chú dài' };

beforeEach(() => localStorage.clear());

describe('editor drafts', () => {
  it('offers back a draft typed after the last save, and drops one the save overtook', () => {
    writeDraft(localStorage, 'a', { fields, base, at: 2000 });
    expect(takeDraft(localStorage, 'a', base, 3000)?.fields).toEqual(fields);
    // Saved (by the close-save, or anywhere) after it was typed: not offered, and forgotten.
    expect(takeDraft(localStorage, 'a', { ...base, updatedAt: 2000 }, 3000)).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('drops a draft equal to what is saved, one too old, and anything that is not a draft', () => {
    writeDraft(localStorage, 'same', { fields, base, at: 2000 });
    expect(takeDraft(localStorage, 'same', { ...fields, updatedAt: 1000 }, 3000)).toBeNull();
    writeDraft(localStorage, 'old', { fields, base, at: 2000 });
    expect(takeDraft(localStorage, 'old', base, 2000 + DRAFT_MAX_AGE_MS + 1)).toBeNull();
    localStorage.setItem('clipmark.draft.bad', '{"fields":{"color":"red","tags":[],"note":""}}');
    expect(takeDraft(localStorage, 'bad', base, 3000)).toBeNull();
    localStorage.setItem('clipmark.draft.junk', 'not json');
    expect(takeDraft(localStorage, 'junk', base, 3000)).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('forgets drafts nobody came back to, and leaves other keys alone', () => {
    writeDraft(localStorage, 'gone', { fields, base, at: 1 });
    writeDraft(localStorage, 'fresh', { fields, base, at: DRAFT_MAX_AGE_MS });
    localStorage.setItem('other', 'x');
    pruneDrafts(localStorage, DRAFT_MAX_AGE_MS + 10);
    expect(Object.keys(localStorage).sort()).toEqual(['clipmark.draft.fresh', 'other']);
  });

  it('tells a draft whose save was just sent (it may still land) from one left unsaved', () => {
    writeDraft(localStorage, 'a', { fields, base, at: 2000, sent: true });
    const sent = takeDraft(localStorage, 'a', base, 2100);
    expect(sent && mayStillLand(sent, 2100)).toBe(true);
    expect(sent && mayStillLand(sent, 2000 + SAVE_IN_FLIGHT_MS)).toBe(false);
    writeDraft(localStorage, 'b', { fields, base, at: 2000 });
    const typed = takeDraft(localStorage, 'b', base, 2100);
    expect(typed && mayStillLand(typed, 2100)).toBe(false);
  });

  it('works without storage (refused or disabled)', () => {
    expect(() => writeDraft(null, 'a', { fields, base, at: 1 })).not.toThrow();
    expect(takeDraft(null, 'a', base)).toBeNull();
  });
});
