/**
 * Mounts the selection toolbar in a closed shadow root and connects it to the page's highlights. Closed, the page
 * can neither read the toolbar nor click its buttons for the user (`element.shadowRoot` is null, and events from
 * inside reach the page retargeted to the host); the end-to-end tests reach it as a browser's automation does
 * (scripts/closed-root.mjs) and click it with the mouse.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { SelectionToolbar } from '@/components/SelectionToolbar';
// The styles travel inside the script: nothing for a page to fetch, no file listed as web-accessible.
import toolbarCss from '@/components/SelectionToolbar.css?inline';
import { findCiteFormatter } from '@/entrypoints/page-cite/handoff';
import type { PageHighlights } from '@/entrypoints/page-tools/page-highlights';
import { writeFormatted } from '@/utils/citation/clipboard';
import { citationLocale } from '@/utils/citation/styles';
import { DEFAULT_COLOR, type HighlightColor } from '@/utils/colors';
import { textFragmentLink } from '@/utils/export/deep-link';
import { t } from '@/utils/i18n';
import { placeToolbar, viewportOf } from '@/utils/placement';
import type { HighlightThen } from '@/utils/selection-watch';

export async function mountToolbar(
  ctx: ContentScriptContext,
  page: PageHighlights,
  openEditor: (id: string, focus: 'note' | 'tags') => Promise<void>,
  /** Injects `page-cite.js` (citeproc) into the page, the first time only: `page.loadTools {part: 'cite'}`. */
  loadCite: () => Promise<void>,
) {
  let range: Range | null = null;
  let position = { x: 0, y: 0 };
  let color: HighlightColor = DEFAULT_COLOR;
  let error: string | null = null;
  let notice: string | null = null;
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

  const draw = () => {
    if (!container) return;
    if (!range) return render(null, container);
    render(
      <SelectionToolbar
        x={position.x}
        y={position.y}
        color={color}
        error={error}
        notice={notice}
        onCite={cite}
        onColor={(c) => {
          color = c;
          draw();
        }}
        onHighlight={commit}
      />,
      container,
    );
  };

  const hide = () => {
    range = null;
    error = null;
    notice = null;
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

  /**
   * Copies the selection as a quotation with its citation and deep link (utils/citation/format.ts). The clipboard
   * write starts here, in the user's click or C key press (the browser allows it only then); the text follows
   * once the article's CSL item came back and the citation part — citeproc, injected on the first press only —
   * formatted it. The toolbar stays, saying when it is copied or why not.
   */
  let cites = 0;
  function cite() {
    if (!range) return;
    const selected = range;
    const seen = ++cites;
    const formatted = (async () => {
      const [{ quote, source }] = await Promise.all([page.citationSource(selected), loadCite()]);
      const format = findCiteFormatter();
      if (!format) throw new Error(t('citeUnavailable'));
      return format({
        item: source.item,
        style: source.style,
        locale: citationLocale(browser.i18n.getUILanguage()),
        quote: quote.exact,
        link: textFragmentLink(source.item.URL, quote),
      });
    })();
    error = null;
    notice = t('citeCopying');
    draw();
    writeFormatted(navigator.clipboard, formatted).then(
      () => {
        if (seen !== cites || range !== selected) return;
        notice = t('citeCopied');
        draw();
      },
      (e: unknown) => {
        if (seen !== cites || range !== selected) return;
        notice = null;
        error = `${t('citeFailed')} ${e instanceof Error ? e.message : ''}`.trim();
        draw();
      },
    );
  }

  return {
    show(selected: Range, rect: DOMRect) {
      range = selected;
      error = null;
      notice = null;
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
    /** Copies the selection with its citation (the C key, as the Cite button does). */
    cite,
  };
}
