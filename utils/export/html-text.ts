/**
 * Highlights marked in a clipping's plain text, for the HTML export. Quotes were measured on the live page
 * (whitespace collapsed, sometimes none between two blocks), so they are looked up ignoring whitespace;
 * a quote found more than once is placed where its prefix and suffix fit best.
 */
import type { Highlight } from '../schema';
import { escapeHtml } from './html-escape';

interface Placed {
  start: number;
  end: number;
  highlight: Highlight;
  n: number;
}

export interface MarkedText {
  /** `<p>` per block, highlights as `<mark>`, each followed by a link to its numbered note. */
  html: string;
  /** Ids of the highlights found in the text. */
  found: Set<string>;
}

const strip = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

/** Marks `highlights` (numbered by `numberOf`, id → n) in `text`; blocks are separated by a blank line. */
export function markClipping(
  text: string,
  highlights: readonly Highlight[],
  numberOf: ReadonlyMap<string, number>,
): MarkedText {
  const flat = text
    .normalize('NFC')
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  // The text without whitespace, and where each of its characters is in `flat`.
  const pos: number[] = [];
  const chars: string[] = [];
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i] as string;
    if (c !== ' ' && c !== '\n') {
      chars.push(c);
      pos.push(i);
    }
  }
  const bare = chars.join('');
  const placed: Placed[] = [];
  for (const highlight of [...highlights].sort((a, b) => a.createdAt - b.createdAt)) {
    const q = strip(highlight.quote.exact);
    const at = q ? bestOccurrence(bare, q, strip(highlight.quote.prefix), strip(highlight.quote.suffix)) : -1;
    if (at < 0) continue;
    const n = numberOf.get(highlight.id) ?? 0;
    placed.push({ start: pos[at] as number, end: (pos[at + q.length - 1] as number) + 1, highlight, n });
  }
  return { html: render(flat, placed), found: new Set(placed.map((p) => p.highlight.id)) };
}

function bestOccurrence(bare: string, quote: string, prefix: string, suffix: string): number {
  let best = -1;
  let bestScore = -1;
  for (
    let i = bare.indexOf(quote), tries = 0;
    i >= 0 && tries < 100;
    i = bare.indexOf(quote, i + 1), tries++
  ) {
    const before = bare.slice(Math.max(0, i - prefix.length), i);
    const after = bare.slice(i + quote.length, i + quote.length + suffix.length);
    const score = commonSuffix(before, prefix) + commonPrefix(after, suffix);
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** Cuts the text at every highlight edge and block break; each piece takes the colour of the newest mark. */
function render(flat: string, placed: readonly Placed[]): string {
  const cuts = new Set([0, flat.length]);
  for (const p of placed) cuts.add(p.start).add(p.end);
  for (let i = flat.indexOf('\n'); i >= 0; i = flat.indexOf('\n', i + 1)) cuts.add(i).add(i + 1);
  const points = [...cuts].sort((a, b) => a - b);
  let html = '<p>';
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k] as number;
    const b = points[k + 1] as number;
    const piece = flat.slice(a, b);
    if (piece === '\n') {
      html += '</p>\n<p>';
      continue;
    }
    const top = placed.filter((p) => p.start <= a && p.end >= b).at(-1);
    html += top ? `<mark class="c-${top.highlight.color}">${escapeHtml(piece)}</mark>` : escapeHtml(piece);
    for (const p of placed) {
      if (p.end === b) html += `<a class="ref" id="r${p.n}" href="#n${p.n}">${p.n}</a>`;
    }
  }
  return `${html}</p>`;
}
