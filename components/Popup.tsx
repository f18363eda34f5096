/** The popup: the current page, its highlights (found or not), delete with undo. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '@/utils/dates';
import { t } from '@/utils/i18n';
import type {
  ArticleInfo,
  HighlightRecord,
  SearchHitRecord,
  SyncStatus,
  TagSummary,
} from '@/utils/messaging/background-map';
import type { PageDetection } from '@/utils/messaging/tab-map';
import type { ArticleNoteHit } from '@/utils/search/article-notes';
import { EMPTY_FILTERS, filtersToQuery } from '@/utils/search/query-from-filters';
import { ArticleCard } from './ArticleCard';
import { ArticleNote, type ArticleNoteApi } from './ArticleNote';
import { ClippingPanel } from './ClippingPanel';
import { CopyMarkdownButton } from './CopyMarkdownButton';
import { ExportControl, type FormatChoice } from './ExportControl';
import { useDebouncedSearch, useUndo } from './hooks';
import { PageHighlights } from './PageHighlights';
import { SearchResults } from './SearchResults';
import { ShortcutList } from './ShortcutList';
import { TagChips } from './TagChips';
import { UndoNotice } from './UndoNotice';

/** The most used tags shown as filter chips; the library page has them all. */
const POPUP_CHIPS = 8;

export type PopupData =
  | {
      kind: 'page';
      url: string;
      title: string;
      highlights: HighlightRecord[];
      /** Ids not found on the page; null when the page's content script did not answer. */
      orphans: string[] | null;
      /** Highlights found only approximately: id → the page's text now. */
      changed: Record<string, string>;
      /** Whether the page is an article; null when its content script did not answer. */
      detection: PageDetection | null;
    }
  | { kind: 'unsupported' };

/** What the popup can do; wired to the background and the tab in entrypoints/popup/main.tsx. */
export interface PopupApi extends ArticleNoteApi {
  /** The interface language (`en`, `vi`), for dates. */
  lang: string;
  load(): Promise<PopupData>;
  /** Reads the article in the tab (title, site, date, byline); slower than `load`, so shown when it comes. */
  readArticle(): Promise<ArticleInfo>;
  /** Saves (or replaces) a copy of the article in the tab. */
  saveClipping(): Promise<{ savedAt: number }>;
  /** Opens the saved copy of the page at `url` in the reader. */
  openClipping(url: string): void;
  remove(id: string): Promise<void>;
  restore(id: string): Promise<void>;
  scrollTo(id: string): Promise<void>;
  /** Opens the highlight's editor over the page (and closes the popup). */
  edit(id: string): Promise<void>;
  /** Searches the whole library (query syntax: words, "phrases", tag:, site:, color:, after:, before:). */
  search(
    query: string,
  ): Promise<{ total: number; hits: SearchHitRecord[]; notes?: { total: number; hits: ArticleNoteHit[] } }>;
  /** Every tag in the library, most used first, for the filter chips. */
  tags(): Promise<TagSummary[]>;
  /**
   * Opens a search result at its passage: in the current tab (on this very page: scrolls to it and flashes it),
   * or in a new tab when the user asked for one (Ctrl/Cmd/Shift-click, middle click).
   */
  open(hit: SearchHitRecord, newTab: boolean): void;
  /** Opens the library page (`sync`: with its Sync section open). */
  openLibrary(section?: 'sync'): void;
  /** Sync's state, for the line under the header (optional: no line without it). */
  syncStatus?(): Promise<SyncStatus>;
  /** Opens the options page. */
  openOptions(): void;
  /** The browser commands' keys as the user set them (`commands.getAll`), for the shortcut list. */
  commandKeys(): Promise<Record<string, string>>;
  /** Opens the side panel (Chromium) or sidebar (Firefox) beside the page; absent where the browser has none. */
  openPanel?(): void;
  /** Exports this page's highlights and saves the file(s). */
  exportPage(url: string, format: FormatChoice): Promise<void>;
  /** Copies this page's Markdown note (the one-file Markdown export of the page) to the clipboard. */
  copyMarkdown(url: string): Promise<void>;
  /**
   * Copies the highlight as a quotation with its citation (the chosen style) and deep link. Starts the clipboard
   * write before it returns: call it in the click.
   */
  cite(h: HighlightRecord): Promise<void>;
}

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: PopupData };

