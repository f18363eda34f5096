/**
 * Edits one highlight: colour, tags (with suggestions), note, delete. Shown in an extension-page iframe over
 * the article, so the web page can neither read what is typed nor the user's tag list.
 */
import './HighlightEditor.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HighlightColor } from '@/utils/colors';
import { t } from '@/utils/i18n';
import type { HighlightChanges, HighlightRecord, TagSummary } from '@/utils/messages';
import { ColorSwatches } from './ColorSwatches';
import { TagInput } from './TagInput';

export interface EditorApi {
  load(): Promise<{ highlight: HighlightRecord; tags: TagSummary[] }>;
  save(changes: HighlightChanges): Promise<void>;
  remove(): Promise<void>;
  close(): void | Promise<void>;
}

export function HighlightEditor({ api, focus }: { api: EditorApi; focus: 'note' | 'tags' | null }) {
  const [highlight, setHighlight] = useState<HighlightRecord | null>(null);
  const [suggestions, setSuggestions] = useState<TagSummary[]>([]);
  const [color, setColor] = useState<HighlightColor>('yellow');
  const [tags, setTags] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    api.load().then(
      ({ highlight, tags: all }) => {
        setHighlight(highlight);
        setSuggestions(all);
        setColor(highlight.color);
        setTags(highlight.tags);
        setNote(highlight.note);
      },
      (e) => setError(String(e?.message ?? e)),
    );
  }, [api]);

  // Browsers ignore `autofocus` in a cross-origin frame: focus the field the user asked for explicitly.
  useEffect(() => {
    if (!highlight) return;
    if (focus === 'note') noteRef.current?.focus();
    if (focus === 'tags') document.querySelector<HTMLInputElement>('.tags-field')?.focus();
  }, [highlight, focus]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      api.close();
    } catch (e) {
      setError(`${t('saveFailed')} ${e instanceof Error ? e.message : ''}`.trim());
      setBusy(false);
    }
  };
  const save = () => run(() => api.save({ color, tags, note }));

  if (!highlight) {
    return (
      <main class="editor">{error ? <p role="alert">{error}</p> : <p class="muted">{t('loading')}</p>}</main>
    );
  }
  return (
    <main
      class="editor"
      onKeyDown={(e) => {
        if (e.key === 'Escape') api.close();
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save();
      }}
    >
      <blockquote class="quote">{highlight.quote.exact}</blockquote>
      <ColorSwatches value={color} onChange={setColor} />
      <TagInput tags={tags} onChange={setTags} suggestions={suggestions} />
      <label class="note">
        <span>{t('noteLabel')}</span>
        <textarea ref={noteRef} rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="actions">
        <button type="button" class="danger" disabled={busy} onClick={() => run(api.remove)}>
          {t('delete')}
        </button>
        <span class="spacer" />
        <button type="button" onClick={api.close}>
          {t('cancel')}
        </button>
        <button type="button" class="primary" disabled={busy} onClick={save} title={t('saveHint')}>
          {t('save')}
        </button>
      </div>
    </main>
  );
}
