/**
 * Mounts the selection toolbar in a closed shadow root and connects it to the page's highlights. Closed, the page
 * can neither read the toolbar nor click its buttons for the user (`element.shadowRoot` is null, and events from
 * inside reach the page retargeted to the host); the end-to-end tests reach it as a browser's automation does
 * (scripts/closed-root.mjs) and click it with the mouse.
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { SelectionToolbar } from '@/components/SelectionToolbar';
// The styles travel inside the script: nothing for a page to fetch, no file listed as web-accessible.
import toolbarCss from '@/components/SelectionToolbar.css?inline';
import type { PageHighlights } from '@/entrypoints/page-tools/page-highlights';
import { DEFAULT_COLOR, type HighlightColor } from '@/utils/colors';
import { t } from '@/utils/i18n';
import { placeToolbar, viewportOf } from '@/utils/placement';
import type { HighlightThen } from '@/utils/selection-watch';

export async function mountToolbar(
  ctx: ContentScriptContext,
  page: PageHighlights,
  openEditor: (id: string, focus: 'note' | 'tags') => Promise<void>,
) {
  let range: Range | null = null;
  let position = { x: 0, y: 0 };
  // The user's default colour (the options page); until the background says, or if it cannot, yellow.
  let color: HighlightColor = await page.preferredColor().catch(() => DEFAULT_COLOR);
  let help = false;
  let error: string | null = null;
  let container: HTMLElement | null = null;

  const ui = await createShadowRootUi(ctx, {
    name: 'clipmark-toolbar',
    position: 'inline',
    anchor: 'html',
    mode: 'closed',
    css: toolbarCss,
    isolateEvents: true,
    onMount(root) {
      container = root;
    },
    onRemove() {
      if (container) render(null, container);
    },
  });
  ui.mount();

  // What a screen reader is told (the highlight the keys moved to), in a live region beside the toolbar.
  let announcement = '';
  const draw = () => {
    if (!container) return;
    const status = (
      <p class="announce" role="status">
        {announcement}
      </p>
    );
    if (!range) return render(status, container);
    render(
      <>
        {status}
        <SelectionToolbar
          x={position.x}
          y={position.y}
          color={color}
          error={error}
          help={help}
          onHelp={toggleHelp}
          onColor={(c) => {
            color = c;
            draw();
          }}
          onHighlight={commit}
        />
      </>,
      container,
    );
  };

  const hide = () => {
    range = null;
    error = null;
    help = false;
    draw();
  };

  const toggleHelp = () => {
    help = !help;
    draw();
  };

  const fail = (e: unknown) => {
    error = `${t('saveFailed')} ${e instanceof Error ? e.message : ''}`.trim();
    draw();
  };

  /**
   * The mark is drawn and the toolbar closes on the key press or click; the write follows. If it fails, the mark
   * goes, and the toolbar comes back over the same text, selected again, saying why.
   */
  async function commit(then: HighlightThen) {
    if (!range) return;
    const selected = range;
    let created: ReturnType<PageHighlights['create']>;
    try {
      created = page.create(selected, color, []);
    } catch (e) {
      return fail(e);
    }
    document.getSelection()?.removeAllRanges();
    hide();
    try {
      const record = await created.saved;
      if (then) openEditor(record.id, then);
    } catch (e) {
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(selected);
      range = selected;
      position = placeToolbar(selected.getBoundingClientRect(), viewportOf(document));
      fail(e);
    }
  }

  return {
    show(selected: Range, rect: DOMRect) {
      range = selected;
      error = null;
      position = placeToolbar(rect, viewportOf(document));
      draw();
    },
    hide,
    get visible() {
      return range !== null;
    },
    contains: (event: Event) => event.composedPath().includes(ui.shadowHost),
    /** Highlights the selection (the H, N and T keys, as the buttons do). */
    commit,
    /** `?`: the list of keys under the toolbar, or gone again. */
    toggleHelp,
    /** Tells a screen reader `text` (polite; replaces the last announcement). */
    announce(text: string) {
      announcement = text;
      draw();
    },
  };
}
