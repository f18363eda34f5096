/**
 * The toolbar shown over a text selection: colour swatches, a tags field and a Highlight button.
 * Rendered inside a shadow root (see entrypoints/content), so the page's CSS cannot reach it.
 */
import { COLOR_SWATCHES, HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/colors';
import { t } from '@/utils/i18n';
import { parseTags } from '@/utils/tags';

export interface SelectionToolbarProps {
  /** Viewport position of the toolbar's top-left corner. */
  x: number;
  y: number;
  color: HighlightColor;
  onColor(color: HighlightColor): void;
  /** What the user typed in the tags field (comma-separated). */
  tagText: string;
  onTagText(text: string): void;
  onHighlight(tags: string[]): void;
  onClose(): void;
  /** An error to show, e.g. when the background could not save. */
  error?: string | null;
  busy?: boolean;
}

export function SelectionToolbar(props: SelectionToolbarProps) {
  const { x, y, color, onColor, tagText, onTagText, onHighlight, onClose, error, busy } = props;
  const submit = () => onHighlight(parseTags(tagText));

  return (
    <div
      class="toolbar"
      role="toolbar"
      aria-label={t('toolbarLabel')}
      style={{ left: `${x}px`, top: `${y}px` }}
      // Keep the page's selection: a mousedown on a button would otherwise clear it.
      onMouseDown={(e) => {
        if (!(e.target instanceof HTMLInputElement)) e.preventDefault();
      }}
    >
      <fieldset class="swatches" aria-label={t('colorLabel')}>
        {HIGHLIGHT_COLORS.map((c) => (
          <button
            key={c}
            type="button"
            class="swatch"
            aria-pressed={c === color}
            aria-label={t(`color_${c}`)}
            title={t(`color_${c}`)}
            style={{ background: COLOR_SWATCHES[c] }}
            onClick={() => onColor(c)}
          />
        ))}
      </fieldset>
      <input
        class="tags"
        type="text"
        name="clipmark-tags"
        autocomplete="off"
        placeholder={t('tagsPlaceholder')}
        aria-label={t('tagsLabel')}
        value={tagText}
        onInput={(e) => onTagText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          } else if (e.key === 'Escape') {
            onClose();
          }
        }}
      />
      <button
        type="button"
        class="primary"
        disabled={busy}
        onClick={submit}
        title={t('highlightShortcutHint')}
      >
        {t('highlight')}
      </button>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