export function Popup({ api }: { api: PopupApi }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [deleted, setDeleted] = useUndo<HighlightRecord>();
  const [actionError, setActionError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [article, setArticle] = useState<ArticleRead>({ status: 'idle' });
  const [tags, setTags] = useState<TagSummary[]>([]);
  const [chosenTags, setChosenTags] = useState<string[]>([]);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  useEffect(() => {
    api.syncStatus?.().then(setSync, () => {});
  }, [api]);
  // The search box and the chips make one query, as on the library page.
  const search = filtersToQuery({ ...EMPTY_FILTERS, text: query, tags: chosenTags });

  const reload = useCallback(
    () =>
      api.load().then(
        (data) => setState({ status: 'ready', data }),
        (error) => setState({ status: 'error', message: messageOf(error) }),
      ),
    [api],
  );
  useEffect(() => {
    reload();
  }, [reload]);
  // Opening the popup is the user asking about the page: read the article if it is one, or has highlights.
  const page = state.status === 'ready' && state.data.kind === 'page' ? state.data : null;
  const wantArticle = !!page && (page.detection?.isArticle !== false || page.highlights.length > 0);
  useEffect(() => {
    if (!wantArticle) return;
    let current = true;
    setArticle((a) => (a.status === 'idle' ? { status: 'reading' } : a));
    api.readArticle().then(
      (info) => current && setArticle({ status: 'done', info }),
      (error) => current && setArticle({ status: 'failed', message: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, wantArticle]);
  const searchLibrary = useCallback((q: string) => api.search(q), [api]);
  const searchFailed = useCallback((e: unknown) => setActionError(messageOf(e)), []);
  const { result: results } = useDebouncedSearch(search || null, searchLibrary, searchFailed);
  useEffect(() => {
    api.tags().then(setTags, () => {});
  }, [api]);

  const act = async (work: () => Promise<void>) => {
    setActionError(null);
    try {
      await work();
      await reload();
    } catch (error) {
      setActionError(messageOf(error));
    }
  };
  const [citeNote, setCiteNote] = useState<{ text: string; failed: boolean } | null>(null);
  const onCite = (h: HighlightRecord) => {
    setCiteNote({ text: t('citeCopying'), failed: false });
    api.cite(h).then(
      () => setCiteNote({ text: t('citeCopied'), failed: false }),
      (error) => setCiteNote({ text: `${t('citeFailed')} ${messageOf(error)}`.trim(), failed: true }),
    );
  };
  const onDelete = (h: HighlightRecord) =>
    act(async () => {
      await api.remove(h.id);
      setDeleted(h);
    });
  const onUndo = async () => {
    if (!deleted) return;
    const { id } = deleted;
    await act(async () => {
      await api.restore(id);
      setDeleted(null);
    });
    // The focus goes back to the highlight that came back (Undo is gone).
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`li.highlight[data-id="${CSS.escape(id)}"] button`)?.focus(),
    );
  };

  // The list of keys: from the footer, or `?` anywhere but in the search field.
  const [keysOpen, setKeysOpen] = useState(false);
  const [commandKeys, setCommandKeys] = useState<Record<string, string>>({});
  useEffect(() => {
    if (keysOpen) api.commandKeys().then(setCommandKeys, () => {});
  }, [api, keysOpen]);
  const keysRef = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return;
      if ((event.target as Element | null)?.closest('input, textarea, select')) return;
      event.preventDefault();
      setKeysOpen((open) => !open);
      requestAnimationFrame(() => keysRef.current?.scrollIntoView({ block: 'nearest' }));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <main class="popup">
      <header class="brand">
        <span class="logo" aria-hidden="true" />
        <h1>Clipmark</h1>
        <button type="button" class="link" onClick={() => api.openLibrary()}>
          {t('openLibrary')}
        </button>
        {api.openPanel ? (
          <button type="button" class="link" onClick={api.openPanel}>
            {t('openSidePanel')}
          </button>
        ) : null}
      </header>
      {sync?.configured ? (
        <SyncLine status={sync} lang={api.lang} onOpen={() => api.openLibrary('sync')} />
      ) : null}
      <input
        type="search"
        class="search"
        aria-label={t('searchLabel')}
        placeholder={t('searchPlaceholder')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {tags.length > 0 ? (
        <TagChips
          tags={tags}
          selected={chosenTags}
          limit={POPUP_CHIPS}
          onToggle={(name) =>
            setChosenTags((current) =>
              current.includes(name) ? current.filter((x) => x !== name) : [...current, name],
            )
          }
        />
      ) : null}
      {state.status === 'loading' ? <p class="muted">{t('loading')}</p> : null}
      {state.status === 'error' ? (
        <p class="error" role="alert">
          {t('loadFailed')} {state.message}
        </p>
      ) : null}
      {actionError ? (
        <p class="error" role="alert">
          {actionError}
        </p>
      ) : null}
      {results ? (
        <SearchResults
          total={results.total}
          hits={results.hits}
          notes={results.notes?.hits}
          onOpen={api.open}
        />
      ) : null}
      {!results && state.status === 'ready' && state.data.kind === 'unsupported' ? (
        <p class="muted">{t('pageUnsupported')}</p>
      ) : null}
      {!results && state.status === 'ready' && state.data.kind === 'page' ? (
        <PageSection
          data={state.data}
          article={article}
          api={api}
          onOpen={(h) => act(() => api.scrollTo(h.id))}
          onEdit={(h) => act(() => api.edit(h.id))}
          onDelete={onDelete}
          onCite={onCite}
        />
      ) : null}
      {citeNote ? (
        <p class={citeNote.failed ? 'error' : 'muted'} role={citeNote.failed ? 'alert' : 'status'}>
          {citeNote.text}
        </p>
      ) : null}
      {!results &&
      state.status === 'ready' &&
      state.data.kind === 'page' &&
      state.data.highlights.length > 0 ? (
        <>
          <ExportControl
            label={t('exportPage')}
            onExport={(format) => {
              const data = state.data as Extract<PopupData, { kind: 'page' }>;
              // The article's key (its canonical address when the page names one), as its highlights carry it.
              return api.exportPage(data.highlights[0]?.url ?? data.url, format);
            }}
          />
          <CopyMarkdownButton
            onCopy={() => {
              const data = state.data as Extract<PopupData, { kind: 'page' }>;
              return api.copyMarkdown(data.highlights[0]?.url ?? data.url);
            }}
          />
        </>
      ) : null}
      {deleted ? <UndoNotice key={deleted.id} onUndo={onUndo} /> : null}
      <footer class="popup-footer">
        <details
          class="keys"
          ref={keysRef}
          open={keysOpen}
          onToggle={(e) => setKeysOpen(e.currentTarget.open)}
        >
          <summary aria-keyshortcuts="?">{t('showShortcuts')}</summary>
          <ShortcutList commandKeys={commandKeys} level={3} />
        </details>
        <button type="button" class="link" onClick={api.openOptions}>
          {t('openOptions')}
        </button>
      </footer>
    </main>
  );
}

/** Reading the article in the tab, which the card shows when it is done. */
type ArticleRead =
  | { status: 'idle' | 'reading' }
  | { status: 'done'; info: ArticleInfo }
  | { status: 'failed'; message: string };

function PageSection({
  data,
  article,
  api,
  onOpen,
  onEdit,
  onDelete,
  onCite,
}: {
  data: Extract<PopupData, { kind: 'page' }>;
  article: ArticleRead;
  api: PopupApi;
  onOpen(h: HighlightRecord): void;
  onEdit(h: HighlightRecord): void;
  onDelete(h: HighlightRecord): void;
  onCite(h: HighlightRecord): void;
}) {
  return (
    <section>
      <ArticleCard
        url={data.url}
        tabTitle={data.title}
        detection={data.detection}
        article={
          article.status === 'done' ? article.info.article : article.status === 'failed' ? null : undefined
        }
        reading={article.status === 'reading'}
        readError={article.status === 'failed' ? article.message : null}
        count={data.highlights.length}
        lang={api.lang}
      />
      <ArticleNote
        // The article's key, as its highlights carry it (its canonical address when the page names one).
        url={data.highlights[0]?.url ?? data.url}
        title={data.title}
        api={api}
      />
      {article.status === 'done' ? (
        <ClippingPanel
          info={article.info}
          highlights={data.highlights}
          changed={data.changed}
          orphans={data.orphans}
          lang={api.lang}
          save={api.saveClipping}
          open={() => api.openClipping(article.info.url)}
        />
      ) : null}
      {data.orphans === null && data.highlights.length > 0 ? (
        <p class="muted">{t('pageNotConnected')}</p>
      ) : null}
      {data.highlights.length === 0 ? <p class="empty">{t('emptyPage')}</p> : null}
      <PageHighlights
        highlights={data.highlights}
        orphans={data.orphans}
        changed={data.changed}
        onOpen={onOpen}
        onEdit={onEdit}
        onDelete={onDelete}
        onCite={onCite}
      />
    </section>
  );
}

/** Sync's state in one line: when it last worked, or that it failed, and notes to review; opens the Sync section. */
function SyncLine({ status, lang, onOpen }: { status: SyncStatus; lang: string; onOpen(): void }) {
  const last = status.lastRun;
  const failed = last !== null && !last.ok;
  return (
    <p class={`sync-line${failed ? ' failed' : ''}`}>
      <button type="button" class="link" onClick={onOpen}>
        {status.running
          ? t('syncRunning')
          : last === null
            ? t('syncNever')
            : last.ok
              ? t('syncStatusPopupOk', formatDateTime(last.at, lang))
              : t('syncStatusPopupFailed')}
        {status.conflicts > 0 ? ` · ${t('syncStatusPopupConflicts', String(status.conflicts))}` : ''}
      </button>
    </p>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
