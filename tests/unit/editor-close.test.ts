// The background relays for pages in tabs: the editor's close (editor.close) and the content script's parts (page.loadTools).
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

describe('editor.preview', () => {
  it('is relayed to the page the editor is framed in, and refused to anyone else', async () => {
    const { tabs, sent } = fakeTabs();
    lib = createTestLibrary({ tabs });
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    await lib.call('editor.preview', { id, color: 'pink' }, editorSender);
    expect(sent).toEqual([
      { tabId: 7, message: { clipmark: 1, type: 'page.preview', payload: { id, color: 'pink' } } },
    ]);
    for (const sender of [contentSender(), popupSender])
      await expect(lib.call('editor.preview', { id, hidden: true }, sender)).rejects.toThrow(/forbidden/);
    expect(sent).toHaveLength(1);
  });
});

describe('page.loadTools', () => {
  it('injects the asked part into the content script’s own tab, top frame', async () => {
    const { tabs } = fakeTabs();
    lib = createTestLibrary({ tabs });
    const sender = contentSender(undefined, 9);
    const parts = ['tools', 'ui', 'detect', 'tools+ui', 'tools+detect'] as const;
    for (const part of parts)
      await expect(lib.call('page.loadTools', { part }, sender)).resolves.toEqual({ started: true });
    expect(tabs.loadTools.mock.calls).toEqual(parts.map((part) => [9, part]));
  });

  it('is refused to extension pages and framed pages, and to an unknown part', async () => {
    const { tabs } = fakeTabs();
    lib = createTestLibrary({ tabs });
    for (const sender of [popupSender, editorSender, { ...contentSender(), frameId: 2 }])
      await expect(lib.call('page.loadTools', { part: 'tools' }, sender)).rejects.toThrow(/forbidden/);
    await expect(lib.call('page.loadTools', { part: 'extractor' } as never, contentSender())).rejects.toThrow(
      /invalid/,
    );
    expect(tabs.loadTools).not.toHaveBeenCalled();
  });
});
