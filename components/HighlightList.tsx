/** A list of highlights: the quoted text (as text, never markup), its colour and its tags. */
import { COLOR_SWATCHES } from '@/utils/colors';
import { t } from '@/utils/i18n';
import type { HighlightRecord } from '@/utils/messages';

export function HighlightList({ highlights }: { highlights: HighlightRecord[] }) {
  return (
    <ol class="highlights">
      {highlights.map((h) => (
        <li
          key={h.id}
          class="highlight"
          data-id={h.id}
          style={{ borderInlineStartColor: COLOR_SWATCHES[h.color] }}
        >
          <blockquote class="quote">{h.quote.exact}</blockquote>
          {h.note ? <p class="note">{h.note}</p> : null}
          {h.tags.length > 0 ? (
            <ul class="tags" aria-label={t('tagsLabel')}>
              {h.tags.map((tag) => (
                <li key={tag} class="tag">
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
