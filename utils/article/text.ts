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

// A word is a run of letters/digits; Han and kana count one per character, as their scripts have no spaces.
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;

/** Lower-cased word tokens of a text (Vietnamese syllables count one each, as their spaces say). */
export function tokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

/** Number of words in a text; see `tokens`. */
export function countWords(text: string): number {
  return tokens(text).length;
}

/** A shortened text for excerpts: whole words, at most `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
