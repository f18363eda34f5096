import { describe, expect, it, vi } from 'vitest';
import { highlightSelectionIn } from '@/entrypoints/background/commands';
import { tabClient } from '@/utils/messaging/sender';

describe('highlightSelectionIn (context menu, keyboard command)', () => {
  it("asks the tab's content script to highlight its selection", async () => {
    const send = vi.fn(async () => ({ ok: true, value: { id: 'h1' } }));
    const contentScript = vi.fn(() => tabClient(send));
    expect(await highlightSelectionIn({ contentScript }, 42)).toBe('h1');
    expect(contentScript).toHaveBeenCalledWith(42);
    expect(send).toHaveBeenCalledWith({ clipmark: 1, type: 'page.highlightSelection', payload: {} });
  });

  it('does nothing for a tab without a content script or without an id', async () => {
    const failing = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect(await highlightSelectionIn({ contentScript: () => tabClient(failing) }, 3)).toBeNull();
    expect(failing).toHaveBeenCalledTimes(1); // no retries against a page that has no content script
    const never = vi.fn();
    expect(await highlightSelectionIn({ contentScript: never }, undefined)).toBeNull();
    expect(never).not.toHaveBeenCalled();
  });
});
