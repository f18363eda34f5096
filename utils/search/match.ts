/**
 * Checks on one doc's forward tokens: phrases (adjacent, in order), exact tokens, and which query terms each
 * field holds. These run on candidates only, after the postings narrowed them.
 */
import { SEP, type Store } from './store';
import type { SearchField, SearchHit } from './types';

/**
 * A phrase compiled for matching: bit j of `mask[e]` is set when exact token e may stand at position j (its
 * folded term is one of those allowed there). One table lookup per token instead of a fold and a set test.
 */
export interface Sequence {
  mask: Uint32Array;
  length: number;
}

/** Compiles allowed folded term ids per position (one for a typed word, several for a prefix); max 32 positions. */
export function compileSequence(s: Store, allowed: number[][]): Sequence {
  const positions = allowed.slice(0, 32);
  const mask = new Uint32Array(s.exactTerms.length);
  const bits = new Map<number, number>();
  positions.forEach((ids, j) => {
    for (const f of ids) bits.set(f, (bits.get(f) ?? 0) | (1 << j));
  });
  for (let e = 0; e < mask.length; e++) mask[e] = bits.get(s.foldOf[e] as number) ?? 0;
  return { mask, length: positions.length };
}

/** The doc's fields as [pool, start, length, field], title from its article. */
function segments(s: Store, d: number): Array<[Uint16Array | Int32Array, number, number, SearchField]> {
  const start = s.docStart[d] as number;
  const q = s.docLens[3 * d] as number;
  const n = s.docLens[3 * d + 1] as number;
  const a = s.docArt[d] as number;
  return [
    [s.pool, start, q, 'quote'],
    [s.titlePool, s.artStart[a] as number, s.artLen[a] as number, 'title'],
    [s.pool, start + q + n, s.docLens[3 * d + 2] as number, 'tags'],
    [s.pool, start + q, n, 'note'],
  ];
}

/** Field bits, for the fields a query word was found in. */
export const FIELD_BITS = { quote: 1, note: 2, tags: 4, title: 8 } as const;
export const ALL_FIELDS = 15;

/**
 * True when some field of doc `d` has tokens matching `seq` adjacent and in order (never across two tags).
 * Only the fields in `fields` are scanned: those known to hold every word of the phrase.
 */
export function hasSequence(s: Store, d: number, seq: Sequence, fields: number = ALL_FIELDS): boolean {
  const start = s.docStart[d] as number;
  const q = s.docLens[3 * d] as number;
  const n = s.docLens[3 * d + 1] as number;
  const a = s.docArt[d] as number;
  // Short fields first: a match there saves scanning the quote.
  return (
    (fields & FIELD_BITS.tags && runHas(s.pool, start + q + n, s.docLens[3 * d + 2] as number, seq)) ||
    (fields & FIELD_BITS.title && runHas(s.titlePool, s.artStart[a] as number, s.artLen[a] as number, seq)) ||
    (fields & FIELD_BITS.note && runHas(s.pool, start + q, n, seq)) ||
    (fields & FIELD_BITS.quote && runHas(s.pool, start, q, seq)) ||
    false
  );
}

function runHas(
  pool: Uint16Array | Int32Array,
  start: number,
  len: number,
  { mask, length }: Sequence,
): boolean {
  const last = start + len - length;
  for (let i = start; i <= last; i++) {
    let j = 0;
    while (j < length) {
      const e = pool[i + j] as number;
      if ((((mask[e] as number) >>> j) & 1) === 0) break; // mask[SEP] is 0: nothing matches across tags
      j++;
    }
    if (j === length) return true;
  }
  return false;
}

/** True when doc `d` holds exact token `id` (accents as typed) in any field. */
export function hasExact(s: Store, d: number, id: number): boolean {
  return segments(s, d).some(([pool, start, len]) => {
    for (let i = start; i < start + len; i++) if (pool[i] === id) return true;
    return false;
  });
}

/** Per field, the folded terms of `wanted` that doc `d` contains, for the UI to mark. */
export function fieldMatches(s: Store, d: number, wanted: Set<number>): SearchHit['matches'] {
  const out: SearchHit['matches'] = {};
  for (const [pool, start, len, field] of segments(s, d)) {
    const terms = new Set<string>();
    for (let i = start; i < start + len; i++) {
      const e = pool[i] as number;
      const f = e === SEP ? -1 : (s.foldOf[e] as number);
      if (wanted.has(f)) terms.add(s.foldTerms[f] as string);
    }
    if (terms.size) out[field] = [...terms];
  }
  return out;
}
