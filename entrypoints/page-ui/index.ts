import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findHandoff, type PageUi } from '@/entrypoints/content/handoff';
import type { PageHighlights } from '@/entrypoints/page-tools/page-highlights';
import { createEditorFrame } from './editor-frame';
import { mountToolbar } from './toolbar';

/**
 * The page UI: the selection toolbar (Preact, in a closed shadow root) and the editor frame.
 * Injected by the background (`page.loadTools {part: 'ui'}`) when the page tools first need it — the user selects
 * text or clicks a highlight, or the popup opens a highlight's editor — so that drawing a page's highlights never
 * loads it. Uses the core's `ctx` and the tools' highlights (entrypoints/content/handoff.ts). Injected twice, it starts
 * once. Returns whether it runs in this page.
 */
export default defineUnlistedScript((): boolean => {
  const core = findHandoff();
  const tools = core?.tools;
  if (!core || !tools || !core.ctx.isValid) return false;
  if (core.ui) return true;
  const { ctx } = core;
  const editor = createEditorFrame(ctx, tools.page);
  core.attachUi({
    editor,
    toolbar: lazyToolbar(ctx, tools.page, editor.open, () => core.inject('cite')),
  });
  return true;
});

/** The toolbar, mounted at its first showing (a shadow root in the page only once the user selected). */
function lazyToolbar(
  ctx: Parameters<typeof mountToolbar>[0],
  page: PageHighlights,
  openEditor: Parameters<typeof mountToolbar>[2],
  loadCite: Parameters<typeof mountToolbar>[3],
): PageUi['toolbar'] {
  let toolbar: Awaited<ReturnType<typeof mountToolbar>> | null = null;
  let mounting: Promise<void> | null = null;
  return {
    async show(range, rect) {
      if (!toolbar) {
        mounting ??= mountToolbar(ctx, page, openEditor, loadCite).then((mounted) => {
          toolbar = mounted;
        });
        await mounting;
      }
      toolbar?.show(range, rect);
    },
    hide: () => toolbar?.hide(),
    get visible() {
      return toolbar?.visible ?? false;
    },
    contains: (event) => toolbar?.contains(event) ?? false,
    commit: (then) => {
      toolbar?.commit(then);
    },
    cite: () => {
      toolbar?.cite();
    },
  };
}
