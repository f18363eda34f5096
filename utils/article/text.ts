/** Plain-text helpers shared by detection and extraction. All output is NFC. */

/** NFC with runs of white space (including no-break spaces) collapsed to one space, trimmed. */
export function cleanText(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFC')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'TD',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG']);

/**
 * The text of `root` with one blank line between blocks (paragraphs, headings, list items, table cells),
 * spaces collapsed inside them, NFC. Used for `Article.text`, so searches and quotes match the page.
 */
export function blockText(root: Node): string {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const line = cleanText(current);
    if (line) blocks.push(line);
    current = '';
  };
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) current += child.nodeValue ?? '';
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName.toUpperCase();
        if (SKIP.has(tag)) continue;
        const block = BLOCK.has(tag);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(root);
  flush();
  return blocks.join('\n\n');
}

/**
 * How much prose a text holds, in Latin-script characters' worth: its length with white space collapsed, where a
 * Han character counts 3 and a kana or Hangul syllable 2. Scripts written with few or no spaces carry a word in
 * fewer characters — a Chinese word is 1–2 characters, an English word with its space about 6 — so a length
 * counted in code units would call a Chinese or Japanese article "little prose". The weights are the usual
 * character ratios of translated text (English : Chinese ≈ 3–4, English : Japanese or Korean ≈ 2–2.5). Thai,
 * Lao, Khmer and Burmese run their words together too but spell them with letters: a word of about five,
 * marks included, against six for an English word and its space, so they count 1.25. No segmenter runs, so
 * this stays cheap enough for detection on every page.
 */
export function proseLength(text: string): number {
  let length = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 0xa0) {
      if (!space) length++;
      space = true;
      continue;
    }
    space = false;
    // CJK ideographs (unified, extension A) 3; kana and Hangul 2; Thai, Lao, Burmese, Khmer 1.25.
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) length += 3;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af)) length += 2;
    else if ((c >= 0x0e00 && c <= 0x0eff) || (c >= 0x1000 && c <= 0x109f) || (c >= 0x1780 && c <= 0x17ff))
      length += 1.25;
    else length++;
  }
  return Math.round(space && length > 0 ? length - 1 : length);
}

// A word is a run of letters/digits; Han and kana count one per character, as their scripts have no spaces.
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;

/** Lower-cased word tokens of a text (Vietnamese syllables count one each, as their spaces say). */
export function tokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

// Scripts that write words without spaces between them, and spell them with letters (not one per character).
const UNSPACED = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]/;

/**
 * Number of words in a text; see `tokens`. Thai, Lao, Burmese and Khmer words are found by the word segmenter
 * (`Intl.Segmenter`), as nothing else marks where they end.
 */
export function countWords(text: string): number {
  if (!UNSPACED.test(text) || typeof Intl.Segmenter !== 'function') return tokens(text).length;
  let count = 0;
  for (const part of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text.normalize('NFC')))
    if (part.isWordLike) count++;
  return count;
}

/** A shortened text for excerpts: whole words, at most `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
