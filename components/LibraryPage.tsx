/**
 * The library: every highlight, newest first or ranked by the search, filtered by tag (also by clicking a tag on
 * a highlight), colour, site (any part of the domain from a label's start) and highlight date (typed day first,
 * in the interface's language), grouped by article — each with its date, author and highlight count, its
 * highlights in reading order or as the user sorts them — with bulk tagging and deleting (undoable, select all);
 * export, and import — which shows first what a file would replace or trash and asks
 * (components/ImportReport.tsx).
 */
import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import { formatArticleDate } from '@/utils/article-display';
import { CITATION_STYLES, type CitationStyle, DEFAULT_CITATION_STYLE } from '@/utils/citation/styles';
import { COLOR_SWATCHES } from '@/utils/colors';
import { dayPattern, formatDay, formatDayInput, parseDayInput } from '@/utils/dates';
import { textFragmentLink } from '@/utils/export/deep-link';
import type { ImportAnswer } from '@/utils/export/import-records';
import {
  HIGHLIGHT_ORDERS,
  type HighlightOrder,
  isHighlightOrder,
  sortHighlights,
} from '@/utils/highlight-order';
import { keyOf, type MessageKey, t } from '@/utils/i18n';
import type { SearchHitRecord, SettingsRecord, TagSummary } from '@/utils/messaging/background-map';
import { readerPath } from '@/utils/reader/address';
import type { ArticleNoteHit } from '@/utils/search/article-notes';
import { EMPTY_FILTERS, filtersToQuery, type LibraryFilters } from '@/utils/search/query-from-filters';
import { parseTags } from '@/utils/tag-names';
import { isBookKey } from '@/utils/url';
import { ArticleNote, type ArticleNoteApi } from './ArticleNote';
import { ColorSwatches } from './ColorSwatches';
import { ExportControl, type FormatChoice } from './ExportControl';
import { useDebouncedSearch, useUndo } from './hooks';
import { ImportDone, ImportPreview, importSummary, type ReplacedApi, ReplacedPanel } from './ImportReport';
import { type SyncApi, SyncSection } from './SyncSection';
import { TagChips } from './TagChips';
import { TagList } from './TagList';

export interface LibraryApi extends ReplacedApi, ArticleNoteApi, SyncApi {
  /** Highlights that match, and (first page only) articles whose own note matches. */
  search(
    query: string,
    offset: number,
  ): Promise<{ total: number; hits: SearchHitRecord[]; notes?: { total: number; hits: ArticleNoteHit[] } }>;
  /**
   * Opens a highlight's passage at the address the user visited: in this tab, or a new one (Ctrl/Cmd/Shift or
   * middle click); the page scrolls to it and flashes it.
   */
  openPassage(hit: SearchHitRecord, newTab: boolean): void;
  tags(): Promise<TagSummary[]>;
  bulkTag(ids: string[], tags: string[]): Promise<void>;
  bulkDelete(ids: string[]): Promise<void>;
  bulkRestore(ids: string[]): Promise<void>;
  /** Exports the given highlights (null: everything) and saves the file(s). */
  exportHighlights(ids: string[] | null, format: FormatChoice): Promise<void>;
  /**
   * Imports a file (read by the API, which can refuse one too large before reading it), reporting how far it
   * is (0–1). A file that would replace or trash anything of the library answers its preview (`confirm`) and
   * writes nothing; the same file with the preview's token (`confirm`) is applied, if it still would do that.
   */
  importFile(file: Blob, onProgress?: (fraction: number) => void, confirm?: string): Promise<ImportAnswer>;
  settings(): Promise<SettingsRecord>;
  setSettings(changes: Partial<SettingsRecord>): Promise<SettingsRecord>;
}

const ORDER_LABELS: Record<HighlightOrder, MessageKey> = {
  reading: 'orderReading',
  newest: 'orderNewest',
  oldest: 'orderOldest',
  color: 'orderColor',
};

