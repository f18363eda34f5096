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
 *
 * Closing keeps what was typed. Escape and a click outside save, as Save does; only Cancel drops the changes.
 * Readwise and Kindle save a note as it is written, Google Docs keeps a comment's draft, and a Hypothesis user
 * who clicks away finds the draft still there: nobody expects a click beside the box to throw away a paragraph,
 * and "Esc = discard" is what the researcher lost a note to. Saving on close (rather than only keeping a
 * draft) means the note is in the library, the popup and the exports at once, where the user looks for it.
 * A click outside removes the page's frame at once, so that save is sent as the page goes (`pagehide`) and
 * cannot be waited for; what was typed is also kept as a draft in this extension's own storage (see
 * `editor-drafts.ts`), and when that last save did not arrive the editor offers the draft back the next time.
 * (Chromium delivers that save; Firefox drops messages from a frame being removed, so there the draft is how a
 * click outside keeps the text.)
 * Text left in the tag field (typed, not yet a chip) is a tag when saved.
 */
import './HighlightEditor.css';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HighlightColor } from '@/utils/colors';
import {
  draftStorage,
  dropDraft,
  type EditorDraft,
  mayStillLand,
  pruneDrafts,
  takeDraft,
  writeDraft,
} from '@/utils/editor-drafts';
import { EDIT_FIELDS, type EditedFields, sameEdit, sameField } from '@/utils/highlight-edits';
import { t } from '@/utils/i18n';
import type { HighlightChanges, HighlightRecord, TagSummary } from '@/utils/messaging/background-map';
import { parseTags } from '@/utils/tag-names';
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
  /**
   * Shows a change on the page at once, before it is saved (the editor over a web page; the page redraws from
   * the library when the editor closes, so a cancelled or failed change does not stay). Optional.
   */
  preview?(change: { color?: HighlightColor; hidden?: boolean }): void;
  /** Notes another computer wrote on this highlight, waiting beside its note after a sync (optional). */
  noteConflicts?(): Promise<{ text: string; at: number }[]>;
  /** Keeps `text` as the note over those (sync resolves the conflict everywhere). */
  keepNote?(text: string): Promise<unknown>;
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

/** What can take the focus inside the editor, in tab order (for keeping Tab inside it). */
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

