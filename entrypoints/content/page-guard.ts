/**
 * WXT stops a content script when a newer copy of it announces itself with a DOM event on `document`, so that an
 * updated extension does not run twice. The event's name is public (it is made of the extension id), so the
 * page can dispatch it too and switch Clipmark off on its own page. While this copy is still connected to the
 * extension it is the current one, and the event is stopped before WXT's listener sees it; a copy orphaned by an
 * update has lost `runtime.id`, lets the event through and stops as WXT intends.
 */
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

/** WXT's name for the event (a private static; tests/unit/page-guard.test.ts checks it still exists). */
export function scriptStartedEventName(): string | undefined {
  const name = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE?: unknown })
    .SCRIPT_STARTED_MESSAGE_TYPE;
  return typeof name === 'string' ? name : undefined;
}

export function keepRunningDespiteThePage(ctx: ContentScriptContext, win: Window = window): void {
  const name = scriptStartedEventName();
  if (!name) return;
  // On the window, capturing: it runs before WXT's listener on `document`, wherever the page dispatches it.
  ctx.addEventListener(
    win,
    name,
    (event: Event) => {
      if (browser.runtime?.id) event.stopImmediatePropagation();
    },
    { capture: true },
  );
}
