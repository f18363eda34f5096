/**
 * A highlight's tags, as text, in the popup, the search results and the library. Nothing when there are none.
 * With `onTag` (the library) each tag is a button that filters the list by it; `active` tags show as pressed.
 */
import { t } from '@/utils/i18n';

export function TagList({
  tags,
  onTag,
  active = [],
}: {
  tags: readonly string[];
  onTag?(tag: string): void;
  active?: readonly string[];
}) {
  if (tags.length === 0) return null;
  return (
    <ul class="tags" aria-label={t('tagsLabel')}>
      {tags.map((tag) => (
        <li key={tag} class={onTag ? undefined : 'tag'}>
          {onTag ? (
            <button
              type="button"
              class="tag"
              aria-pressed={active.includes(tag)}
              title={t('filterByTag', tag)}
              onClick={() => onTag(tag)}
            >
              {tag}
            </button>
          ) : (
            tag
          )}
        </li>
      ))}
    </ul>
  );
}