export function LibraryPage({
  api,
  lang = 'en',
  showSync = false,
}: {
  api: LibraryApi;
  lang?: string;
  /** The Sync section open from the start (`library.html#sync`, from the popup). */
  showSync?: boolean;
}) {
  const [filters, setFilters] = useState<LibraryFilters>(EMPTY_FILTERS);
  /** How each article's highlights are listed: reading order unless the user sorts them. */
  const [order, setOrder] = useState<HighlightOrder>('reading');
  /** How many times the filters were cleared (the date fields start again). */
  const [cleared, setCleared] = useState(0);
  const [tags, setTags] = useState<TagSummary[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkTags, setBulkTags] = useState('');
  // A bulk deletion stays undoable until undone: it may be large, and nothing else is offered in its place.
  const [undo, setUndo] = useUndo<string[]>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [settings, setSettings] = useState<SettingsRecord | null>(null);
  /** How far a running import is (0–1), or null. */
  const [progress, setProgress] = useState<number | null>(null);
  /** A file waiting for the user's answer to its preview. */
  const [pending, setPending] = useState<{ file: Blob; answer: ImportAnswer & { status: 'confirm' } } | null>(
    null,
  );
  /** The last import applied, for what it left out and the way to what it replaced. */
  const [imported, setImported] = useState<ImportAnswer | null>(null);
  const [showReplaced, setShowReplaced] = useState(false);
  const [syncOpen, setSyncOpen] = useState(showSync);
  const query = filtersToQuery(filters);
  const report = useCallback((message: string) => setStatus(message), []);
  const changed = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    api.settings().then(setSettings, () => {});
  }, [api]);
  useEffect(() => {
    api.tags().then(setTags, () => {});
  }, [api, version]);
  // A new version of the library (after an import, a bulk change…) searches again.
  const searchLibrary = useCallback((q: string) => api.search(q, 0), [api, version]);
  const searchFailed = useCallback((e: unknown) => setStatus(String((e as Error)?.message ?? e)), []);
  const { result, setResult, loading } = useDebouncedSearch(query, searchLibrary, searchFailed);

  // A new query is a new list: nothing stays selected that the user cannot see.
  useEffect(() => setSelected(new Set()), [query]);

  const set = (patch: Partial<LibraryFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const more = async () => {
    if (!result) return;
    const next = await api.search(query, result.hits.length);
    setResult({ ...result, total: next.total, hits: [...result.hits, ...next.hits] });
  };
  /** Runs a library change, showing progress, then its summary (if any) or its error. */
  const act = async (work: () => Promise<string | undefined>) => {
    setStatus(t('working'));
    try {
      setStatus((await work()) || null);
      setSelected(new Set());
      setVersion((v) => v + 1);
    } catch (e) {
      setStatus(String((e as Error)?.message ?? e));
    }
  };
  /** Imports `file`; with the token of the preview the user confirmed, applies it. */
  const importFile = async (file: Blob, confirm?: string) => {
    setPending(null);
    setImported(null);
    setProgress(0);
    try {
      await act(async () => {
        const answer = await api.importFile(file, setProgress, confirm);
        if (answer.status === 'confirm') {
          setPending({ file, answer });
          return undefined;
        }
        setImported(answer);
        return importSummary(answer, confirm !== undefined);
      });
    } finally {
      setProgress(null);
    }
  };
  const groups = groupByArticle(result?.hits ?? []).map((group) => ({
    ...group,
    hits: sortHighlights(group.hits, order, (hit) => hit.highlight),
  }));
  // Article notes that match: marked in their article's head when it is listed; listed on their own when not
  // (an article with a note and no matching highlight, or no highlight at all).
  const noteHits = result?.notes?.hits ?? [];
  const noteTerms = new Map(noteHits.map((n) => [n.url, n.matches]));
  const listed = new Set(groups.map((g) => g.article.url));
  const otherNotes = noteHits.filter((n) => !listed.has(n.url));
  const shownIds = (result?.hits ?? []).map((hit) => hit.highlight.id);
  const allSelected = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
  const toggleTag = (name: string) =>
    set({
      tags: filters.tags.includes(name) ? filters.tags.filter((x) => x !== name) : [...filters.tags, name],
    });
  const canBulkTag = selected.size > 0 && parseTags(bulkTags).length > 0;
  const bulkTag = () =>
    act(async () => {
      await api.bulkTag([...selected], parseTags(bulkTags));
      setBulkTags('');
    });

  return (
    <main class="library">
      <header class="top">
        <h1>{t('libraryTitle')}</h1>
        <input
          type="search"
          class="search"
          aria-label={t('searchLabel')}
          placeholder={t('searchPlaceholder')}
          value={filters.text}
          onInput={(e) => set({ text: e.currentTarget.value })}
        />
      </header>
      <aside class="filters" aria-label={t('filtersLabel')}>
        <h2>{t('tagsLabel')}</h2>
        <TagChips tags={tags} selected={filters.tags} onToggle={toggleTag} />
        <h2>{t('colorLabel')}</h2>
        <ColorSwatches
          value={filters.color}
          onChange={(c) => set({ color: filters.color === c ? null : c })}
        />
        <label>
          {t('siteLabel')}
          <input
            type="text"
            value={filters.site}
            placeholder={t('sitePlaceholder')}
            onInput={(e) => set({ site: e.currentTarget.value })}
          />
        </label>
        {/* A new set of fields after Clear filters: they hold what was typed, also when it is not a day. */}
        <fieldset class="dates" key={cleared}>
          <legend>{t('highlightDateLegend')}</legend>
          <DayField
            label={t('afterLabel')}
            value={filters.after}
            lang={lang}
            onChange={(after) => set({ after })}
          />
          <DayField
            label={t('beforeLabel')}
            value={filters.before}
            lang={lang}
            onChange={(before) => set({ before })}
          />
        </fieldset>
        <label>
          {t('orderLabel')}
          <select
            value={order}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isHighlightOrder(value)) setOrder(value);
            }}
          >
            {HIGHLIGHT_ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(ORDER_LABELS[o])}
              </option>
            ))}
          </select>
        </label>
        {query ? (
          <button
            type="button"
            onClick={() => {
              setFilters(EMPTY_FILTERS);
              setCleared((n) => n + 1);
            }}
          >
            {t('clearFilters')}
          </button>
        ) : null}
        <h2>{t('exportFormat')}</h2>
        <ExportControl
          label={query ? t('exportResults') : t('exportAll')}
          onExport={async (format) => {
            if (!query) return api.exportHighlights(null, format);
            const ids: string[] = [];
            for (let offset = 0; ; ) {
              const page = await api.search(query, offset);
              ids.push(...page.hits.map((h) => h.highlight.id));
              offset += page.hits.length;
              if (page.hits.length === 0 || offset >= page.total) break;
            }
            return api.exportHighlights(ids, format);
          }}
        />
        <h2>{t('settingsTitle')}</h2>
        <label class="setting">
          <input
            type="checkbox"
            checked={settings?.autoClip ?? false}
            disabled={!settings}
            onChange={(e) => {
              const autoClip = e.currentTarget.checked;
              api
                .setSettings({ autoClip })
                .then(setSettings, (error) => setStatus(String(error?.message ?? error)));
            }}
          />{' '}
          {t('settingAutoClip')}
        </label>
        <label>
          {t('citationStyleLabel')}
          <select
            value={settings?.citationStyle ?? DEFAULT_CITATION_STYLE}
            disabled={!settings}
            onChange={(e) => {
              const citationStyle = e.currentTarget.value as CitationStyle;
              api
                .setSettings({ citationStyle })
                .then(setSettings, (error) => setStatus(String(error?.message ?? error)));
            }}
          >
            {CITATION_STYLES.map((style) => (
              <option key={style} value={style}>
                {t(keyOf('citationStyle_', style))}
              </option>
            ))}
          </select>
        </label>
        <label class="import">
          {t('importLabel')}
          <input
            type="file"
            accept=".json,.jsonld,.txt,.csv,.zip,application/json,application/ld+json,text/plain,text/csv,application/zip"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) await importFile(file);
            }}
          />
        </label>
        <button type="button" aria-expanded={showReplaced} onClick={() => setShowReplaced((v) => !v)}>
          {t('replacedShow')}
        </button>
        <h2>{t('syncTitle')}</h2>
        <button type="button" aria-expanded={syncOpen} onClick={() => setSyncOpen((v) => !v)}>
          {t('syncShowSettings')}
        </button>
      </aside>
      {syncOpen ? <SyncSection api={api} lang={lang} onSynced={changed} /> : null}
      <section class="results" aria-label={t('searchResults')}>
        <div class="bulk" role="toolbar" aria-label={t('bulkLabel')}>
          <label class="select-all">
            <input
              type="checkbox"
              checked={allSelected}
              disabled={shownIds.length === 0}
              onChange={() => setSelected(allSelected ? new Set() : new Set(shownIds))}
            />{' '}
            {t('selectAllShown', String(shownIds.length))}
          </label>
          <span>{t('selectedCount', String(selected.size))}</span>
          <input
            type="text"
            aria-label={t('bulkTagsLabel')}
            placeholder={t('tagsPlaceholder')}
            value={bulkTags}
            onInput={(e) => setBulkTags(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter applies, as the button does (when there is something to apply it to).
              if (e.key !== 'Enter' || e.isComposing) return;
              e.preventDefault();
              if (canBulkTag) bulkTag();
            }}
          />
          <button type="button" disabled={!canBulkTag} onClick={bulkTag}>
            {t('addTagsToSelected')}
          </button>
          <button
            type="button"
            class="danger"
            disabled={selected.size === 0}
            onClick={() =>
              act(async () => {
                const ids = [...selected];
                await api.bulkDelete(ids);
                setUndo(ids);
              })
            }
          >
            {t('deleteSelected')}
          </button>
        </div>
        {status ? (
          <p class="status" role="status">
            {progress === null ? status : t('importing', String(Math.round(progress * 100)))}
          </p>
        ) : null}
        {progress !== null ? (
          <progress class="import-progress" max={1} value={progress} aria-label={t('importLabel')} />
        ) : null}
        {pending ? (
          <ImportPreview
            answer={pending.answer}
            onConfirm={() => importFile(pending.file, pending.answer.token)}
            onCancel={() => {
              setPending(null);
              setStatus(t('importCancelled'));
            }}
          />
        ) : null}
        {imported && !pending ? (
          <ImportDone
            answer={imported}
            onShowReplaced={showReplaced ? undefined : () => setShowReplaced(true)}
          />
        ) : null}
        {showReplaced ? (
          <ReplacedPanel api={api} version={version} onChanged={changed} onError={report} />
        ) : null}
        {loading && !result ? <p class="muted">{t('loading')}</p> : null}
        {undo ? (
          <p class="undo" role="status">
            {t('deletedCount', String(undo.length))}{' '}
            <button
              type="button"
              onClick={() =>
                act(async () => {
                  await api.bulkRestore(undo);
                  setUndo(null);
                })
              }
            >
              {t('undo')}
            </button>
          </p>
        ) : null}
        {result && result.total === 0 ? (
          <p class="empty">{query ? t('noResults') : t('libraryEmpty')}</p>
        ) : null}
        {result && result.total > 0 ? <p class="muted">{t('resultCount', String(result.total))}</p> : null}
        {otherNotes.length > 0 ? (
          <section class="article-notes" aria-labelledby="article-notes-title">
            <h2 id="article-notes-title">{t('articleNotesFound', String(otherNotes.length))}</h2>
            {otherNotes.map((n) => (
              <article key={n.url} class="group">
                <h3>
                  <a href={n.url} target="_blank" rel="noreferrer noopener">
                    {n.title || n.url}
                  </a>{' '}
                  <span class="muted">{n.site}</span>
                </h3>
                <ArticleNote url={n.url} api={api} initial={n} terms={n.matches} />
              </article>
            ))}
          </section>
        ) : null}
        {groups.map(({ article, hits }) => (
          <article key={article.url} class="group">
            <h3>
              {isBookKey(article.url) ? (
                // A book from Kindle or Readwise: no address to open, no page to draw its highlights on.
                <>
                  <span class="book-title">{article.title || t('bookUntitled')}</span>{' '}
                  <span class="book-badge muted">{t('bookNoPage')}</span>
                </>
              ) : (
                <>
                  {/* The address the user visited, in this tab (Ctrl/Cmd or middle click: a new one). */}
                  <a href={article.openUrl} rel="noreferrer">
                    {article.title || article.url}
                  </a>{' '}
                  <span class="muted">{article.site}</span>
                </>
              )}
              {article.clipped ? (
                <>
                  {' '}
                  <a class="clipping-link" href={readerPath(article.url)} target="_blank" rel="noopener">
                    {t('openClipping')}
                  </a>
                </>
              ) : null}
            </h3>
            <p class="article-facts muted">{articleFacts(article, lang).join(' · ')}</p>
            <ArticleNote
              // A note saved elsewhere meanwhile (an import, another window) shows; typed text stays a draft.
              key={`${article.url} ${article.noteUpdatedAt ?? ''}`}
              url={article.url}
              api={api}
              initial={{ note: article.note ?? '', noteUpdatedAt: article.noteUpdatedAt ?? null }}
              terms={noteTerms.get(article.url)}
            />
            <ul class="highlights">
              {hits.map((hit) => {
                const h = hit.highlight;
                return (
                  <li
                    key={h.id}
                    class="highlight"
                    style={{ borderInlineStartColor: COLOR_SWATCHES[h.color] }}
                  >
                    <label class="pick">
                      <input
                        type="checkbox"
                        checked={selected.has(h.id)}
                        aria-label={t('selectHighlight')}
                        onChange={() => toggle(h.id)}
                      />
                      <span class="quote">{h.quote.exact}</span>
                    </label>
                    {h.note ? <p class="note">{h.note}</p> : null}
                    <TagList tags={h.tags} onTag={toggleTag} active={filters.tags} />
                    <a
                      class="passage-link"
                      href={textFragmentLink(article.openUrl, h.quote)}
                      rel="noreferrer"
                      onClick={(event) => {
                        event.preventDefault();
                        api.openPassage(hit, event.ctrlKey || event.metaKey || event.shiftKey);
                      }}
                      onAuxClick={(event) => {
                        if (event.button !== 1) return;
                        event.preventDefault();
                        api.openPassage(hit, true);
                      }}
                    >
                      {t('openPassage')}
                    </a>
                  </li>
                );
              })}
            </ul>
          </article>
        ))}
        {result && result.hits.length < result.total ? (
          <button type="button" class="more" onClick={more}>
            {t('showMore')}
          </button>
        ) : null}
      </section>
    </main>
  );
}

