/**
 * The browser-level ways to highlight: a context-menu item on selected text and a keyboard command
 * (Alt+Shift+H by default, changeable at chrome://extensions/shortcuts). Both ask the tab's content script to
 * highlight its selection. The browser objects are passed in, so this is tested with a fake.
 */
import type { TabClient } from '@/utils/messaging/sender';

export const HIGHLIGHT_COMMAND = 'highlight-selection';
/** Opens the side panel in Chromium (Firefox: the built-in `_execute_sidebar_action`). */
export const SIDE_PANEL_COMMAND = 'open-side-panel';
export const HIGHLIGHT_MENU_ID = 'clipmark-highlight-selection';

export interface CommandDeps {
  /** The content script of the top frame of `tabId`. */
  contentScript(tabId: number): TabClient;
}

/** Asks the content script of `tabId` to highlight the selection; a tab without one is ignored. */
export async function highlightSelectionIn(
  deps: CommandDeps,
  tabId: number | undefined,
): Promise<string | null> {
  if (tabId === undefined || tabId < 0) return null;
  try {
    const { id } = await deps.contentScript(tabId).send('page.highlightSelection', {});
    return id;
  } catch {
    return null; // a browser page, or a tab opened before Clipmark was installed
  }
}

/**
 * The side-panel command in Chromium: opens the panel in the window of the tab the command came from, at once
 * (the command is the user gesture `sidePanel.open` needs). Firefox's sidebar has its own command; there, and
 * for any other command, nothing happens. Resolves whether it opened one.
 */
export async function openPanelFor(
  command: string,
  tab: { windowId?: number } | undefined,
  sidePanel: { open(options: { windowId: number }): Promise<void> } | undefined,
): Promise<boolean> {
  if (command !== SIDE_PANEL_COMMAND || !sidePanel || tab?.windowId === undefined) return false;
  try {
    await sidePanel.open({ windowId: tab.windowId });
    return true;
  } catch (error) {
    console.warn('[clipmark] side panel', error);
    return false;
  }
}
