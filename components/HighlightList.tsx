/** A list of highlights: the quoted text (as text, never markup), its colour, tags and actions. */
import { COLOR_SWATCHES } from '@/utils/colors';
import { t } from '@/utils/i18n';
import type { HighlightRecord, SearchHitRecord } from '@/utils/messaging/background-map';
import { Marked } from './SearchResults';
import { TagList } from './TagList';

export interface HighlightListProps {
  highlights: HighlightRecord[];
  /** Highlights whose text changed on the page since: id → the text there now. */
  changed?: Record<string, string>;
  /** Show the highlight on the page; absent for highlights that are not on it. */
  onOpen?(h: HighlightRecord): void;
  /** Edit colour, tags and note (in the editor over the page); absent where the page cannot show it. */
  onEdit?(h: HighlightRecord): void;
  onDelete?(h: HighlightRecord): void;
  /** Words a search matched, per highlight id, marked in its quote and note (the side panel's search). */
  matches?: Record<string, SearchHitRecord['matches']>;
  /** Copy the passage as a quotation with its citation and deep link. */
  onCite?(h: HighlightRecord): void;
}

export function HighlightList({
  highlights,
  changed = {},
  onOpen,
  onEdit,
  onDelete,
  matches = {},
  onCite,
}: HighlightListProps) {
  return (
    <ol class="highlights">
      {highlights.map((h) => (
        <li
          key={h.id}
          class="highlight"
          data-id={h.id}
          style={{ borderInlineStartColor: COLOR_SWATCHES[h.color] }}
        >
          {onOpen ? (
            <button type="button" class="quote open" title={t('showOnPage')} onClick={() => onOpen(h)}>
              <Marked text={h.quote.exact} terms={matches[h.id]?.quote ?? []} />
            </button>
          ) : (
            <blockquote class="quote">
              <Marked text={h.quote.exact} terms={matches[h.id]?.quote ?? []} />
            </blockquote>
          )}
          {changed[h.id] !== undefined ? (
            <div class="changed" role="note">
              <p class="changed-label">{t('textChanged')}</p>
              <p class="changed-now">
                <span class="muted">{t('textNow')} </span>
                {changed[h.id]}
              </p>
            </div>
          ) : null}
          {h.note ? (
            <p class="note">
              <Marked text={h.note} terms={matches[h.id]?.note ?? []} />
            </p>
          ) : null}
          <div class="meta">
            <TagList tags={h.tags} />
            {onCite ? (
              <button
                type="button"
                class="cite"
                aria-label={t('citeHighlight')}
                title={t('citeHighlightHint')}
                onClick={() => onCite(h)}
              >
                {t('cite')}
              </button>
            ) : null}
            {onEdit ? (
              <button type="button" class="edit" aria-label={t('editHighlight')} onClick={() => onEdit(h)}>
                {t('edit')}
              </button>
            ) : null}
            {onDelete ? (
              <button
                type="button"
                class="delete"
                aria-label={t('deleteHighlight')}
                onClick={() => onDelete(h)}
              >
                {t('delete')}
              </button>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