/** An article's date (as the paper printed it, else when first highlighted), author and highlight count. */
function articleFacts(article: SearchHitRecord['article'], lang: string): string[] {
  const published = formatArticleDate(article.publishedAt, lang);
  const facts: string[] = [];
  if (published) facts.push(published);
  else if (article.createdAt) facts.push(t('firstHighlighted', formatDay(article.createdAt, lang)));
  if (article.byline) facts.push(t('cardByline', article.byline));
  facts.push(t('articleHighlightCount', String(article.count)));
  return facts;
}

/**
 * A day typed as the interface writes it (day first: 09/11/2026), not as the browser's own date picker does
 * (it follows the system's locale, whatever the interface language). ISO (2026-11-09) is understood too.
 */
function DayField({
  label,
  value,
  lang,
  onChange,
}: {
  label: string;
  value: string;
  lang: string;
  onChange(iso: string): void;
}) {
  const [text, setText] = useState(formatDayInput(value));
  const parsed = parseDayInput(text);
  const invalid = parsed === null;
  const errorId = useId();
  // The error is outside the label, so that the field's name stays its label; it describes the field instead.
  return (
    <div class="day-field">
      <label>
        {label}
        <input
          type="text"
          inputMode="numeric"
          placeholder={dayPattern(lang)}
          value={text}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          title={t('dayFieldHint', dayPattern(lang))}
          onInput={(e) => {
            const typed = e.currentTarget.value;
            setText(typed);
            // A day not (yet) understood filters nothing, rather than the last one that was.
            onChange(parseDayInput(typed) ?? '');
          }}
          onBlur={() => {
            if (parsed) setText(formatDayInput(parsed));
          }}
        />
      </label>
      {invalid ? (
        <span class="field-error" id={errorId} role="status">
          {t('dayFieldInvalid', dayPattern(lang))}
        </span>
      ) : null}
    </div>
  );
}

function groupByArticle(hits: SearchHitRecord[]) {
  const groups = new Map<string, { article: SearchHitRecord['article']; hits: SearchHitRecord[] }>();
  for (const hit of hits) {
    const group = groups.get(hit.article.url) ?? { article: hit.article, hits: [] };
    group.hits.push(hit);
    groups.set(hit.article.url, group);
  }
  return [...groups.values()];
}
