/**
 * The user's note on a whole article (a "page note"), shown and edited in the popup, the library and the
 * reader. Text, never HTML. Typed text is never dropped: every keystroke is kept as a draft in the page's own
 * storage (`utils/article-note-drafts.ts`) until a save lands, and offered back next time; a save refused
 * because the note changed elsewhere (`conflict`) keeps the typed text in the box and shows the saved one.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { draftStorage, dropNoteDraft, takeNoteDraft, writeNoteDraft } from '@/utils/article-note-drafts';
import { t } from '@/utils/i18n';
import type { ArticleNoteRecord } from '@/utils/messaging/background-map';
import { matchRanges } from '@/utils/search/fold';

export interface ArticleNoteApi {
  getNote(url: string): Promise<ArticleNoteRecord>;
  setNote(url: string, note: string, version: number | null, title?: string): Promise<ArticleNoteRecord>;
}

const storage = () => draftStorage(typeof window === 'undefined' ? {} : window);

/** Whether an error is the background's `conflict` (the note changed since the edit began). */
const isConflict = (e: unknown) => (e as { code?: string })?.code === 'conflict';

export function ArticleNote({
  url,
  title,
  api,
  initial,
  terms = [],
}: {
  /** The article's key. */
  url: string;
  /** Names a new article record, when the library has none yet. */
  title?: string;
  api: ArticleNoteApi;
  /** The note as already known (a search answer), else it is read. */
  initial?: { note: string; noteUpdatedAt: number | null };
  /** Folded search terms to mark in the note. */
  terms?: readonly string[];
}) {
  const [saved, setSaved] = useState<{ note: string; noteUpdatedAt: number | null } | null>(initial ?? null);
  const [editing, setEditing] = useState<{ text: string; base: number | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  /** The edit as typed, for the save sent when the page goes (the popup closing). */
  const live = useRef(editing);
  live.current = editing;

  // Read the note (unless given), then offer back a draft typed after its last save.
  useEffect(() => {
    let current = true;
    const ready = (record: { note: string; noteUpdatedAt: number | null }) => {
      if (!current) return;
      setSaved(record);
      const draft = takeNoteDraft(storage(), url, record);
      if (draft) {
        setEditing({ text: draft.text, base: record.noteUpdatedAt });
        setMessage(t('articleNoteDraftBack'));
      }
    };
    if (initial) ready(initial);
    else api.getNote(url).then(ready, (e) => current && setMessage(String((e as Error)?.message ?? e)));
    return () => {
      current = false;
    };
    // `initial` is read once per article: a later search answer does not reset an edit under way.
  }, [api, url]);

  // The popup closes on a click outside: send what was typed (the draft stays until a save lands).
  useEffect(() => {
    const leave = () => {
      const edit = live.current;
      if (edit && edit.text !== (saved?.note ?? '')) {
        api.setNote(url, edit.text, edit.base, title).then(
          () => dropNoteDraft(storage(), url),
          () => {},
        );
      }
    };
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, [api, url, title, saved]);

  useEffect(() => {
    if (editing) box.current?.focus();
  }, [editing !== null]);

  const type = (text: string) => {
    const base = editing?.base ?? saved?.noteUpdatedAt ?? null;
    setEditing({ text, base });
    writeNoteDraft(storage(), url, { text, base, at: Date.now() });
  };

  const save = async () => {
    if (!editing) return;
    setBusy(true);
    setMessage(null);
    try {
      const record = await api.setNote(url, editing.text, editing.base, title);
      dropNoteDraft(storage(), url);
      setSaved(record);
      setEditing(null);
      setConflict(null);
      setMessage(t('articleNoteSaved'));
    } catch (error) {
      if (isConflict(error)) {
        // Theirs is shown; ours stays in the box, and saving again replaces theirs, knowingly.
        const now = await api.getNote(url).catch(() => null);
        if (now) {
          setSaved(now);
          setConflict(now.note);
          setEditing({ text: editing.text, base: now.noteUpdatedAt });
        }
        setMessage(t('articleNoteConflict'));
      } else setMessage(`${t('articleNoteFailed')} ${String((error as Error)?.message ?? error)}`);
    } finally {
      setBusy(false);
    }
  };

  const text = saved?.note ?? '';
  // No note and no edit: only the way to write one, without a box.
  const empty = !text && !editing;
  return (
    <section class={empty ? 'article-note article-note-none' : 'article-note'} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} class={empty ? 'article-note-title visually-hidden' : 'article-note-title'}>
        {t('articleNoteTitle')}
      </h3>
      {editing ? (
        <>
          <textarea
            ref={box}
            id={`${id}-text`}
            aria-labelledby={`${id}-h`}
            rows={4}
            maxLength={50_000}
            value={editing.text}
            onInput={(e) => type(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                save();
              }
            }}
          />
          {conflict !== null ? (
            <p class="article-note-theirs">
              {t('articleNoteTheirs')} <span class="note">{conflict}</span>
            </p>
          ) : null}
          <div class="article-note-actions">
            <button type="button" class="primary" disabled={busy} onClick={save}>
              {t('articleNoteSave')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                dropNoteDraft(storage(), url);
                setEditing(null);
                setConflict(null);
                setMessage(null);
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </>
      ) : (
        <>
          {text ? (
            <p class="note article-note-text">
              <Marked text={text} terms={terms} />
            </p>
          ) : null}
          <button
            type="button"
            class="link article-note-edit"
            disabled={saved === null}
            onClick={() => {
              setMessage(null);
              setEditing({ text, base: saved?.noteUpdatedAt ?? null });
            }}
          >
            {text ? t('articleNoteEdit') : t('articleNoteAdd')}
          </button>
        </>
      )}
      {message ? (
        <p class="muted article-note-status" role="status">
          {message}
        </p>
      ) : null}
    </section>
  );
}

/** Text with the matched words in <mark>: built from text nodes, never HTML. */
function Marked({ text, terms }: { text: string; terms: readonly string[] }) {
  const ranges = terms.length > 0 ? matchRanges(text, terms) : [];
  if (ranges.length === 0) return <>{text}</>;
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
