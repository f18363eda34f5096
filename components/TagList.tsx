/** A highlight's tags, as text, in the popup, the search results and the library. Nothing when there are none. */
import { t } from '@/utils/i18n';

export function TagList({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="tags" aria-label={t('tagsLabel')}>
      {tags.map((tag) => (
        <li key={tag} class="tag">
          {tag}
        </li>
      ))}
    </ul>
  );
}
