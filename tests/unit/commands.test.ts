import { describe, expect, it, vi } from 'vitest';
import { highlightSelectionIn, openPanelFor, SIDE_PANEL_COMMAND } from '@/entrypoints/background/commands';
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

describe('openPanelFor (the side-panel command in Chromium)', () => {
  it('opens the side panel in the window of the tab the command came from, and only for its command', async () => {
    const opened: number[] = [];
    const sidePanel = { open: async ({ windowId }: { windowId: number }) => void opened.push(windowId) };
    expect(await openPanelFor(SIDE_PANEL_COMMAND, { windowId: 7 }, sidePanel)).toBe(true);
    expect(await openPanelFor('highlight-selection', { windowId: 7 }, sidePanel)).toBe(false);
    expect(await openPanelFor(SIDE_PANEL_COMMAND, undefined, sidePanel)).toBe(false);
    // Firefox: no sidePanel API (its sidebar opens on its own command).
    expect(await openPanelFor(SIDE_PANEL_COMMAND, { windowId: 7 }, undefined)).toBe(false);
    expect(opened).toEqual([7]);
  });

  it('says no when the browser refuses to open it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const refusing = {
      open: async () => Promise.reject(new Error('may only be called in response to a user gesture')),
    };
    expect(await openPanelFor(SIDE_PANEL_COMMAND, { windowId: 1 }, refusing)).toBe(false);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
