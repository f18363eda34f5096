/**
 * A selection that starts inside a link. Pressing on a link's text and dragging makes the browser drag the link
 * (to drop it elsewhere), so a passage that begins with linked words could not be selected. A drag that starts on
 * a link's text and moves sideways, along the line, selects text instead, as it does everywhere else; the click
 * that ends it does not follow the link. A drag that moves up or down (to the tab strip, the bookmarks bar, another
 * window) stays a link drag, and so does one with a modifier key (Alt+drag, the browsers' own way to select in a
 * link, still works). Firefox fires `dragstart` before it reports any movement, so the direction is unknown there
 * and its link drag is left as it is (Alt+drag selects). In the core because it is needed before anything else is loaded: a few listeners that do
 * nothing until the user presses on a link. The user's events only (`isTrusted`); a page sees its link's
 * `dragstart` cancelled, and no click, only after the user selected this way.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

interface Caret {
  node: Node;
  offset: number;
}

/** The text position under viewport point (x, y) (Chromium 128, every Firefox we support). */
function caretAt(doc: Document, x: number, y: number): Caret | null {
  const p = doc.caretPositionFromPoint?.(x, y);
  return p ? { node: p.offsetNode, offset: p.offset } : null;
}

export function selectFromLinks(ctx: ContentScriptContext, doc: Document): void {
  const win = doc.defaultView;
  if (!win) return;
  // Where the press was, and how far the pointer moved from it since (dragstart reports the press's point).
  let press: (Caret & { x: number; y: number; dx: number; dy: number }) | null = null;
  let selecting = false;
  let swallowClick = false;
  const on = (e: MouseEvent) => {
    if (!e.isTrusted) return;
    const to = selecting || e.type === 'dragstart' ? caretAt(doc, e.clientX, e.clientY) : null;
    const extend = () => {
      if (press && to) doc.getSelection()?.setBaseAndExtent(press.node, press.offset, to.node, to.offset);
    };
    switch (e.type) {
      case 'mousedown': {
        press = null;
        selecting = swallowClick = false;
        if (e.button !== 0 || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
        const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
        const at = link && caretAt(doc, e.clientX, e.clientY);
        // On the link's words, not an image in it or its padding.
        if (at?.node.nodeType === 3 && link?.contains(at.node))
          press = { ...at, x: e.clientX, y: e.clientY, dx: 0, dy: 0 };
        return;
      }
      case 'dragstart':
        // Up or down: the user drags the link.
        if (!press || press.dx <= press.dy) return;
        e.preventDefault();
        selecting = true;
        return extend();
      case 'mousemove':
        // Released outside the window (no mouseup came): done.
        if (!(e.buttons & 1)) selecting = false;
        else if (press && !selecting) {
          press.dx = Math.abs(e.clientX - press.x);
          press.dy = Math.abs(e.clientY - press.y);
        }
        return selecting && extend();
      case 'mouseup':
        extend();
        swallowClick = selecting && doc.getSelection()?.isCollapsed === false;
        selecting = false;
        press = null;
        return;
      case 'click':
        if (!swallowClick) return;
        // The press that selected is not a click on the link.
        swallowClick = false;
        e.preventDefault();
        e.stopImmediatePropagation();
    }
  };
  for (const type of ['mousedown', 'dragstart', 'mousemove', 'mouseup', 'click'] as const)
    ctx.addEventListener(win, type, on, { capture: true });
}
