/**
 * The reader page: a saved clipping in a clean layout, with its highlights drawn on the saved text by the same
 * selectors as on the live page. Select text to highlight it (toolbar, or H / N / T); click a highlight, or Edit
 * in the list, for its colour, tags and note. Works offline: everything comes from the library.
 */
import { type ComponentChildren, createElement } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describe } from '@/utils/anchoring';
import { formatArticleDate } from '@/utils/article-display';
import { COLOR_SWATCHES, DEFAULT_COLOR, type HighlightColor } from '@/utils/colors';
import { createHighlighter } from '@/utils/highlighter';
import { t } from '@/utils/i18n';
import type {
  ClippingRecord,
  HighlightChanges,
  HighlightRecord,
  RequestOf,
  TagSummary,
} from '@/utils/messaging/background-map';
import {
  adoptHighlightStyles,
  byReadingOrder,
  formatSavedDate,
  type Placed,
  paperName,
  placeHighlights,
  prepareClippingHtml,
} from '@/utils/reader';
import { type EditorApi, HighlightEditor } from './HighlightEditor';
import { SelectionToolbar } from './SelectionToolbar';

/** What the reader page needs from the library; wired to the background in entrypoints/reader/main.tsx. */
export interface ReaderApi {
  /** The interface language (`en`, `vi`), for dates. */
  lang: string;
  /** The clipping and the article's highlights. Rejects with `code: 'not-found'` when nothing was saved. */
  load(): Promise<{ clipping: ClippingRecord; highlights: HighlightRecord[] }>;
  create(draft: RequestOf<'highlight.create'>): Promise<HighlightRecord>;
  get(id: string): Promise<HighlightRecord>;
  tags(): Promise<TagSummary[]>;
  /** `version`: the `updatedAt` the edit started from; rejects with `code: 'conflict'` when it changed since. */
  update(id: string, changes: HighlightChanges, version?: number): Promise<HighlightRecord>;
  remove(id: string): Promise<void>;
  restore(id: string): Promise<HighlightRecord>;
  /** A fresh id for a new highlight (a retried create then returns the first write). */
  newId(): string;
}

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; clipping: ClippingRecord; highlights: HighlightRecord[] };

export function ReaderPage({ api }: { api: ReaderApi }) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  useEffect(() => {
    api.load().then(
      ({ clipping, highlights }) => setState({ status: 'ready', clipping, highlights }),
      (error) => setState({ status: 'error', message: loadError(error) }),
    );
  }, [api]);

  if (state.status === 'loading') {
    return (
      <main class="reader-status">
        <p class="muted">{t('loading')}</p>
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main class="reader-status">
        <p role="alert">{state.message}</p>
      </main>
    );
  }
  return <Reader api={api} clipping={state.clipping} initial={state.highlights} />;
}

function loadError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'not-found') return t('readerNotFound');
  if (code === 'invalid') return t('readerNoUrl');
  return `${t('readerLoadFailed')} ${error instanceof Error ? error.message : ''}`.trim();
}

/** Text the anchoring skips (a `clipmark-*` element): the page's words about the article, not the article's. */
function Meta({ class: className, children }: { class: string; children: ComponentChildren }) {
  return createElement('clipmark-meta', { class: className }, children);
}

const TOOLBAR_WIDTH = 340;
const EDITOR_WIDTH = 360;
const UNDO_MS = 10_000;
const KEYS: Record<string, 'note' | 'tags' | null> = { h: null, n: 'note', t: 'tags' };
const SELECTION_KEYS = /^(Shift|Arrow|Home|End|PageUp|PageDown|a)$/;

interface Editing {
  id: string;
  focus: 'note' | 'tags' | null;
  /** Where the highlight is on screen, to put the editor next to it. */
  rect: DOMRect | null;
}

