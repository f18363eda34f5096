/**
 * The search box's query language: words, "quoted phrases", -exclusions and filters (tag:, site:, color:,
 * after:, before:, until:, date:, and their Vietnamese names thẻ:, trang:, màu:, từ:/sau:, trước:, đến:, ngày:). Parsing never throws: whatever is not understood is searched as plain words,
 * so a user is never told their query is "invalid".
 */
import { HIGHLIGHT_COLORS, type HighlightColor } from '../colors';
import { exactToken, foldTag, foldText, foldToken, tokenStrings } from './fold';

/** One word to match: folded for comparison, the typed form kept to rank exact-diacritic matches first. */
export interface QueryTerm {
  folded: string;
  /** NFC lower-case as typed; equals `folded` when the user typed no diacritics. */
  exact: string;
  /** Match as a prefix (the last word, still being typed). */
  prefix: boolean;
}

export interface QueryFilters {
  /** Folded tags; a highlight must carry all of them. */
  tags: string[];
  notTags: string[];
  /**
   * Hosts or their beginnings (lower-case, punycode, no "www."): a highlight's page must be on a host that has
   * one of them at the start of a label (`baonamdinh` → baonamdinh.vn; `baonamdinh.vn` → its subdomains too).
   */
  sites: string[];
  notSites: string[];
  /** Any of these colours. */
  colors: HighlightColor[];
  notColors: HighlightColor[];
  /** createdAt ≥ after (ms since epoch, local midnight). */
  after?: number;
  /** createdAt < before. */
  before?: number;
}

export interface ParsedQuery {
  /** Words that must all occur, each in any field. */
  terms: QueryTerm[];
  /** Quoted phrases and joined words ("covid-19"): tokens that must occur adjacent and in order. */
  phrases: QueryTerm[][];
  /** -word / -"phrase": folded token sequences; a highlight containing one is dropped. */
  exclude: string[][];
  filters: QueryFilters;
  /** Things that looked like filters but were not understood (searched as words instead). */
  warnings: string[];
}

const MAX_QUERY = 1000;
const MAX_PARTS = 32;
/**
 * The filter names, folded as the typed name is (case, accents and đ ignored): so the Vietnamese names work
 * typed with or without their marks — `thẻ:` or `the:`, `trang:`, `màu:` or `mau:`, `từ:`, `đến:` or `den:`.
 */
const KEYS: Record<string, 'tag' | 'site' | 'color' | 'after' | 'before' | 'until' | 'date'> = {
  tag: 'tag',
  the: 'tag', // thẻ
  site: 'site',
  trang: 'site', // trang (web)
  color: 'color',
  colour: 'color',
  mau: 'color', // màu
  after: 'after',
  tu: 'after', // từ (from, the day included)
  sau: 'after', // sau (after)
  before: 'before',
  truoc: 'before', // trước
  until: 'until', // inclusive, for date pickers: until:2026-01-31 is before:2026-02-01
  den: 'until', // đến (until, the day included)
  date: 'date',
  ngay: 'date', // ngày
};

/** The colours' Vietnamese names, folded (`màu:vàng`, `màu:"xanh lá"`, `mau:xanh-duong`). */
const COLOR_NAMES_VI: Record<string, HighlightColor> = {
  vang: 'yellow',
  'xanh la': 'green',
  'xanh duong': 'blue',
  hong: 'pink',
  tim: 'purple',
};

/** Parses a query string. Never throws; an empty or garbage string gives an empty query. */
export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = {
    terms: [],
    phrases: [],
    exclude: [],
    filters: { tags: [], notTags: [], sites: [], notSites: [], colors: [], notColors: [] },
    warnings: [],
  };
  if (typeof input !== 'string') return q;
  // Smart quotes come from phone and macOS keyboards; treat them as the ASCII quote.
  const text = input
    .slice(0, MAX_QUERY)
    .normalize('NFC')
    .replace(/[“”„‟«»]/g, '"');
  let parts = 0;
  let lastWasWord = false;
  for (const { negated, key, value, quoted } of scan(text)) {
    if (parts++ >= MAX_PARTS) break;
    lastWasWord = false;
    if (key !== undefined && applyFilter(q, key, value, negated)) continue;
    const words = tokenStrings(key === undefined ? value : `${key} ${value}`);
    if (key !== undefined) q.warnings.push(`${key}:${value}`);
    if (words.length === 0) continue;
    if (negated) q.exclude.push(words.map(foldToken));
    else if (words.length === 1 && !quoted && key === undefined) {
      q.terms.push(term(words[0] as string));
      lastWasWord = true;
    } else q.phrases.push(words.map(term));
  }
  // The last bare word is still being typed unless the query ends with a space.
  const last = q.terms.at(-1);
  if (last && lastWasWord && !/\s$/.test(text)) last.prefix = true;
  return q;
}

