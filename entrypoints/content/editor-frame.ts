/**
 * The highlight editor in an extension-page iframe over the article: the page can see that a frame is there but
 * cannot read it. Closed by the editor's own `postMessage` (checked by origin) or by Escape / a click elsewhere.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';
import { isEditorClosed } from '@/utils/editor-protocol';
import type { PageHighlights } from './page-highlights';

const WIDTH = 340;
const HEIGHT = 300;

export function createEditorFrame(ctx: ContentScriptContext, page: PageHighlights) {
  let current: ReturnType<typeof createIframeUi> | null = null;
  const origin = browser.runtime.getURL('/');

  const close = () => {
    current?.remove();
    current = null;
  };

  ctx.addEventListener(window, 'message', (event: MessageEvent) => {
    if (!current || !isEditorClosed(event, origin)) return;
    close();
    page.sync().catch(() => {});
  });
  ctx.addEventListener(document, 'keydown', (event: KeyboardEvent) => {
    if (current && event.key === 'Escape') close();
  });
  ctx.addEventListener(document, 'mousedown', () => close());

  return {
    get isOpen() {
      return current !== null;
    },
    close,
    open(id: string, focus: 'note' | 'tags' | null) {
      close();
      const rect = page.rectOf(id);
      const view = document.documentElement;
      const x = Math.max(8, Math.min(rect?.left ?? 8, view.clientWidth - WIDTH - 8));
      const below = (rect?.bottom ?? 8) + 8;
      const y = below + HEIGHT < view.clientHeight ? below : Math.max(8, (rect?.top ?? 8) - HEIGHT - 8);
      const query = `?id=${encodeURIComponent(id)}${focus ? `&focus=${focus}` : ''}`;
      current = createIframeUi(ctx, {
        page: `/editor.html${query}` as '/editor.html',
        position: 'inline',
        anchor: 'html',
        onMount(wrapper, iframe) {
          wrapper.style.cssText = `position:fixed;left:${x}px;top:${y}px;z-index:2147483647;`;
          iframe.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px;border:0;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.3);background:#fff;color-scheme:normal;`;
          iframe.title = 'Clipmark';
          iframe.setAttribute('allow', '');
          iframe.addEventListener('load', () => iframe.focus(), { once: true });
        },
      });
      current.mount();
    },
  };
}