export function HighlightEditor({ api, focus }: { api: EditorApi; focus: 'note' | 'tags' | null }) {
  /** The version this edit started from: as loaded, then the latest one after a conflict. */
  const [highlight, setHighlight] = useState<HighlightRecord | null>(null);
  /** After a refused save: the version saved elsewhere, and the fields where it differs from the draft. */
  const [conflict, setConflict] = useState<{ latest: HighlightRecord; clashes: (keyof Draft)[] } | null>(
    null,
  );
  const [suggestions, setSuggestions] = useState<TagSummary[]>([]);
  /** Notes written on another computer, kept beside this one by sync until the user chooses. */
  const [otherNotes, setOtherNotes] = useState<{ text: string; at: number }[]>([]);
  const [color, setColor] = useState<HighlightColor>('yellow');
  const [tags, setTags] = useState<string[]>([]);
  /** Typed in the tag field, not yet a chip: a tag when saved. */
  const [pendingTag, setPendingTag] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** A draft typed last time and never saved, put back in the fields. */
  const [restored, setRestored] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const conflictRef = useRef<HTMLElement>(null);
  const storage = useMemo(() => draftStorage(window), []);

  useEffect(() => {
    // Opened again at once (a click on the same highlight closes the editor and opens it): the save the last
    // editor sent as it closed may still be on its way. Look again shortly before offering its draft back.
    const loadSettled = async () => {
      const first = await api.load();
      const draft = takeDraft(storage, first.highlight.id, first.highlight);
      if (!draft || !mayStillLand(draft)) return first;
      await new Promise((resolve) => setTimeout(resolve, 400));
      return api.load();
    };
    loadSettled().then(
      ({ highlight, tags: all }) => {
        pruneDrafts(storage);
        const draft = takeDraft(storage, highlight.id, highlight);
        // Offered back from the version it was typed on: a save then merges it with what changed since.
        setHighlight(draft ? { ...highlight, ...draft.base } : highlight);
        setSuggestions(all);
        const fields = draft?.fields ?? highlight;
        setColor(fields.color);
        setTags(fields.tags);
        setNote(fields.note);
        setRestored(!!draft);
      },
      (e) => setError(String(e?.message ?? e)),
    );
  }, [api, storage]);
  useEffect(() => {
    api.noteConflicts?.().then(setOtherNotes, () => {});
  }, [api]);

  // Browsers ignore `autofocus` in a cross-origin frame: focus the field the user asked for explicitly, else the
  // editor itself, so that Escape and Tab work at once (it was opened by a click on the highlight).
  useEffect(() => {
    if (!highlight) return;
    if (focus === 'note') noteRef.current?.focus();
    else if (focus === 'tags') mainRef.current?.querySelector<HTMLInputElement>('.tags-field')?.focus();
    else mainRef.current?.focus();
  }, [highlight !== null, focus]);

  // The editor's frame is small: bring the notice into view (Save stays in view below it).
  useEffect(() => {
    if (conflict) conflictRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [conflict]);
  // A draft offered back: the note it holds and the notice, in view.
  const restoredRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (restored) restoredRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [restored]);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [error]);

  /** The fields as they would be saved now: a tag still in the tag field counts. */
  const current = (): Draft => ({
    color,
    tags: pendingTag.trim() ? parseTags([...tags, ...parseTags(pendingTag)].join(',')) : tags,
    note,
  });
  const dirty = () => !!highlight && !sameEdit(current(), highlight);
  /** Set once the editor is done (saved, cancelled, deleted): leaving then saves nothing. */
  const settled = useRef(false);
  /** What leaving must save, kept current for the page-hide and unmount handlers. */
  const leaving = useRef<() => void>(() => {});

  // Every change is kept at once as a draft, as it is rendered: the frame may be removed at any moment.
  useLayoutEffect(() => {
    if (!highlight || settled.current) return;
    if (dirty())
      writeDraft(storage, highlight.id, { fields: current(), base: baseOf(highlight), at: Date.now() });
    else dropDraft(storage, highlight.id);
  });

  leaving.current = () => {
    if (settled.current || !highlight || !dirty()) return;
    settled.current = true;
    const fields = current();
    // A clash the user was shown and did not settle is not saved over: the draft is offered back next time.
    writeDraft(storage, highlight.id, { fields, base: baseOf(highlight), at: Date.now(), sent: !conflict });
    if (conflict) return;
    // Sent as the editor goes; not awaited (nothing is left to wait in). A save that does not arrive leaves
    // the draft, which the next editor on this highlight offers back.
    Promise.resolve()
      .then(() => api.save(fields, highlight.updatedAt))
      .then(
        () => dropDraft(storage, highlight.id),
        () => {},
      );
  };
  // Closed from outside: the page removed the frame (a click beside it), or the reader unmounted the dialog.
  useLayoutEffect(() => {
    const onHide = () => leaving.current();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      leaving.current();
    };
  }, []);

  /** Runs `work`; closes when it is done, stays open when it says `false` (a conflict to show). */
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      if ((await work()) === false) {
        setBusy(false);
        return;
      }
      settled.current = true;
      if (highlight) dropDraft(storage, highlight.id);
      api.close();
    } catch (e) {
      // Nothing typed is dropped: the fields stay as they are (and in the draft), and the editor says why.
      const code = (e as { code?: unknown } | null)?.code;
      setError(
        code === 'not-found'
          ? t('editorGone')
          : code === 'unreachable'
            ? `${t('saveFailed')} ${t('editorUnreachable')}`
            : `${t('saveFailed')} ${e instanceof Error ? e.message : ''}`.trim(),
      );
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      if (!highlight) return false;
      const draft = current();
      setTags(draft.tags);
      setPendingTag('');
      if (sameEdit(draft, highlight) && !restored) return true; // nothing changed: just close
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
  /** Cancel: the one way to close that drops the changes (and the draft). */
  const cancel = () => {
    settled.current = true;
    if (highlight) dropDraft(storage, highlight.id);
    api.close();
  };
  const useSaved = () => {
    if (!conflict) return;
    setColor(conflict.latest.color);
    setTags(conflict.latest.tags);
    setNote(conflict.latest.note);
    setConflict(null);
  };
  /** Drops the draft offered back: the fields show what is saved. */
  const discardRestored = async () => {
    if (!highlight) return;
    const { highlight: saved } = await api.load();
    setHighlight(saved);
    setColor(saved.color);
    setTags(saved.tags);
    setNote(saved.note);
    setPendingTag('');
    setRestored(false);
    dropDraft(storage, saved.id);
  };

  // Keys anywhere in the editor's page (also before anything in it has the focus): Escape saves and closes,
  // Ctrl+Enter saves, and Tab goes round the editor's controls instead of out of it into the page.
  const keys = useRef<(e: KeyboardEvent) => void>(() => {});
  keys.current = (e: KeyboardEvent) => {
    // Keys that end an IME composition (Vietnamese typed through the system's input method) are the IME's.
    if (!highlight || e.defaultPrevented || e.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (!busy) save();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!busy) save();
    } else if (e.key === 'Tab') {
      const root = mainRef.current;
      if (!root) return;
      const all = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = all[0];
      const last = all.at(-1);
      if (!first || !last) return;
      const active = (root.ownerDocument.activeElement as HTMLElement | null) ?? null;
      const inside = !!active && root.contains(active) && active !== root;
      if (e.shiftKey && (!inside || active === first)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (!inside || active === last)) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  useEffect(() => {
    const root = mainRef.current?.ownerDocument ?? document;
    const onKey = (e: KeyboardEvent) => {
      // In the reader the editor is one dialog of the page: only keys meant for it.
      if (mainRef.current && e.target instanceof Node && !isInEditorScope(mainRef.current, e.target)) return;
      keys.current(e);
    };
    root.addEventListener('keydown', onKey);
    return () => root.removeEventListener('keydown', onKey);
  }, [highlight !== null]);

  if (!highlight) {
    return (
      <main class="editor">{error ? <p role="alert">{error}</p> : <p class="muted">{t('loading')}</p>}</main>
    );
  }
  return (
    <main class="editor" ref={mainRef} tabIndex={-1} aria-label={t('editorLabel')}>
      <blockquote class="quote">{highlight.quote.exact}</blockquote>
      <ColorSwatches
        value={color}
        onChange={(picked) => {
          setColor(picked);
          api.preview?.({ color: picked });
        }}
      />
      <TagInput
        tags={tags}
        onChange={setTags}
        text={pendingTag}
        onText={setPendingTag}
        suggestions={suggestions}
      />
      <label class="note">
        <span>{t('noteLabel')}</span>
        <textarea ref={noteRef} rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      {otherNotes.length > 0 ? (
        <section class="sync-notes" role="status">
          <p>{t('editorSyncConflict')}</p>
          <ul>
            {otherNotes.map((other) => (
              <li key={`${other.at}:${other.text}`}>
                <q class="conflict-note">{other.text}</q>{' '}
                <button type="button" onClick={() => setNote(other.text)}>
                  {t('editorSyncUseNote')}
                </button>
              </li>
            ))}
          </ul>
          {api.keepNote ? (
            <button
              type="button"
              disabled={busy || note !== highlight.note}
              onClick={() => {
                const keep = api.keepNote;
                if (!keep) return;
                keep(note).then(
                  () => setOtherNotes([]),
                  (e) => setError(String(e?.message ?? e)),
                );
              }}
            >
              {t('editorSyncKeepMine')}
            </button>
          ) : null}
        </section>
      ) : null}
      {restored ? (
        <section class="restored" role="status" ref={restoredRef}>
          <p>{t('editorDraftRestored')}</p>
          <button type="button" onClick={discardRestored}>
            {t('editorDraftDiscard')}
          </button>
        </section>
      ) : null}
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
        <p class="error" role="alert" ref={errorRef}>
          {error}
        </p>
      ) : null}
      <div class="actions">
        <button
          type="button"
          class="danger"
          disabled={busy}
          onClick={() => {
            api.preview?.({ hidden: true });
            run(api.remove);
          }}
        >
          {t('delete')}
        </button>
        <span class="spacer" />
        <button type="button" onClick={cancel} title={t('cancelHint')}>
          {t('cancel')}
        </button>
        <button type="button" class="primary" disabled={busy} onClick={save} title={t('saveHint')}>
          {t('save')}
        </button>
      </div>
    </main>
  );
}

const baseOf = (h: HighlightRecord): EditorDraft['base'] => ({
  color: h.color,
  tags: h.tags,
  note: h.note,
  updatedAt: h.updatedAt,
});

/**
 * Whether a key event is the editor's: on its own page (the frame over an article) every key is; in the reader,
 * only those inside the dialog that holds it (or on the page's body, where focus falls when nothing has it).
 */
function isInEditorScope(main: HTMLElement, target: Node): boolean {
  const scope = main.closest('[role="dialog"]') ?? main;
  const doc = main.ownerDocument;
  return scope.contains(target) || target === doc.body || target === doc.documentElement || target === doc;
}
