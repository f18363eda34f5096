/**
 * The highlight editor: an extension page in an iframe over the article, itself inside a closed shadow root.
 * The page can neither read the frame nor see its address (a Firefox extension address identifies the user).
 * Closed by the editor's `page.editorClosed` tab message (index.ts), or by the user's Escape / click elsewhere.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { PageHighlights } from '@/entrypoints/page-tools/page-highlights';

const WIDTH = 340;
const HEIGHT = 300;

export type EditorFrame = ReturnType<typeof createEditorFrame>;

export function createEditorFrame(ctx: ContentScriptContext, page: PageHighlights) {
  let current: { remove(): void } | null = null;
  let opening = 0;
  /** Where the focus was before the editor took it; it goes back there when the editor closes with it. */
  let returnTo: HTMLElement | null = null;

  const close = () => {
    opening++;
    const hadFocus = current !== null && document.activeElement?.localName === 'clipmark-editor';
    current?.remove();
    current = null;
    if (hadFocus && returnTo?.isConnected) returnTo.focus({ preventScroll: true });
    returnTo = null;
  };

  // The user's own Escape or click elsewhere closes it; the page's dispatched events do not.
  ctx.addEventListener(document, 'keydown', (event: KeyboardEvent) => {
    if (current && event.isTrusted && event.key === 'Escape') close();
  });
  ctx.addEventListener(document, 'mousedown', (event: MouseEvent) => {
    if (event.isTrusted) close();
  });

  return {
    get isOpen() {
      return current !== null;
    },
    close,
    async open(id: string, focus: 'note' | 'tags' | null) {
      close();
      const active = document.activeElement;
      returnTo = active instanceof HTMLElement && active !== document.body ? active : null;
      const ticket = opening;
      const rect = page.rectOf(id);
      const view = document.documentElement;
      const x = Math.max(8, Math.min(rect?.left ?? 8, view.clientWidth - WIDTH - 8));
      const below = (rect?.bottom ?? 8) + 8;
      const y = below + HEIGHT < view.clientHeight ? below : Math.max(8, (rect?.top ?? 8) - HEIGHT - 8);
      const query = `?id=${encodeURIComponent(id)}${focus ? `&focus=${focus}` : ''}`;
      const ui = await createShadowRootUi(ctx, {
        name: 'clipmark-editor',
        position: 'inline',
        anchor: 'html',
        mode: 'closed',
        onMount(container) {
          const iframe = document.createElement('iframe');
          iframe.src = browser.runtime.getURL(`/editor.html${query}` as '/editor.html');
          iframe.title = 'Clipmark';
          iframe.style.cssText =
            `position:fixed;left:${x}px;top:${y}px;z-index:2147483647;width:${WIDTH}px;height:${HEIGHT}px;` +
            'border:0;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.3);background:#fff;color-scheme:normal;';
          iframe.addEventListener('load', () => iframe.focus(), { once: true });
          container.append(iframe);
        },
      });
      if (ticket !== opening) return; // closed or reopened while the shadow root was being made
      ui.mount();
      current = ui;
    },
  };
}