function Reader({
  api,
  clipping,
  initial,
}: {
  api: ReaderApi;
  clipping: ClippingRecord;
  initial: HighlightRecord[];
}) {
  const { article } = clipping;
  const rootRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  // The colours as a constructed style sheet: the page's CSP refuses the <style> the highlighter would add.
  const highlighter = useMemo(
    () => createHighlighter(document, { styled: adoptHighlightStyles(document) }),
    [],
  );
  const [placed, setPlaced] = useState<Placed[]>([]);
  const [missing, setMissing] = useState<HighlightRecord[]>([]);
  const [selection, setSelection] = useState<{ range: Range; rect: DOMRect } | null>(null);
  const [color, setColor] = useState<HighlightColor>(DEFAULT_COLOR);
  const [busy, setBusy] = useState(false);
  const [toolbarError, setToolbarError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleted, setDeleted] = useState<HighlightRecord | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  // The body goes in once, sanitised again, before the highlights are anchored to it.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const root = rootRef.current;
    if (!body || !root) return;
    body.replaceChildren(
      prepareClippingHtml(article.html, document, article.url, {
        image: t('readerImage'),
        media: t('readerMedia'),
        openFrom: (host) => t('readerOpenFrom', host),
      }),
    );
    const { placed, missing } = placeHighlights(root, initial, highlighter);
    setPlaced(placed);
    setMissing(missing);
    return () => highlighter.clear();
  }, [article, initial, highlighter]);

  useEffect(() => {
    document.title = `${article.title || paperName(article.siteName, article.url)} · Clipmark`;
  }, [article]);

  const openEditor = useCallback(
    (id: string, focus: 'note' | 'tags' | null, from?: HTMLElement | null) => {
      returnFocus.current = from ?? (document.activeElement as HTMLElement | null);
      setEditing({ id, focus, rect: highlighter.rangeOf(id)?.getBoundingClientRect() ?? null });
    },
    [highlighter],
  );
  const closeEditor = useCallback(() => {
    setEditing(null);
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back?.isConnected) back.focus();
  }, []);

  // The selection toolbar: the latest selection and the function that highlights it, for the listeners.
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const editingRef = useRef(editing);
  editingRef.current = editing;

  const commit = async (then: 'note' | 'tags' | null) => {
    const current = selectionRef.current;
    const root = rootRef.current;
    if (!current || !root || busy) return;
    const selectors = describe(root, current.range);
    if (!selectors) return setSelection(null);
    const [quote, position] = selectors;
    setBusy(true);
    setToolbarError(null);
    try {
      const record = await api.create({
        id: api.newId(),
        url: clipping.url,
        pageTitle: article.title,
        quote,
        position,
        color,
        tags: [],
      });
      highlighter.draw(record.id, current.range, record.color);
      const range = highlighter.rangeOf(record.id) ?? current.range;
      setPlaced((list) =>
        [...list, { record, range, start: position.start, changedTo: null }].sort(byReadingOrder),
      );
      document.getSelection()?.removeAllRanges();
      setSelection(null);
      if (then) openEditor(record.id, then, rootRef.current);
    } catch (e) {
      setToolbarError(`${t('saveFailed')} ${e instanceof Error ? e.message : ''}`.trim());
    } finally {
      setBusy(false);
    }
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;
  const openRef = useRef(openEditor);
  openRef.current = openEditor;
  const closeRef = useRef(closeEditor);
  closeRef.current = closeEditor;

  useEffect(() => {
    const isOwn = (event: Event) =>
      event.target instanceof Element && !!event.target.closest('.toolbar, .reader-dialog');
    const check = () => {
      const root = rootRef.current;
      const selected = document.getSelection();
      if (!root || !selected || selected.isCollapsed || selected.rangeCount === 0) return setSelection(null);
      const range = selected.getRangeAt(0);
      if (!root.contains(range.commonAncestorContainer) || !range.toString().trim())
        return setSelection(null);
      setToolbarError(null);
      setSelection({ range: range.cloneRange(), rect: range.getBoundingClientRect() });
    };
    const onMouseDown = (event: MouseEvent) => {
      if (isOwn(event)) return;
      setSelection(null);
      // A click outside the editor closes it, as Escape does.
      if (editingRef.current) closeRef.current();
    };
    // A click on a drawn highlight (not the end of a selection, not a link) opens its editor. Keyboard users
    // reach the same editor from the list beside the article.
    const onClick = (event: MouseEvent) => {
      const root = rootRef.current;
      const selected = document.getSelection();
      if (!root || !(event.target instanceof Node) || !root.contains(event.target)) return;
      if ((selected && !selected.isCollapsed) || editingRef.current) return;
      if (event.target instanceof Element && event.target.closest('a')) return;
      const id = highlighter.hitTest(event.clientX, event.clientY);
      if (id) openRef.current(id, null, root);
    };
    const onMouseUp = (event: MouseEvent) => {
      if (!isOwn(event) && !editingRef.current) setTimeout(check, 0);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (!isOwn(event) && !editingRef.current && SELECTION_KEYS.test(event.key)) check();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!selectionRef.current || editingRef.current || event.ctrlKey || event.metaKey || event.altKey)
        return;
      if (isEditable(event.target)) return;
      const key = event.key.toLowerCase();
      if (key in KEYS) {
        event.preventDefault();
        commitRef.current(KEYS[key] ?? null);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        setSelection(null);
      }
    };
    document.addEventListener('mousedown', onMouseDown);
    document.addEventListener('click', onClick);
    document.addEventListener('mouseup', onMouseUp);
    document.addEventListener('keyup', onKeyUp);
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('mousedown', onMouseDown);
      document.removeEventListener('click', onClick);
      document.removeEventListener('mouseup', onMouseUp);
      document.removeEventListener('keyup', onKeyUp);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, []);

  const recordOf = (id: string) =>
    placed.find((p) => p.record.id === id)?.record ?? missing.find((r) => r.id === id);

  const applyUpdate = (record: HighlightRecord) => {
    const range = highlighter.rangeOf(record.id);
    if (range) highlighter.draw(record.id, range, record.color);
    setPlaced((list) =>
      list.map((p) =>
        p.record.id === record.id ? { ...p, record, range: highlighter.rangeOf(record.id) ?? p.range } : p,
      ),
    );
    setMissing((list) => list.map((r) => (r.id === record.id ? record : r)));
  };
  const applyRemove = (id: string) => {
    highlighter.remove(id);
    setPlaced((list) => list.filter((p) => p.record.id !== id));
    setMissing((list) => list.filter((r) => r.id !== id));
  };

  const editingId = editing?.id ?? null;
  // One API object per opened highlight: the editor loads again when it changes.
  const editorApi = useMemo<EditorApi | null>(() => {
    if (!editingId) return null;
    const id = editingId;
    return {
      async load() {
        const [highlight, tags] = await Promise.all([api.get(id), api.tags()]);
        return { highlight, tags };
      },
      async save(changes, version) {
        applyUpdate(await api.update(id, changes, version));
      },
      async remove() {
        const record = recordOf(id);
        await api.remove(id);
        applyRemove(id);
        if (record) setDeleted(record);
      },
      close: closeEditor,
    };
  }, [editingId, api]);

  useEffect(() => {
    if (editingId) dialogRef.current?.focus();
  }, [editingId]);

  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => setDeleted(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);

  const undo = async () => {
    if (!deleted) return;
    const root = rootRef.current;
    setDeleted(null);
    try {
      const record = await api.restore(deleted.id);
      if (!root) return;
      const result = placeHighlights(root, [record], highlighter);
      setPlaced((list) => [...list, ...result.placed].sort(byReadingOrder));
      setMissing((list) => [...list, ...result.missing]);
    } catch (e) {
      setNotice(`${t('readerUndoFailed')} ${e instanceof Error ? e.message : ''}`.trim());
    }
  };

  const scrollTo = (id: string) => {
    const range = highlighter.rangeOf(id);
    const node = range?.startContainer;
    const element = node && (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement);
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const published = formatArticleDate(article.publishedAt, api.lang);
  const modified = formatArticleDate(article.modifiedAt, api.lang);
  const lang = article.lang ?? undefined;
  const view = document.documentElement;

  return (
    <div class="reader">
      <main class="reader-main">
        <article class="reader-article" aria-labelledby="reader-headline">
          {/* The anchoring root: the headline and the body, as on the live page; the meta lines are skipped. */}
          <div class="reader-text" ref={rootRef}>
            <Meta class="paper-line">
              <span class="paper">{paperName(article.siteName, article.url)}</span>
              {published ? (
                <>
                  {' · '}
                  <time dateTime={article.publishedAt ?? undefined}>{published}</time>
                </>
              ) : null}
              {modified && modified !== published ? (
                <span class="modified"> · {t('cardUpdated', modified)}</span>
              ) : null}
            </Meta>
            <h1 id="reader-headline" class="headline" lang={lang}>
              {article.title}
            </h1>
            <Meta class="meta-line">
              {article.byline ? <span class="byline">{t('cardByline', article.byline)}</span> : null}
              <a class="original" href={article.url} target="_blank" rel="noopener noreferrer">
                {t('readerOriginal')}
              </a>
              <span class="saved">{t('readerSaved', formatSavedDate(clipping.savedAt, api.lang))}</span>
            </Meta>
            <div class="reader-body" lang={lang} ref={bodyRef} />
          </div>
        </article>
      </main>
      <aside class="reader-side" aria-labelledby="reader-list-title">
        <h2 id="reader-list-title">
          {t('readerHighlightsTitle')} <span class="count">{placed.length}</span>
        </h2>
        {placed.length === 0 ? <p class="muted">{t('readerEmpty')}</p> : null}
        <ol class="reader-list">
          {placed.map((p) => (
            <ListItem
              key={p.record.id}
              record={p.record}
              changedTo={p.changedTo}
              onShow={() => scrollTo(p.record.id)}
              onEdit={(from) => openEditor(p.record.id, null, from)}
            />
          ))}
        </ol>
        {missing.length > 0 ? (
          <section class="reader-missing" aria-labelledby="reader-missing-title">
            <h2 id="reader-missing-title">
              {t('readerMissingTitle')} <span class="count">{missing.length}</span>
            </h2>
            <p class="muted">{t('readerMissingHelp')}</p>
            <ol class="reader-list">
              {missing.map((record) => (
                <ListItem
                  key={record.id}
                  record={record}
                  changedTo={null}
                  onEdit={(from) => openEditor(record.id, null, from)}
                />
              ))}
            </ol>
          </section>
        ) : null}
      </aside>

      {selection && !editing ? (
        <div class="reader-selection">
          <SelectionToolbar
            x={Math.max(8, Math.min(selection.rect.left, view.clientWidth - TOOLBAR_WIDTH - 8))}
            y={
              selection.rect.bottom + 56 < view.clientHeight
                ? selection.rect.bottom + 8
                : Math.max(8, selection.rect.top - 48)
            }
            color={color}
            onColor={setColor}
            onHighlight={(then) => commit(then)}
            error={toolbarError}
            busy={busy}
          />
        </div>
      ) : null}

      {editing && editorApi ? (
        <div
          class="reader-dialog"
          role="dialog"
          aria-modal="true"
          aria-label={t('readerEditHighlight')}
          tabIndex={-1}
          ref={dialogRef}
          style={dialogPosition(editing.rect, view)}
        >
          <HighlightEditor key={editing.id} api={editorApi} focus={editing.focus} />
        </div>
      ) : null}

      {deleted || notice ? (
        <div class="reader-undo" role="status">
          {deleted ? (
            <>
              <span>{t('deleted')}</span>
              <button type="button" class="undo-button" onClick={undo}>
                {t('undo')}
              </button>
            </>
          ) : (
            <>
              <span>{notice}</span>
              <button type="button" class="undo-button" onClick={() => setNotice(null)}>
                {t('cancel')}
              </button>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** Below the highlight, or above it when there is no room, inside the window. */
function dialogPosition(rect: DOMRect | null, view: HTMLElement): Record<string, string> {
  const width = Math.min(EDITOR_WIDTH, view.clientWidth - 16);
  if (!rect || (rect.width === 0 && rect.height === 0)) {
    return { width: `${width}px`, left: `${Math.max(8, (view.clientWidth - width) / 2)}px`, top: '15vh' };
  }
  const left = Math.max(8, Math.min(rect.left, view.clientWidth - width - 8));
  const below = rect.bottom + 8;
  const style: Record<string, string> = { width: `${width}px`, left: `${left}px` };
  if (below + 280 < view.clientHeight) style.top = `${below}px`;
  else style.bottom = `${Math.max(8, view.clientHeight - rect.top + 8)}px`;
  return style;
}

function ListItem({
  record,
  changedTo,
  onShow,
  onEdit,
}: {
  record: HighlightRecord;
  changedTo: string | null;
  onShow?: () => void;
  onEdit(from: HTMLElement): void;
}) {
  const swatch = (
    <span
      class="dot"
      role="img"
      aria-label={t(`color_${record.color}`)}
      style={{ background: COLOR_SWATCHES[record.color] }}
    />
  );
  return (
    <li class="reader-item" data-id={record.id} data-color={record.color}>
      {onShow ? (
        <button type="button" class="item-quote" onClick={onShow} title={t('readerShowInText')}>
          {swatch}
          <span class="quote-text">{record.quote.exact}</span>
        </button>
      ) : (
        <p class="item-quote">
          {swatch}
          <span class="quote-text">{record.quote.exact}</span>
        </p>
      )}
      {changedTo !== null ? (
        <p class="changed">
          {t('textChanged')} {t('textNow')} <q>{changedTo}</q>
        </p>
      ) : null}
      {record.tags.length > 0 ? (
        <ul class="item-tags" aria-label={t('tagsLabel')}>
          {record.tags.map((tag) => (
            <li key={tag} class="tag">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
      {record.note ? <p class="item-note">{record.note}</p> : null}
      <button
        type="button"
        class="item-edit"
        onClick={(e) => onEdit(e.currentTarget)}
        aria-label={t('readerEditHighlight')}
      >
        {t('readerEdit')}
      </button>
    </li>
  );
}

/** Text fields are the user's typing, not article text: keys there are not shortcuts. */
function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')
  );
}
