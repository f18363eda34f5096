/**
 * Tags as removable chips, a text field, and suggestions from the library (most used first), matched ignoring
 * case and accents ("nong" suggests "Nông nghiệp"). Enter or comma adds what was typed; the editor also saves
 * what is left typed in the field as a tag.
 */
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { TagSummary } from '@/utils/messaging/background-map';
import { foldText } from '@/utils/search/fold';
import { parseTags } from '@/utils/tag-names';

const MAX_SUGGESTIONS = 8;

export interface TagInputProps {
  tags: string[];
  onChange(tags: string[]): void;
  suggestions: TagSummary[];
  /** What is typed in the field, not yet a tag, when the owner keeps it (the editor saves it as a tag). */
  text?: string;
  onText?(text: string): void;
}

export function TagInput({ tags, onChange, suggestions, text: ownText, onText }: TagInputProps) {
  const [localText, setLocalText] = useState('');
  const text = ownText ?? localText;
  const setText = onText ?? setLocalText;
  const have = new Set(tags.map(foldText));
  const typed = foldText(text);
  const shown = suggestions
    .filter((s) => !have.has(foldText(s.name)) && (!typed || foldText(s.name).includes(typed)))
    .slice(0, MAX_SUGGESTIONS);
  const add = (input: string) => {
    const next = parseTags([...tags, ...parseTags(input)].join(','));
    onChange(next);
    setText('');
  };
  return (
    <div class="tag-input">
      <ul class="chips" aria-label={t('tagsLabel')}>
        {tags.map((tag) => (
          <li key={tag} class="chip">
            <span>{tag}</span>
            <button
              type="button"
              aria-label={t('removeTag', tag)}
              onClick={() => onChange(tags.filter((x) => x !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        type="text"
        class="tags-field"
        aria-label={t('addTags')}
        placeholder={t('tagsPlaceholder')}
        value={text}
        onInput={(e) => {
          const value = e.currentTarget.value;
          if (value.includes(',')) add(value);
          else setText(value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && text.trim()) {
            e.preventDefault();
            add(text);
          } else if (e.key === 'Backspace' && !text && tags.length > 0) {
            onChange(tags.slice(0, -1));
          }
        }}
      />
      {shown.length > 0 ? (
        <ul class="suggestions" aria-label={t('tagSuggestions')}>
          {shown.map((s) => (
            <li key={s.name}>
              <button type="button" class="suggestion" onClick={() => add(s.name)}>
                {s.name}
                <span class="count">{s.count}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
