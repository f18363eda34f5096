/** The one selection watcher (web pages and the reader): what counts as the user's selection and keys. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type HighlightThen,
  listenerScope,
  type SelectionHandlers,
  watchSelection,
} from '@/utils/selection-watch';

/** happy-dom has no `isTrusted`; a browser sets it on the user's own input, never on a script's events. */
function user<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
const key = (type: 'keydown' | 'keyup', k: string, init: KeyboardEventInit = {}) =>
  new KeyboardEvent(type, { key: k, bubbles: true, cancelable: true, ...init });
const mouse = (type: 'mousedown' | 'mouseup') => new MouseEvent(type, { bubbles: true, cancelable: true });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

let host: HTMLElement;
let own: HTMLElement;
let scope: ReturnType<typeof listenerScope>;
let shown: boolean;
let handlers: {
  onSelect: ReturnType<typeof vi.fn<(range: Range, rect: DOMRect) => void>>;
  onDismiss: ReturnType<typeof vi.fn<() => void>>;
  onHighlight: ReturnType<typeof vi.fn<(then: HighlightThen) => void>>;
};

beforeEach(() => {
  host = document.createElement('div');
  host.innerHTML =
    '<p id="text">Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động.</p>' +
    '<textarea id="field">ghi chú của tôi</textarea><div id="own"><button>Highlight</button></div>';
  document.body.append(host);
  own = host.querySelector('#own') as HTMLElement;
  shown = false;
  handlers = { onSelect: vi.fn(), onDismiss: vi.fn(), onHighlight: vi.fn() };
  scope = listenerScope();
  const all: SelectionHandlers = {
    ...handlers,
    isOwnEvent: (event) => event.target instanceof Node && own.contains(event.target),
    isShown: () => shown,
  };
  watchSelection(scope, document, all);
});
afterEach(() => {
  scope.dispose();
  host.remove();
  document.getSelection()?.removeAllRanges();
});

/** Selects `phrase` in the paragraph (or all of `node`'s text), as the mouse or Shift+arrows would. */
function select(
  phrase: string,
  node: Node = (host.querySelector('#text') as HTMLElement).firstChild as Text,
) {
  const data = node.textContent ?? '';
  const range = document.createRange();
  range.setStart(node, data.indexOf(phrase));
  range.setEnd(node, data.indexOf(phrase) + phrase.length);
  const selection = document.getSelection() as Selection;
  selection.removeAllRanges();
  selection.addRange(range);
  return range;
}
const paragraph = () => host.querySelector('#text') as HTMLElement;