function term(word: string): QueryTerm {
  return { folded: foldToken(word), exact: exactToken(word), prefix: false };
}

interface Part {
  negated: boolean;
  key?: string;
  value: string;
  quoted: boolean;
}

/** Splits the query into parts: `-`? then `"phrase"`, `key:value`, `key:"value"` or a bare word. */
function* scan(text: string): Generator<Part> {
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) return;
    let negated = false;
    if (text[i] === '-' && i + 1 < text.length && !/\s/.test(text[i + 1] as string)) {
      negated = true;
      i++;
    }
    if (text[i] === '"') {
      const end = closing(text, i + 1);
      yield { negated, value: text.slice(i + 1, end), quoted: true };
      i = end + 1;
      continue;
    }
    const m = /^([\p{L}]+):(?=\S)/u.exec(text.slice(i));
    if (m?.[1] && KEYS[foldToken(m[1])]) {
      const key = foldToken(m[1]);
      i += m[0].length;
      if (text[i] === '"') {
        const end = closing(text, i + 1);
        yield { negated, key, value: text.slice(i + 1, end), quoted: true };
        i = end + 1;
      } else {
        const end = wordEnd(text, i);
        yield { negated, key, value: text.slice(i, end), quoted: false };
        i = end;
      }
      continue;
    }
    const end = wordEnd(text, i);
    yield { negated, value: text.slice(i, end), quoted: false };
    i = end;
  }
}

function closing(text: string, from: number): number {
  const end = text.indexOf('"', from);
  return end === -1 ? text.length : end;
}

function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !/\s/.test(text[i] as string)) i++;
  return i;
}

/** Applies a known filter; false when its value is not understood (the caller searches it as words). */
function applyFilter(q: ParsedQuery, key: string, raw: string, negated: boolean): boolean {
  const f = q.filters;
  const value = raw.trim();
  if (!value) return false;
  switch (KEYS[key]) {
    case 'tag': {
      const tag = foldTag(value);
      if (!tag) return false;
      (negated ? f.notTags : f.tags).push(tag);
      return true;
    }
    case 'site': {
      const host = parseHost(value);
      if (!host) return false;
      (negated ? f.notSites : f.sites).push(host);
      return true;
    }
    case 'color': {
      const name = foldText(value).replace(/[\s_-]+/g, ' ');
      const color = HIGHLIGHT_COLORS.find((c) => c === name) ?? COLOR_NAMES_VI[name];
      if (!color) return false;
      (negated ? f.notColors : f.colors).push(color);
      return true;
    }
    default: {
      const range = parseDateRange(value);
      if (!range || negated) return false;
      const [start, end] = range;
      const kind = KEYS[key];
      if (kind === 'after' || kind === 'date') f.after = Math.max(f.after ?? start, start);
      if (kind === 'before') f.before = Math.min(f.before ?? start, start);
      if (kind === 'date' || kind === 'until') f.before = Math.min(f.before ?? end, end);
      return true;
    }
  }
}

/** "https://www.Báo.vn/x" → punycode host without www./m./amp.; undefined if not a host. */
export function parseHost(value: string): string | undefined {
  try {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    // Mobile and AMP variants are the same site, as the library stores it (utils/url.ts `siteOf`).
    const host = new URL(withScheme).hostname.replace(/^(www|m|amp)\./, '').replace(/\.$/, '');
    return host && /^[a-z0-9.-]+$/.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A local-time range [start, end) for "2026", "2026-11", "2026-11-05" (also with /) or the Vietnamese
 * day-first "05/11/2026" and "11/2026". Undefined when it is not a real date.
 */
export function parseDateRange(value: string): [number, number] | undefined {
  let y: number;
  let m: number | undefined;
  let d: number | undefined;
  const iso = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(value);
  const dayFirst = /^(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})$/.exec(value);
  if (iso) {
    [y, m, d] = [Number(iso[1]), num(iso[2]), num(iso[3])];
  } else if (dayFirst) {
    [d, m, y] = [num(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  } else {
    return undefined;
  }
  if (m !== undefined && (m < 1 || m > 12)) return undefined;
  const start = new Date(y, (m ?? 1) - 1, d ?? 1);
  if (d !== undefined && start.getDate() !== d) return undefined; // 31/02 rolls over: reject it
  const end = new Date(y, m === undefined ? 12 : d === undefined ? m : m - 1, d === undefined ? 1 : d + 1);
  return [start.getTime(), end.getTime()];
}

function num(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}
