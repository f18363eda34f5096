/** The five highlight colours as pressable swatches; `null` selects none (a filter that is off). */
import { COLOR_SWATCHES, HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/colors';
import { t } from '@/utils/i18n';

export function ColorSwatches({
  value,
  onChange,
}: {
  value: HighlightColor | null;
  onChange(color: HighlightColor): void;
}) {
  return (
    <fieldset class="swatches" aria-label={t('colorLabel')}>
      {HIGHLIGHT_COLORS.map((c) => (
        <button
          key={c}
          type="button"
          class="swatch"
          aria-pressed={c === value}
          aria-label={t(`color_${c}`)}
          title={t(`color_${c}`)}
          style={{ background: COLOR_SWATCHES[c] }}
          onClick={() => onChange(c)}
        />
      ))}
    </fieldset>
  );
}
