/**
 * Query evaluation: every word must match (in any field, diacritics folded), then filters, phrases and
 * exclusions narrow the candidates, then BM25F ranks them (bm25.ts); the best few get an adjacency and an
 * exact-diacritic bonus. Ties go to the newer highlight.
 */
import { intersect, scratch, seedDocs } from './bm25';
import { compileFilter } from './filters';
import { ALL_FIELDS, compileSequence, fieldMatches, hasExact, hasSequence, type Sequence } from './match';
import { type ParsedQuery, parseQuery } from './query';
import type { Store } from './store';
import { TopK } from './topk';
import type { SearchHit, SearchOptions, SearchResult } from './types';
import { toUnits, type Unit, unitKey } from './units';

/**
 * Bonuses for the best RESCORE candidates: words adjacent in query order; diacritics as typed. The latter is
 * large because a user who types "bán" (sell) means it, not "bạn" (friend), which folds to the same "ban".
 */
const ADJACENT_BONUS = 0.3;
const EXACT_BONUS = 1;
const RESCORE = 200;

export function runSearch(s: Store, input: string, opts: SearchOptions = {}): SearchResult {
  const query = parseQuery(input);
  if (opts.prefix === false) for (const t of query.terms) t.prefix = false;
  const limit = Math.max(0, Math.min(opts.limit ?? 50, 1000));
  const offset = Math.max(0, opts.offset ?? 0);
  const byKey = toUnits(s, query);
  if (!byKey) return { hits: [], total: 0, query };
  const units = [...byKey.values()];
  const sc = scratch(s);
  const filter = compileFilter(s, query);
  const phrases: Sequence[] = query.phrases
    .filter((p) => p.length > 1)
    .map((p) =>
      compileSequence(
        s,
        p.map((t) => [s.foldIds.get(t.folded) ?? -1]),
      ),
    );
  const excluded: Sequence[] = query.exclude
    .filter((w) => w.length > 1) // single words are in the filter
    .map((w) => w.map((t) => s.foldIds.get(t) ?? -1))
    .filter((ids) => !ids.includes(-1)) // a phrase with an unknown word excludes nothing
    .map((ids) =>
      compileSequence(
        s,
        ids.map((f) => [f]),
      ),
    );
  const seed = units.length ? intersect(s, units, sc) : seedDocs(s, filter.seed, sc);
  const top = new TopK(Math.max(RESCORE, offset + limit), s.docCreated);
  let total = 0;
  // Plain loops and local names: this runs for every candidate (tens of thousands for common words).
  const has = hasSequence;
  const all = ALL_FIELDS;
  const { phraseFields } = sc;
  const test = filter.none ? null : filter.test; // most queries filter nothing: no call per candidate
  candidates: for (let i = 0; i < seed.length; i++) {
    const d = seed[i] as number;
    if (test !== null && !test(d)) continue;
    for (let k = 0; k < phrases.length; k++) {
      if (!has(s, d, phrases[k] as Sequence, k ? all : (phraseFields[d] as number))) continue candidates;
    }
    for (let k = 0; k < excluded.length; k++)
      if (has(s, d, excluded[k] as Sequence, all)) continue candidates;
    total++;
    top.offer(d, sc.score[d] as number);
  }
  const best = top.take();
  rescore(s, query, byKey, best, sc.score);
  const score = (d: number) => sc.score[d] as number;
  const created = (d: number) => s.docCreated[d] as number;
  best.sort((a, b) => score(b) - score(a) || created(b) - created(a));
  const wanted = new Set(units.flatMap((u) => u.ids));
  const hits: SearchHit[] = best.slice(offset, offset + limit).map((d) => ({
    id: s.id(d),
    score: score(d),
    createdAt: created(d),
    matches: fieldMatches(s, d, wanted),
  }));
  return { hits, total, query };
}

/** Bonuses for the best candidates: bare words adjacent in query order; words found with the typed diacritics. */
function rescore(
  s: Store,
  q: ParsedQuery,
  units: Map<string, Unit>,
  best: number[],
  score: Float64Array,
): void {
  const seq =
    q.terms.length >= 2
      ? compileSequence(
          s,
          q.terms.map((t) => units.get(unitKey(t))?.ids ?? []),
        )
      : undefined;
  const accented = [...units.values()].filter((u) => u.exact !== -1);
  for (const d of best) {
    let factor = seq && hasSequence(s, d, seq) ? 1 + ADJACENT_BONUS : 1;
    if (accented.length) {
      const found = accented.filter((u) => u.exact >= 0 && hasExact(s, d, u.exact)).length;
      factor *= 1 + (EXACT_BONUS * found) / accented.length;
    }
    score[d] = (score[d] as number) * factor;
  }
}
