/**
 * Deep links to a passage: the article's address with a URL text fragment (`#:~:text=`, WICG "Text
 * Fragments", in Chromium and Firefox ≥ 131, Safari ≥ 16.1), which opens the page scrolled to the passage
 * and marks it. Written by the Markdown, RIS and Hypothesis exports.
 *
 *   #:~:text=[prefix-,]textStart[,textEnd][,-suffix]
 *
 * Each part is percent-encoded with `encodeURIComponent` and, besides, `-` (it marks prefix and suffix),
 * so `&`, `,`, `-`, `#`, `%` and spaces in the text never break the directive. A short quote is the
 * `textStart` alone; a long one its first and last words, so the link stays short and still spans the
 * passage. Context (a few whole words of the quote's prefix and suffix) picks the right one of several
 * occurrences. The browser matches whole words, ignoring case and collapsed whitespace; a page edited since
 * may no longer hold the passage, and then the link opens the page at its top.
 */
import type { TextQuoteSelector } from '../selectors';

/** Words of a quote written whole; longer quotes become a start and an end of this many words each. */
const WHOLE_WORDS = 8;
const END_WORDS = 4;
/** Words of context on each side. */
const CONTEXT_WORDS = 3;
/** Context this long was cut (32 characters, one less where a surrogate pair was not split). */
const CUT = 31;

/** Percent-encodes one part of a text directive. */
export function encodeFragmentText(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}

const words = (text: string) => text.normalize('NFC').split(/\s+/).filter(Boolean);

/**
 * `url` with a text fragment for `quote`. An existing fragment is kept (`#section:~:text=…`), an existing
 * text directive replaced. A URL that does not parse is returned as it is.
 */
export function textFragmentLink(
  url: string,
  quote: Pick<TextQuoteSelector, 'exact'> & Partial<TextQuoteSelector>,
): string {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return url;
  }
  const exact = words(quote.exact);
  if (exact.length === 0) return href;
  const parts: string[] = [];
  // The context's outer word may be cut (the prefix is the last 32 characters before the quote): dropped.
  const prefix = words(quote.prefix ?? '');
  if (/^\S/.test(quote.prefix ?? '') && prefix.length > 0 && (quote.prefix ?? '').length >= CUT)
    prefix.shift();
  const suffix = words(quote.suffix ?? '');
  if (/\S$/.test(quote.suffix ?? '') && suffix.length > 0 && (quote.suffix ?? '').length >= CUT) suffix.pop();
  const before = prefix.slice(-CONTEXT_WORDS).join(' ');
  const after = suffix.slice(0, CONTEXT_WORDS).join(' ');
  // Context only when it is separated from the quote by a space: a quote that starts or ends inside a word
  // cannot have word-bounded context on that side.
  if (before && /\s$/.test(quote.prefix ?? '')) parts.push(`${encodeFragmentText(before)}-`);
  if (exact.length <= WHOLE_WORDS) parts.push(encodeFragmentText(exact.join(' ')));
  else {
    parts.push(encodeFragmentText(exact.slice(0, END_WORDS).join(' ')));
    parts.push(encodeFragmentText(exact.slice(-END_WORDS).join(' ')));
  }
  if (after && /^\s/.test(quote.suffix ?? '')) parts.push(`-${encodeFragmentText(after)}`);
  const hash = href.indexOf('#');
  const base = hash < 0 ? `${href}#` : href.slice(0, hash + 1) + href.slice(hash + 1).split(':~:')[0];
  return `${base}:~:text=${parts.join(',')}`;
}

/** The parts of a text directive decoded (for tests and readers): prefix, start, end, suffix. */
export function parseTextDirective(link: string): {
  prefix: string | null;
  start: string;
  end: string | null;
  suffix: string | null;
} | null {
  const m = /:~:text=([^&]*)/.exec(link);
  if (!m) return null;
  const parts = (m[1] as string).split(',');
  const prefix = parts[0]?.endsWith('-') ? (parts.shift() as string).slice(0, -1) : null;
  const suffix = parts.at(-1)?.startsWith('-') ? (parts.pop() as string).slice(1) : null;
  const [start = '', end = null] = parts;
  const dec = (s: string | null) => (s === null ? null : decodeURIComponent(s));
  return { prefix: dec(prefix), start: dec(start) as string, end: dec(end), suffix: dec(suffix) };
}
