/**
 * A selection that starts inside a link (entrypoints/content/link-select.ts), with the browser's events played
 * in happy-dom: the user's events only, sideways selects and swallows the closing click, up or down and modified
 * presses are the browser's link drag, untouched. The text under the pointer is given by a stand-in for
 * `caretPositionFromPoint` (happy-dom lays nothing out): one pixel per character of the paragraph's text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { selectFromLinks } from '@/entrypoints/content/link-select';

function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

let ctx: ContentScriptContext;
let texts: Text[];
beforeEach(() => {
  document.body.innerHTML =
    '<p>Việc đầu tư theo <a href="/huong-dan">hướng dẫn cơ giới hóa</a> mà ngành nông nghiệp ban hành.</p>';
  document.getSelection()?.removeAllRanges();
  const p = document.querySelector('p') as HTMLElement;
  texts = [p.firstChild as Text, p.querySelector('a')?.firstChild as Text, p.lastChild as Text];
  // x = the character's offset in the paragraph's text; any y on the line.
  (document as unknown as { caretPositionFromPoint(x: number): unknown }).caretPositionFromPoint = (
    x: number,
  ) => {
    let rest = Math.round(x);
    for (const node of texts) {
      if (rest <= node.data.length) return { offsetNode: node, offset: rest };
      rest -= node.data.length;
    }
    return null;
  };
  ctx = new ContentScriptContext('content');
  selectFromLinks(ctx, document);
});
afterEach(() => {
  ctx.abort();
  delete (document as unknown as { caretPositionFromPoint?: unknown }).caretPositionFromPoint;
});

const link = () => document.querySelector('a') as HTMLAnchorElement;
const at = (x: number, y = 10, extra: MouseEventInit = {}) => ({
  clientX: x,
  clientY: y,
  bubbles: true,
  ...extra,
});
/** A press on the link at x, moves to each point (the first one before the browser's dragstart), a release. */
function drag(from: number, points: [number, number][], init: MouseEventInit = {}, isTrusted = true) {
  const mark = <E extends Event>(e: E) => (isTrusted ? trusted(e) : e);
  link().dispatchEvent(mark(new MouseEvent('mousedown', at(from, 10, { button: 0, buttons: 1, ...init }))));
  const [first, ...rest] = points;
  if (first) link().dispatchEvent(mark(new MouseEvent('mousemove', at(first[0], first[1], { buttons: 1 }))));
  // dragstart reports the press's point, as Chromium does.
  const dragstart = mark(new Event('dragstart', { bubbles: true, cancelable: true }) as DragEvent);
  Object.assign(dragstart, { clientX: from, clientY: 10 });
  link().dispatchEvent(dragstart);
  for (const [x, y] of rest)
    document.body.dispatchEvent(mark(new MouseEvent('mousemove', at(x, y, { buttons: 1 }))));
  const last = points[points.length - 1] ?? [from, 10];
  document.body.dispatchEvent(mark(new MouseEvent('mouseup', at(last[0], last[1]))));
  const click = mark(new MouseEvent('click', { ...at(last[0], last[1]), cancelable: true }));
  document.body.dispatchEvent(click);
  return { dragstart, click };
}
const START = 'Việc đầu tư theo '.length;

describe('a selection that starts inside a link', () => {
  it('selects when the drag goes sideways, and the click that ends it does not reach the page', () => {
    let pageHeardClick = false;
    document.body.addEventListener('click', () => {
      pageHeardClick = true;
    });
    const from = START + 'hướng dẫn '.length;
    const to = START + 'hướng dẫn cơ giới hóa mà ngành'.length;
    const { dragstart, click } = drag(from, [
      [from + 5, 10],
      [to, 12],
    ]);
    expect(dragstart.defaultPrevented).toBe(true);
    expect(document.getSelection()?.toString()).toBe('cơ giới hóa mà ngành');
    expect(click.defaultPrevented).toBe(true);
    expect(pageHeardClick).toBe(false);
  });

  it('leaves the link drag alone when it goes up or down, with a modifier key, or without movement first', () => {
    const from = START + 3;
    expect(drag(from, [[from + 1, 30]]).dragstart.defaultPrevented).toBe(false);
    expect(drag(from, [[from + 9, 10]], { altKey: true }).dragstart.defaultPrevented).toBe(false);
    expect(drag(from, []).dragstart.defaultPrevented).toBe(false);
    expect(document.getSelection()?.toString() ?? '').toBe('');
  });

  it('ignores a page’s own events, and a press outside links', () => {
    const from = START + 3;
    const { dragstart, click } = drag(from, [[from + 9, 10]], {}, false);
    expect(dragstart.defaultPrevented).toBe(false);
    expect(click.defaultPrevented).toBe(false);
    const p = document.querySelector('p') as HTMLElement;
    p.dispatchEvent(trusted(new MouseEvent('mousedown', at(2, 10, { button: 0, buttons: 1 }))));
    const outside = trusted(new Event('dragstart', { bubbles: true, cancelable: true }));
    p.dispatchEvent(outside);
    expect(outside.defaultPrevented).toBe(false);
  });

  it('stops selecting when the button was released outside the window', () => {
    const from = START + 3;
    link().dispatchEvent(trusted(new MouseEvent('mousedown', at(from, 10, { button: 0, buttons: 1 }))));
    link().dispatchEvent(trusted(new MouseEvent('mousemove', at(from + 4, 10, { buttons: 1 }))));
    link().dispatchEvent(trusted(new Event('dragstart', { bubbles: true, cancelable: true })));
    document.body.dispatchEvent(trusted(new MouseEvent('mousemove', at(from + 8, 10, { buttons: 1 }))));
    const selected = document.getSelection()?.toString();
    expect(selected?.length).toBe(8);
    // Back in the window with no button down: the selection stays as it was.
    document.body.dispatchEvent(trusted(new MouseEvent('mousemove', at(from + 20, 10, { buttons: 0 }))));
    expect(document.getSelection()?.toString()).toBe(selected);
  });
});
