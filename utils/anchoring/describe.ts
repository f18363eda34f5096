import type { TextPositionSelector, TextQuoteSelector } from '../selectors';
import { buildTextIndex, type TextIndex } from './text-index';

/** Characters of context kept on each side of a quote, as Hypothesis does. */
export const CONTEXT_LENGTH = 32;

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Selectors for the normalised text `[start, end)` of an index, trimmed of spaces at both ends. Returns null when
 * nothing but spaces is left. Context never starts or ends halfway through a surrogate pair.
 */
export function describeOffsets(
  index: Pick<TextIndex, 'text'>,
  start: number,
  end: number,
): [TextQuoteSelector, TextPositionSelector] | null {
  const { text } = index;
  let s = Math.max(0, Math.min(start, end, text.length));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && text.charCodeAt(s) === 0x20) s++;
  while (e > s && text.charCodeAt(e - 1) === 0x20) e--;
  if (s === e) return null;
  let prefixStart = Math.max(0, s - CONTEXT_LENGTH);
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart++;
  let suffixEnd = Math.min(text.length, e + CONTEXT_LENGTH);
  if (suffixEnd < text.length && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd--;
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(s, e),
      prefix: text.slice(prefixStart, s),
      suffix: text.slice(e, suffixEnd),
    },
    { type: 'TextPositionSelector', start: s, end: e, astralBefore: astralCount(text, 0, s) },
  ];
}

/** Characters above U+FFFF (surrogate pairs) in `text[from, to)`: what UTF-16 offsets exceed code points by. */
export function astralCount(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to - 1; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      n++;
      i++;
    }
  }
  return n;
}

/**
 * Describes a DOM range under `root` as a quote selector (normalised text with up to 32 characters of context
 * each side) and a position selector (normalised offsets). Returns null when the range holds no visible text.
 * Pass `index` to reuse one built for the same, unchanged root.
 */
export function describe(
  root: Node,
  range: Range,
  index: TextIndex = buildTextIndex(root),
): [TextQuoteSelector, TextPositionSelector] | null {
  const start = index.fromDom(range.startContainer, range.startOffset);
  const end = index.fromDom(range.endContainer, range.endOffset);
  return describeOffsets(index, start, end);
}
