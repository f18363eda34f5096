/**
 * The toolbar shown over a text selection: colour swatches, Highlight, Note and Tags. Rendered in a shadow root
 * (entrypoints/page-ui/toolbar.tsx), so the page's CSS cannot reach it. It has no text fields: notes and tags are typed
 * in the editor, an extension-page iframe the page can neither read nor listen to.
 */
import type { HighlightColor } from '@/utils/colors';
import { t } from '@/utils/i18n';
import { ColorSwatches } from './ColorSwatches';

export interface SelectionToolbarProps {
  /** Viewport position of the toolbar's top-left corner. */
  x: number;
  y: number;
  color: HighlightColor;
  onColor(color: HighlightColor): void;
  /** Highlight the selection; then, if asked, open the editor on the note or the tags. */
  onHighlight(then: 'note' | 'tags' | null): void;
  /** Copy the selection as a quotation with its citation and deep link. */
  onCite?(): void;
  /** An error to show, e.g. when the background could not save. */
  error?: string | null;
  /** A passing word, e.g. "Copied with citation". */
  notice?: string | null;
  busy?: boolean;
}

export function SelectionToolbar({
  x,
  y,
  color,
  onColor,
  onHighlight,
  onCite,
  error,
  notice,
  busy,
}: SelectionToolbarProps) {
  return (
    <div
      class="toolbar"
      role="toolbar"
      aria-label={t('toolbarLabel')}
      style={{ left: `${x}px`, top: `${y}px` }}
      // Keep the page's selection: a mousedown on a button would otherwise clear it.
      onMouseDown={(e) => e.preventDefault()}
    >
      <ColorSwatches value={color} onChange={onColor} />
      <button
        type="button"
        class="primary"
        disabled={busy}
        onClick={() => onHighlight(null)}
        title={t('highlightShortcutHint')}
        aria-keyshortcuts="H"
      >
        {t('highlight')}
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => onHighlight('note')}
        title={t('noteShortcutHint')}
        aria-keyshortcuts="N"
      >
        {t('note')}
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => onHighlight('tags')}
        title={t('tagsShortcutHint')}
        aria-keyshortcuts="T"
      >
        {t('tagsLabel')}
      </button>
      {onCite ? (
        <button type="button" onClick={() => onCite()} title={t('citeShortcutHint')} aria-keyshortcuts="C">
          {t('cite')}
        </button>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <p class="notice" role="status">
        {notice ?? ''}
      </p>
    </div>
  );
}