describe('watchSelection', () => {
  it('reports the user’s mouse selection once the mouse is released, as a copy of the range', async () => {
    const range = select('lò sấy lúa');
    paragraph().dispatchEvent(user(mouse('mouseup')));
    expect(handlers.onSelect).not.toHaveBeenCalled(); // the browser finishes the selection first
    await tick();
    expect(handlers.onSelect).toHaveBeenCalledTimes(1);
    const [reported] = handlers.onSelect.mock.calls[0] as [Range, DOMRect];
    expect(reported.toString()).toBe('lò sấy lúa');
    expect(reported).not.toBe(range);
    range.setEnd(range.startContainer, range.startOffset + 2);
    expect(reported.toString()).toBe('lò sấy lúa');
  });

  it('reports a selection made with the keyboard on the keys that change it', () => {
    select('Đồng Tiến');
    paragraph().dispatchEvent(user(key('keyup', 'x')));
    expect(handlers.onSelect).not.toHaveBeenCalled();
    paragraph().dispatchEvent(user(key('keyup', 'Shift')));
    paragraph().dispatchEvent(user(key('keyup', 'a', { ctrlKey: true }))); // Ctrl+A
    expect(handlers.onSelect).toHaveBeenCalledTimes(2);
  });

  it('ignores what a script dispatches: its mouse release, its keys', async () => {
    select('lò sấy lúa');
    paragraph().dispatchEvent(mouse('mouseup'));
    paragraph().dispatchEvent(key('keyup', 'Shift'));
    await tick();
    expect(handlers.onSelect).not.toHaveBeenCalled();
    shown = true;
    const h = key('keydown', 'h');
    paragraph().dispatchEvent(h);
    paragraph().dispatchEvent(mouse('mousedown'));
    expect(handlers.onHighlight).not.toHaveBeenCalled();
    expect(handlers.onDismiss).not.toHaveBeenCalled();
    expect(h.defaultPrevented).toBe(false);
  });

  it('dismisses on an empty or blank selection, text in a field, and a click outside Clipmark’s own UI', async () => {
    document.getSelection()?.removeAllRanges();
    paragraph().dispatchEvent(user(key('keyup', 'Shift')));
    select(' ');
    paragraph().dispatchEvent(user(key('keyup', 'Shift')));
    const field = host.querySelector('#field') as HTMLTextAreaElement;
    select('ghi chú', field.firstChild as Text);
    field.dispatchEvent(user(mouse('mouseup')));
    await tick();
    expect(handlers.onDismiss).toHaveBeenCalledTimes(3);
    paragraph().dispatchEvent(user(mouse('mousedown')));
    expect(handlers.onDismiss).toHaveBeenCalledTimes(4);
    // Clicking the toolbar keeps the selection; releasing the mouse there is not a new selection.
    (own.firstChild as HTMLElement).dispatchEvent(user(mouse('mousedown')));
    (own.firstChild as HTMLElement).dispatchEvent(user(mouse('mouseup')));
    await tick();
    expect(handlers.onDismiss).toHaveBeenCalledTimes(4);
    expect(handlers.onSelect).not.toHaveBeenCalled();
  });

  it('takes H, N, T and Esc while the toolbar is shown, before the page’s own listeners', () => {
    const page = vi.fn();
    document.body.addEventListener('keydown', page);
    try {
      const press = (k: string, init: KeyboardEventInit = {}, target: Element = paragraph()) => {
        const event = user(key('keydown', k, init));
        target.dispatchEvent(event);
        return event.defaultPrevented;
      };
      expect(press('h')).toBe(false); // no toolbar: the page's key
      expect(handlers.onHighlight).not.toHaveBeenCalled();
      expect(page).toHaveBeenCalledTimes(1);

      shown = true;
      expect([press('h'), press('N'), press('t'), press('Escape')]).toEqual([true, true, true, true]);
      expect(handlers.onHighlight.mock.calls).toEqual([[null], ['note'], ['tags']]);
      expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
      expect(page).toHaveBeenCalledTimes(1);

      // Not with a modifier (the browser's and the page's shortcuts), not in a text field, not other keys,
      // not inside Clipmark's own UI.
      expect(press('h', { ctrlKey: true })).toBe(false);
      expect(press('t', { altKey: true })).toBe(false);
      expect(press('n', { metaKey: true })).toBe(false);
      expect(press('h', {}, host.querySelector('#field') as Element)).toBe(false);
      expect(press('x')).toBe(false);
      expect(press('constructor')).toBe(false);
      expect(press('h', {}, own.firstChild as Element)).toBe(false);
      expect(handlers.onHighlight).toHaveBeenCalledTimes(3);
      expect(page).toHaveBeenCalledTimes(8);
    } finally {
      document.body.removeEventListener('keydown', page);
    }
  });

  it('takes C (copy with citation) only where there is a Cite, only the user’s, only over the toolbar', () => {
    const press = (k: string, init: KeyboardEventInit = {}, trusted = true) => {
      const event = key('keydown', k, init);
      paragraph().dispatchEvent(trusted ? user(event) : event);
      return event.defaultPrevented;
    };
    // This watcher has no onCite (the reader page): C stays the page's even with the toolbar shown.
    shown = true;
    expect(press('c')).toBe(false);
    scope.dispose();
    scope = listenerScope();
    const onCite = vi.fn();
    watchSelection(scope, document, {
      ...handlers,
      onCite,
      isOwnEvent: () => false,
      isShown: () => shown,
    });
    shown = false;
    expect(press('c')).toBe(false);
    shown = true;
    expect(press('c', {}, false)).toBe(false); // a script's key press
    expect(press('c', { ctrlKey: true })).toBe(false); // the browser's copy
    expect(onCite).not.toHaveBeenCalled();
    expect([press('c'), press('C', { shiftKey: true })]).toEqual([true, true]);
    expect(onCite).toHaveBeenCalledTimes(2);
    expect(handlers.onHighlight).not.toHaveBeenCalled();
  });

  it('stops listening, pending check included, when its scope is disposed', async () => {
    select('lò sấy lúa');
    paragraph().dispatchEvent(user(mouse('mouseup')));
    scope.dispose();
    await tick();
    shown = true;
    paragraph().dispatchEvent(user(key('keyup', 'Shift')));
    paragraph().dispatchEvent(user(key('keydown', 'h')));
    paragraph().dispatchEvent(user(mouse('mousedown')));
    expect(handlers.onSelect).not.toHaveBeenCalled();
    expect(handlers.onHighlight).not.toHaveBeenCalled();
    expect(handlers.onDismiss).not.toHaveBeenCalled();
  });
});
