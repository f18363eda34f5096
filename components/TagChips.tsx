/** Tag chips that filter a list: each toggles its tag, with how many highlights carry it. */
import { t } from '@/utils/i18n';
import type { TagSummary } from '@/utils/messaging/background-map';

export interface TagChipsProps {
  tags: readonly TagSummary[];
  selected: readonly string[];
  onToggle(name: string): void;
  /** Show at most this many (the list comes most used first). */
  limit?: number;
}

export function TagChips({ tags, selected, onToggle, limit }: TagChipsProps) {
  // A tag no highlight carries any more filters nothing.
  const used = tags.filter((tag) => tag.count > 0);
  const shown = limit === undefined ? used : used.slice(0, limit);
  // A selected tag stays visible even when it is not among the most used.
  const extra = tags.filter((tag) => selected.includes(tag.name) && !shown.includes(tag));
  return (
    <ul class="chips" aria-label={t('tagFilterLabel')}>
      {[...shown, ...extra].map((tag) => (
        <li key={tag.name}>
          <button
            type="button"
            class="chip"
            aria-pressed={selected.includes(tag.name)}
            onClick={() => onToggle(tag.name)}
          >
            {tag.name} <span class="count">{tag.count}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
