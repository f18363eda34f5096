/** Hooks the extension's pages share (popup, library, reader). */
import { useEffect, useState } from 'preact/hooks';

/** How long a deletion can be undone in the popup and the reader. */
export const UNDO_MS = 10_000;

/**
 * What was just deleted, offered back to the user: set it after deleting, set null once undone. It is
 * withdrawn after `expireMs` (null: it stays until undone or the page is closed).
 */
export function useUndo<T>(expireMs: number | null = UNDO_MS) {
  const [deleted, setDeleted] = useState<T | null>(null);
  useEffect(() => {
    if (deleted === null || expireMs === null) return;
    const timer = setTimeout(() => setDeleted(null), expireMs);
    return () => clearTimeout(timer);
  }, [deleted, expireMs]);
  return [deleted, setDeleted] as const;
}

/**
 * How long typing must pause before the library is searched, in the popup and on the library page. At 80 words a
 * minute keys come ~150 ms apart, so a word typed in one go costs one search (each one replaces the list shown);
 * the search itself takes milliseconds once its index is loaded (docs/benchmarks.md), so the results still come
 * soon after the pause. (The popup waited 150 ms, the library 120.)
 */
export const SEARCH_DELAY_MS = 150;

/**
 * The answer to the latest `query` (null: no search, no result), asked once typing pauses; an answer to an older
 * query is dropped. A new `search` function (e.g. after the library changed) asks again. `loading` is true from a
 * new query until its answer.
 */
export function useDebouncedSearch<R>(
  query: string | null,
  search: (query: string) => Promise<R>,
  onError: (error: unknown) => void,
) {
  const [result, setResult] = useState<R | null>(null);
  const [loading, setLoading] = useState(query !== null);
  useEffect(() => {
    if (query === null) {
      setResult(null);
      setLoading(false);
      return;
    }
    let current = true;
    setLoading(true);
    const timer = setTimeout(() => {
      search(query).then(
        (answer) => {
          if (!current) return;
          setResult(answer);
          setLoading(false);
        },
        (error) => current && onError(error),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, search, onError]);
  return { result, setResult, loading };
}
