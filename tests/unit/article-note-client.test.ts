// The article note's messages, one client for every page that shows the note.
import { describe, expect, it, vi } from 'vitest';
import { articleNoteClient } from '@/utils/messaging/article-notes';
import type { BackgroundClient } from '@/utils/messaging/sender';

describe('articleNoteClient', () => {
  it('asks for and saves the note; a long title is cut to what the background takes, never sent whole', async () => {
    const send = vi.fn(async () => ({ url: 'https://a.vn/x', note: 'n', noteUpdatedAt: 1 }));
    const notes = articleNoteClient({ send } as unknown as BackgroundClient);
    await notes.getNote('https://a.vn/x');
    await notes.setNote('https://a.vn/x', 'n', null, 'T'.repeat(1500));
    await notes.setNote('https://a.vn/x', 'n', 3);
    expect(send.mock.calls).toEqual([
      ['article.getNote', { url: 'https://a.vn/x' }],
      ['article.setNote', { url: 'https://a.vn/x', note: 'n', version: null, title: 'T'.repeat(1000) }],
      ['article.setNote', { url: 'https://a.vn/x', note: 'n', version: 3 }],
    ]);
  });
});
