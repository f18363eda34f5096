/**
 * The side panel (Chromium) or sidebar (Firefox) beside the article: the page in the active tab, its highlights in
 * reading order with notes and tags, a search (this page first, then the rest of the library), a click on a
 * highlight shows it on the page. It follows the active tab and redraws when the library changes; the wiring is
 * in entrypoints/sidepanel/main.tsx. The popup stays for quick looks.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { HighlightRecord, SearchHitRecord } from '@/utils/messaging/background-map';
import type { ArticleNoteHit } from '@/utils/search/article-notes';
import { ArticleNote, type ArticleNoteApi } from './ArticleNote';
import { useDebouncedSearch, useUndo } from './hooks';
import { PageHighlights } from './PageHighlights';
import type { PopupData } from './Popup';
import { SearchResults } from './SearchResults';
import { UndoNotice } from './UndoNotice';

/** The page the panel is about: what the popup loads (entrypoints/popup/page-link.ts; the verdict unused here). */
export type PanelData = PopupData;

/** The background's answer to a search: highlights, and the articles whose own note matches. */
export interface PanelSearch {
  total: number;
  hits: SearchHitRecord[];
  notes?: { total: number; hits: ArticleNoteHit[] };
}

/** What the panel can do; wired in entrypoints/sidepanel/main.tsx. The article note reads and saves as the popup's. */
export interface PanelApi extends ArticleNoteApi {
  load(): Promise<PanelData>;
  /**
   * Calls `listener` when what the panel shows may have changed: another tab became active, the tab went to
   * another address, or the library changed. Returns the unsubscribe.
   */
  subscribe(listener: () => void): () => void;
  search(query: string): Promise<PanelSearch>;
  /** Shows the highlight on the page; false when it is not there. */
  scrollTo(id: string): Promise<boolean>;
  /** Opens the highlight's editor over the page. */
  edit(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  restore(id: string): Promise<void>;
  /**
   * Opens a search result from elsewhere in the library at its passage: in the tab beside the panel, or a new
   * one (Ctrl/Cmd/Shift or middle click).
   */
  open(hit: SearchHitRecord, newTab: boolean): void;
  openLibrary(): void;
}

/** How many hits a search asks for: enough that this page's matches are among them on a large library. */
export const SEARCH_LIMIT = 500;

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: PanelData };

export function SidePanel({ api }: { api: PanelApi }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useUndo<HighlightRecord>();
  // Moves on with each change, so a search shown is asked again (its answer may have changed too).
  const [version, setVersion] = useState(0);

  // Tabs change quickly (activated, then loaded): only the latest load's answer is shown.
  const loads = useRef(0);
  const reload = useCallback(() => {
    const mine = ++loads.current;
    return api.load().then(
      (data) => mine === loads.current && setState({ status: 'ready', data }),
      (e) => mine === loads.current && setState({ status: 'error', message: messageOf(e) }),
    );
  }, [api]);
  useEffect(() => {
    reload();
    return api.subscribe(() => {
      reload();
      setVersion((v) => v + 1);
    });
  }, [api, reload]);

  // A new function after each change (`version`): the search shown is asked again.
  const search = useCallback((q: string) => api.search(q), [api, version]);
  const searchFailed = useCallback((e: unknown) => setError(messageOf(e)), []);
  const trimmed = query.trim();
  const { result } = useDebouncedSearch(trimmed ? trimmed : null, search, searchFailed);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const onOpen = (h: HighlightRecord) =>
    act(async () => {
      if (!(await api.scrollTo(h.id))) throw new Error(t('panelNotOnPage'));
    });
  const onDelete = (h: HighlightRecord) =>
    act(async () => {
      await api.remove(h.id);
      setDeleted(h);
      await reload();
    });
  const onUndo = () =>
    act(async () => {
      if (!deleted) return;
      await api.restore(deleted.id);
      setDeleted(null);
      await reload();
    });

  const page = state.status === 'ready' && state.data.kind === 'page' ? state.data : null;
  // A search shows this page's matching highlights (reading order kept), then the others in the library.
  const onPageIds = new Set(page?.highlights.map((h) => h.id));
  const matches = result
    ? Object.fromEntries(
        result.hits
          .filter((hit) => onPageIds.has(hit.highlight.id))
          .map((hit) => [hit.highlight.id, hit.matches]),
      )
    : undefined;
  const shown = page && matches ? page.highlights.filter((h) => h.id in matches) : (page?.highlights ?? []);
  const elsewhere = result ? result.hits.filter((hit) => !onPageIds.has(hit.highlight.id)) : [];
  // This article's own note is shown above; the others whose note matches are listed with the rest.
  const articleKey = page ? (page.highlights[0]?.url ?? page.url) : null;
  const otherNotes = result?.notes?.hits.filter((n) => n.url !== articleKey) ?? [];

  return (
    <main class="popup panel">
      <header class="brand">
        <span class="logo" aria-hidden="true" />
        <h1>Clipmark</h1>
        <button type="button" class="link" onClick={api.openLibrary}>
          {t('openLibrary')}
        </button>
      </header>
      {state.status === 'loading' ? <p class="muted">{t('loading')}</p> : null}
      {state.status === 'error' ? (
        <p class="error" role="alert">
          {t('loadFailed')} {state.message}
        </p>
      ) : null}
      {state.status === 'ready' && state.data.kind === 'unsupported' ? (
        <p class="muted">{t('pageUnsupported')}</p>
      ) : null}
      {page ? (
        <>
          <h2 class="page-title">{page.title}</h2>
          <p class="muted count">{t('highlightCount', String(page.highlights.length))}</p>
          <ArticleNote
            // The article's key, as its highlights carry it; a new one for each page the panel follows.
            key={articleKey}
            url={articleKey ?? page.url}
            title={page.title}
            api={api}
          />
          <input
            type="search"
            class="search"
            aria-label={t('panelSearchLabel')}
            placeholder={t('panelSearchPlaceholder')}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {page ? (
        <section aria-label={t('panelOnThisPage')}>
          {page.orphans === null && page.highlights.length > 0 ? (
            <p class="muted">{t('pageNotConnected')}</p>
          ) : null}
          {page.highlights.length === 0 ? <p class="empty">{t('emptyPage')}</p> : null}
          {result && shown.length === 0 && page.highlights.length > 0 ? (
            <p class="empty">{t('panelNoMatchHere')}</p>
          ) : null}
          <PageHighlights
            highlights={shown}
            orphans={page.orphans}
            changed={page.changed}
            matches={matches}
            onOpen={onOpen}
            onEdit={(h) => act(() => api.edit(h.id))}
            onDelete={onDelete}
          />
        </section>
      ) : null}
      {result && (elsewhere.length > 0 || otherNotes.length > 0) ? (
        <section class="elsewhere" aria-labelledby="elsewhere-title">
          <h3 id="elsewhere-title">{t('panelElsewhere')}</h3>
          <SearchResults
            total={(result?.total ?? 0) - Object.keys(matches ?? {}).length}
            hits={elsewhere}
            notes={otherNotes}
            onOpen={api.open}
          />
        </section>
      ) : null}
      {deleted ? <UndoNotice key={deleted.id} onUndo={onUndo} /> : null}
    </main>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
