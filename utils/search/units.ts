/**
 * The query's required words as units: each folded word with the index terms it matches (several for the
 * word being typed), and the exact form to reward when the user typed diacritics.
 */
import type { ParsedQuery, QueryTerm } from './query';
import type { Store } from './store';

/** A completion of the word being typed counts less than the word itself. */
const PREFIX_WEIGHT = 0.6;
const MAX_EXPANSIONS = 100;

/** One required word: the folded terms it matches (several for a prefix), their weights, its exact form. */
export interface Unit {
  ids: number[];
  weights: number[];
  /** Exact-token id to reward when the user typed diacritics; -1 when they did not (-2: typed, never seen). */
  exact: number;
  /** Part of the query's first phrase: its fields are tracked, so phrase checks skip fields that lack a word. */
  phrase: boolean;
}

export const unitKey = (t: QueryTerm): string => `${t.folded}${t.prefix ? '*' : ''}`;

/** The query's required words as units by key, or undefined when one occurs nowhere (nothing can match). */
export function toUnits(s: Store, q: ParsedQuery): Map<string, Unit> | undefined {
  const units = new Map<string, Unit>();
  for (const t of [...q.terms, ...q.phrases.flat()]) {
    const key = unitKey(t);
    if (units.has(key)) continue;
    const ids: number[] = [];
    const weights: number[] = [];
    const own = s.foldIds.get(t.folded);
    if (own !== undefined) {
      ids.push(own);
      weights.push(1);
    }
    // One letter would expand to a good part of the dictionary; wait for the second.
    if (t.prefix && t.folded.length >= 2) {
      const more: number[] = [];
      s.foldTerms.forEach((term, f) => {
        if (f !== own && term.startsWith(t.folded)) more.push(f);
      });
      more.sort((a, b) => (s.df[b] as number) - (s.df[a] as number) || a - b); // the commonest completions
      for (const f of more.slice(0, MAX_EXPANSIONS)) {
        ids.push(f);
        weights.push(PREFIX_WEIGHT);
      }
    }
    if (!ids.length) return undefined;
    const exact = t.exact === t.folded ? -1 : (s.exactIds.get(t.exact) ?? -2);
    const phrase = (q.phrases.find((p) => p.length > 1) ?? []).some((p) => unitKey(p) === key);
    units.set(key, { ids, weights, exact, phrase });
  }
  return units;
}

/**
 * Live docs a unit will visit; titles count more since each expands to all of a page's highlights. Live
 * counts, not list lengths, so an index and its restored copy (no tombstones) sum scores in the same order.
 */
export function estimate(s: Store, u: Unit): number {
  return u.ids.reduce((sum, f) => sum + (s.df[f] as number) + (s.tdf[f] as number) * 20, 0);
}
