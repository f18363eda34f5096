/**
 * Opening the side panel (entrypoints/sidepanel/): Chromium's `sidePanel.open` for a window, Firefox's
 * `sidebarAction.open`. Both need a user gesture, so the caller calls this at once in a click or command
 * handler, before any await. The browser's objects come in as an argument (`utils/` never reaches for them).
 */
export interface PanelApis {
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/** A function that opens the panel beside `windowId`, or null when this browser has no side panel. */
export function panelOpener(apis: PanelApis): ((windowId: number) => Promise<void>) | null {
  const { sidePanel, sidebarAction } = apis;
  if (sidebarAction) return () => sidebarAction.open();
  if (sidePanel) return (windowId) => sidePanel.open({ windowId });
  return null;
}
