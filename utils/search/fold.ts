/**
 * Text folding for search: case- and diacritic-insensitive comparison of Vietnamese and English text.
 * Pure functions, no DOM, safe in any context.
 */

// đ/Đ have no Unicode decomposition, so NFD alone leaves them; Ð/ð (U+00D0/U+00F0, Icelandic eth) look the same
// as Đ/đ and some Vietnamese sites and keyboards emit them, so they fold to d as well.
const D_LETTERS = /[đĐðÐ]/g;
const MARKS = /\p{M}+/gu;
// A token is a letter or digit followed by letters, digits or combining marks (so NFD input stays one token).
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Lower-case, strip diacritics (NFD, drop combining marks, đ→d) and collapse whitespace: "Tổ  Chức" → "to chuc". */
export function foldText(s: string): string {
  return foldToken(s).replace(/\s+/g, ' ').trim();
}

/** `foldText` without the whitespace pass, for strings already known to be one token. */
export function foldToken(s: string): string {
  return s.normalize('NFD').replace(MARKS, '').replace(D_LETTERS, 'd').toLowerCase();
}

/**
 * The accent-keeping key of a token: NFC and lower-case, so "Tổ" typed as NFD or NFC gives the same key.
 * The index keeps it beside the folded form to rank exact-diacritic matches first ("bán" before "bạn").
 */
export function exactToken(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

/** True when folding changes more than case, i.e. the user typed diacritics (or đ) on purpose. */
export function hasDiacritics(s: string): boolean {
  return foldToken(s) !== exactToken(s);
}

/** A token of the original text with its offsets (UTF-16, into the string that was tokenised). */
export interface Token {
  /** Folded form, the one the index compares. */
  folded: string;
  start: number;
  end: number;
}

/** Splits text into word tokens, keeping offsets into the original (NFC or NFD) string for highlighting. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    out.push({ folded: foldToken(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The key a tag is compared by: folded words joined by one space, so tag:kinh-te finds "Kinh tế". */
export function foldTag(tag: string): string {
  return tokenStrings(foldToken(tag)).join(' ');
}

/** The raw token strings of a text, without folding (the index folds each distinct token once). */
export function tokenStrings(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Where folded search terms occur in an original text, as [start, end) ranges for the UI to mark.
 * A term ending in `*` matches as a prefix (the last word the user is still typing).
 */
export function matchRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const t of terms) {
    if (t.endsWith('*')) prefixes.push(t.slice(0, -1));
    else exact.add(t);
  }
  const ranges: Array<[number, number]> = [];
  for (const tok of tokenize(text)) {
    if (exact.has(tok.folded) || prefixes.some((p) => tok.folded.startsWith(p))) {
      ranges.push([tok.start, tok.end]);
    }
  }
  return ranges;
}
