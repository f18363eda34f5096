import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabAccess } from '@/entrypoints/background/tab-access';
import { tabClient } from '@/utils/messaging/sender';
import { contentSender, createTestLibrary, popupSender, SELF } from '../support/factories';

/** The editor: an extension page framed (frameId > 0) in the page of tab 7. */
const editorSender = { id: SELF.id, url: `${SELF.origin}editor.html?id=x`, tab: { id: 7 }, frameId: 3 };

function fakeTabs() {
  const sent: { tabId: number; message: unknown }[] = [];
  const tabs = {
    urlOf: vi.fn(async () => undefined),
    extract: vi.fn(async () => null),
    loadTools: vi.fn(async () => true),
    readPage: vi.fn(async () => null),
    contentScript: (tabId: number) =>
      tabClient(async (message: unknown) => {
        sent.push({ tabId, message });
        return { ok: true, value: { closed: true } };
      }),
  } satisfies TabAccess;
  return { tabs, sent };
}

let lib: ReturnType<typeof createTestLibrary> | undefined;
afterEach(async () => {
  await lib?.close();
  lib = undefined;
});

describe('editor.close', () => {
  it('is relayed to the content script of the tab the editor is framed in, top frame', async () => {
    const { tabs, sent } = fakeTabs();
    lib = createTestLibrary({ tabs });
    await expect(lib.call('editor.close', {}, editorSender)).resolves.toEqual({ closed: true });
    expect(sent).toEqual([{ tabId: 7, message: { clipmark: 1, type: 'page.editorClosed', payload: {} } }]);
  });

  it('is refused to a content script, the popup and an extension page shown as a tab', async () => {
    const { tabs, sent } = fakeTabs();
    lib = createTestLibrary({ tabs });
    const popupInTab = { ...popupSender, tab: { id: 7 }, frameId: 0 };
    for (const sender of [contentSender(), popupSender, popupInTab]) {
      await expect(lib.call('editor.close', {}, sender)).rejects.toThrow(/forbidden/);
    }
    expect(sent).toEqual([]);
  });
});
