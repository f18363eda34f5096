/**
 * The reader page: a saved clipping in a clean layout, with its highlights drawn on the saved text by the same
 * selectors as on the live page. Select text to highlight it (toolbar, or H / N / T); click a highlight, or Edit
 * in the list, for its colour, tags and note. Works offline: everything comes from the library.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describe } from '@/utils/anchoring';
import { createHighlighter } from '@/utils/highlighter';
import { t } from '@/utils/i18n';
import type { ClippingRecord, HighlightRecord, RequestOf } from '@/utils/messaging/background-map';
import { placeToolbar, viewportOf } from '@/utils/placement';
import { paperName, placeHighlights, prepareClippingHtml } from '@/utils/reader';
import { type HighlightThen, listenerScope, watchSelection } from '@/utils/selection-watch';
import { ArticleNote, type ArticleNoteApi } from './ArticleNote';
import { useUndo } from './hooks';
import { ReaderArticleHead } from './ReaderArticleHead';
import { type ReaderEditApi, ReaderEditDialog } from './ReaderEditDialog';
import { ReaderList } from './ReaderList';
import { type ReaderState, toolbarShown, useReaderState } from './reader-state';
import { SelectionToolbar } from './SelectionToolbar';

/** What the reader page needs from the library; wired to the background in entrypoints/reader/main.tsx. */
export interface ReaderApi extends ReaderEditApi, ArticleNoteApi {
  /** The interface language (`en`, `vi`), for dates. */
  lang: string;
  /** The clipping and the article's highlights. Rejects with `code: 'not-found'` when nothing was saved. */
  load(): Promise<{ clipping: ClippingRecord; highlights: HighlightRecord[] }>;
  create(draft: RequestOf<'highlight.create'>): Promise<HighlightRecord>;
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
  // The colours come as a constructed style sheet: the page's CSP would refuse a <style> element.
  const highlighter = useMemo(() => createHighlighter(document), []);
  const [state, store] = useReaderState();
  const { dispatch } = store;
  const [deleted, setDeleted] = useUndo<HighlightRecord>();

