/**
 * Edits one highlight: colour, tags (with suggestions), note, delete. Shown in an extension-page iframe over
 * the article, so the web page can neither read what is typed nor the user's tag list.
 *
 * Two editors may be open on one highlight (the page's and the reader's, two tabs), or the library page may
 * retag it meanwhile. A save says which version it started from (`updatedAt`); the background refuses a stale
 * one (`conflict`). Then nothing the user typed is dropped: the latest version is loaded, each field the user
 * did not touch takes the other change, and each field the user did change keeps the draft. When no field was
 * changed on both sides, both changes are saved at once (as a sync merges edits to different fields); when one
 * was, the draft stays in the fields, the version saved elsewhere is shown beside it, and the user decides —
 * Save again replaces it (from the version now shown), "Use the saved version" drops the draft. Never a silent
 * overwrite, and never a lost paragraph: a long note is the one thing a Zotero or Hypothesis user cannot retype.
 */
import './HighlightEditor.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HighlightColor } from '@/utils/colors';
import { EDIT_FIELDS, type EditedFields, sameField } from '@/utils/highlight-edits';
import { t } from '@/utils/i18n';
import type { HighlightChanges, HighlightRecord, TagSummary } from '@/utils/messaging/background-map';
import { ColorSwatches } from './ColorSwatches';
import { TagInput } from './TagInput';

export interface EditorApi {
  load(): Promise<{ highlight: HighlightRecord; tags: TagSummary[] }>;
  /**
   * Saves the changes made to the version `version` (its `updatedAt`); rejects with an error whose `code` is
   * `conflict` when the highlight changed since.
   */
  save(changes: HighlightChanges, version: number): Promise<unknown>;
  remove(): Promise<void>;
  close(): void | Promise<void>;
}

type Draft = EditedFields;

/**
 * The draft merged with a version saved elsewhere: a field the user left as it was (`base`) takes the saved
 * one; a field the user changed keeps the draft, and clashes when the saved one changed too, differently.
 */
export function mergeEdit(base: Draft, draft: Draft, latest: Draft) {
  const merged = { ...draft };
  const clashes: (keyof Draft)[] = [];
  for (const field of EDIT_FIELDS) {
    if (sameField(draft[field], base[field])) (merged as Record<string, unknown>)[field] = latest[field];
    else if (!sameField(latest[field], base[field]) && !sameField(latest[field], draft[field]))
      clashes.push(field);
  }
  return { merged, clashes };
}

const isConflict = (error: unknown) => (error as { code?: unknown } | null)?.code === 'conflict';

export function HighlightEditor({ api, focus }: { api: EditorApi; focus: 'note' | 'tags' | null }) {
  /** The version this edit started from: as loaded, then the latest one after a conflict. */
  const [highlight, setHighlight] = useState<HighlightRecord | null>(null);
  /** After a refused save: the version saved elsewhere, and the fields where it differs from the draft. */
  const [conflict, setConflict] = useState<{ latest: HighlightRecord; clashes: (keyof Draft)[] } | null>(
    null,
  );
  const [suggestions, setSuggestions] = useState<TagSummary[]>([]);
  const [color, setColor] = useState<HighlightColor>('yellow');
  const [tags, setTags] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const conflictRef = useRef<HTMLElement>(null);

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

  // The editor's frame is small: bring the notice into view (Save stays in view below it).
  useEffect(() => {
    if (conflict) conflictRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [conflict]);

  /** Runs `work`; closes when it is done, stays open when it says `false` (a conflict to show). */
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      if ((await work()) === false) {
        setBusy(false);
        return;
      }
      api.close();
    } catch (e) {
      setError(`${t('saveFailed')} ${e instanceof Error ? e.message : ''}`.trim());
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      if (!highlight) return false;
      const draft: Draft = { color, tags, note };
      try {
        await api.save(draft, highlight.updatedAt);
        return true;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
      // Changed elsewhere since this editor loaded it: merge with the latest, never dropping the draft.
      const { highlight: latest } = await api.load();
      const { merged, clashes } = mergeEdit(highlight, draft, latest);
      setHighlight(latest);
      setColor(merged.color);
      setTags(merged.tags);
      setNote(merged.note);
      if (clashes.length === 0) {
        try {
          await api.save(merged, latest.updatedAt);
          return true;
        } catch (error) {
          if (!isConflict(error)) throw error;
          // Changed yet again meanwhile: let the user look before saving.
        }
      }
      const differs = EDIT_FIELDS.filter((field) => !sameField(latest[field], merged[field]));
      setConflict({ latest, clashes: clashes.length ? clashes : differs });
      return false;
    });
  const useSaved = () => {
    if (!conflict) return;
    setColor(conflict.latest.color);
    setTags(conflict.latest.tags);
    setNote(conflict.latest.note);
    setConflict(null);
  };

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
      {conflict ? (
        <section class="conflict" role="alert" ref={conflictRef}>
          <p>{t('editorConflict')}</p>
          <dl class="conflict-latest">
            <dt>{t('editorConflictSaved')}</dt>
            {conflict.clashes.includes('color') ? (
              <dd>
                {t('colorLabel')}: {t(`color_${conflict.latest.color}`)}
              </dd>
            ) : null}
            {conflict.clashes.includes('tags') ? (
              <dd>
                {t('tagsLabel')}: {conflict.latest.tags.join(', ') || '—'}
              </dd>
            ) : null}
            {conflict.clashes.includes('note') ? (
              <dd>
                {t('noteLabel')}: <q class="conflict-note">{conflict.latest.note || '—'}</q>
              </dd>
            ) : null}
          </dl>
          <button type="button" onClick={useSaved}>
            {t('editorUseSaved')}
          </button>
        </section>
      ) : null}
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