  // The body goes in once, sanitised again, before the highlights are anchored to it.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const root = rootRef.current;
    if (!body || !root) return;
    body.replaceChildren(
      prepareClippingHtml(
        article.html,
        document,
        article.url,
        {
          image: t('readerImage'),
          media: t('readerMedia'),
          openFrom: (host) => t('readerOpenFrom', host),
          original: (host) => t('readerImageOriginal', host),
        },
        undefined,
        clipping.images,
      ),
    );
    dispatch({ type: 'placed', ...placeHighlights(root, initial, highlighter) });
    return () => highlighter.clear();
  }, [article, clipping.images, initial, highlighter, dispatch]);

  useEffect(() => {
    document.title = `${article.title || paperName(article.siteName, article.url)} · Clipmark`;
  }, [article]);

  const openEditor = useCallback(
    (id: string, focus: HighlightThen, from?: HTMLElement | null) => {
      const rect = highlighter.rangeOf(id)?.getBoundingClientRect() ?? null;
      const returnTo = from ?? (document.activeElement as HTMLElement | null);
      dispatch({ type: 'edit', editing: { id, focus, rect, returnTo } });
    },
    [highlighter, dispatch],
  );
  const closeEditor = useCallback(() => {
    const back = store.get().editing?.returnTo;
    dispatch({ type: 'closeEditor' });
    if (back?.isConnected) back.focus();
  }, [store, dispatch]);

  /** Highlights the selection (toolbar, or H / N / T), then opens the editor if asked. */
  const highlight = useCallback(
    async (then: HighlightThen) => {
      const { selection, busy, color } = store.get();
      const root = rootRef.current;
      if (!selection || !root || busy) return;
      const selectors = describe(root, selection.range);
      if (!selectors) return dispatch({ type: 'dismiss' });
      const [quote, position] = selectors;
      dispatch({ type: 'saving' });
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
        highlighter.draw(record.id, selection.range, record.color);
        const range = highlighter.rangeOf(record.id) ?? selection.range;
        document.getSelection()?.removeAllRanges();
        dispatch({ type: 'saved', placed: { record, range, start: position.start, changedTo: null } });
        if (then) openEditor(record.id, then, rootRef.current);
      } catch (e) {
        dispatch({
          type: 'saveFailed',
          message: `${t('saveFailed')} ${e instanceof Error ? e.message : ''}`.trim(),
        });
      }
    },
    [api, clipping.url, article.title, highlighter, store, dispatch, openEditor],
  );

  useEffect(() => {
    const scope = listenerScope();
    const isOwn = (event: Event) =>
      event.target instanceof Element && !!event.target.closest('.toolbar, .reader-dialog');
    watchSelection(scope, document, {
      onSelect(range, rect) {
        const root = rootRef.current;
        if (root?.contains(range.commonAncestorContainer)) dispatch({ type: 'select', range, rect });
        else dispatch({ type: 'dismiss' });
      },
      onDismiss: () => dispatch({ type: 'dismiss' }),
      isOwnEvent: isOwn,
      isShown: () => toolbarShown(store.get()),
      onHighlight: highlight,
    });
    // A click outside the editor closes it, as Escape does.
    scope.addEventListener(document, 'mousedown', (event) => {
      if (event.isTrusted && !isOwn(event) && store.get().editing) closeEditor();
    });
    // A click on a drawn highlight (not the end of a selection, not a link) opens its editor. Keyboard users
    // reach the same editor from the list beside the article.
    scope.addEventListener(document, 'click', (event) => {
      const root = rootRef.current;
      const selected = document.getSelection();
      if (!event.isTrusted || !root || !(event.target instanceof Node) || !root.contains(event.target))
        return;
      if ((selected && !selected.isCollapsed) || store.get().editing) return;
      if (event.target instanceof Element && event.target.closest('a')) return;
      const id = highlighter.hitTest(event.clientX, event.clientY);
      if (id) openEditor(id, null, root);
    });
    return scope.dispose;
  }, [highlighter, store, dispatch, highlight, openEditor, closeEditor]);

  const onSaved = useCallback(
    (record: HighlightRecord) => {
      const range = highlighter.rangeOf(record.id);
      if (range) highlighter.draw(record.id, range, record.color);
      dispatch({ type: 'updated', record, range: highlighter.rangeOf(record.id) ?? null });
    },
    [highlighter, dispatch],
  );
  const onRemoved = useCallback(
    (id: string) => {
      const record = recordOf(store.get(), id);
      highlighter.remove(id);
      dispatch({ type: 'removed', id });
      if (record) setDeleted(record);
    },
    [highlighter, store, dispatch, setDeleted],
  );

  const undo = async () => {
    if (!deleted) return;
    const root = rootRef.current;
    setDeleted(null);
    try {
      const record = await api.restore(deleted.id);
      if (!root) return;
      dispatch({ type: 'placed', ...placeHighlights(root, [record], highlighter), add: true });
    } catch (e) {
      dispatch({
        type: 'notice',
        message: `${t('readerUndoFailed')} ${e instanceof Error ? e.message : ''}`.trim(),
      });
    }
  };

  const scrollTo = (id: string) => {
    const range = highlighter.rangeOf(id);
    const node = range?.startContainer;
    const element = node && (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement);
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const { placed, missing, selection, editing, notice } = state;
  const lang = article.lang ?? undefined;

  return (
    <div class="reader">
      <main class="reader-main">
        {/* Outside the anchoring root: the user's words about the article, not the article's. */}
        <ArticleNote url={clipping.url} title={article.title} api={api} />
        <article class="reader-article" aria-labelledby="reader-headline">
          {/* The anchoring root: the headline and the body, as on the live page; the meta lines are skipped. */}
          <div class="reader-text" ref={rootRef}>
            <ReaderArticleHead clipping={clipping} lang={api.lang} />
            <div class="reader-body" lang={lang} ref={bodyRef} />
          </div>
        </article>
      </main>
      <ReaderList
        placed={placed}
        missing={missing}
        onShow={scrollTo}
        onEdit={(id, from) => openEditor(id, null, from)}
      />

      {selection && toolbarShown(state) ? (
        <div class="reader-selection">
          <SelectionToolbar
            {...placeToolbar(selection.rect, viewportOf(document))}
            color={state.color}
            onColor={(color) => dispatch({ type: 'color', color })}
            onHighlight={highlight}
            error={state.toolbarError}
            busy={state.busy}
          />
        </div>
      ) : null}

      {editing ? (
        <ReaderEditDialog
          key={editing.id}
          editing={editing}
          api={api}
          onSaved={onSaved}
          onRemoved={onRemoved}
          onClose={closeEditor}
        />
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
              <button
                type="button"
                class="undo-button"
                onClick={() => dispatch({ type: 'notice', message: null })}
              >
                {t('cancel')}
              </button>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}

function recordOf(state: ReaderState, id: string): HighlightRecord | undefined {
  return state.placed.find((p) => p.record.id === id)?.record ?? state.missing.find((r) => r.id === id);
}
