/**
 * The anchoring benchmark's page: a long news article (~1 MB of text by default) as a model — paragraphs of
 * plain text with inline <a>/<b> spans — rendered to HTML, with quotes chosen on it and three versions of the
 * page they are re-anchored on. Quotes are kept as (paragraph, offsets) in the model, so the ground truth of
 * every version is known exactly, whatever each anchorer's own text coordinates are.
 */
import { between, pick, type Random, replacementFor, rng, STOCK, sentence } from './article-words';

interface Span {
  start: number;
  end: number;
  tag: 'a' | 'b';
}
interface Paragraph {
  key: number;
  text: string;
  spans: Span[];
  heading?: string;
}
/** Where a quote is: the `p`-th `article p` element of the page, text offsets within its textContent. */
export interface Truth {
  p: number;
  start: number;
  end: number;
}
export type ScenarioId = 'exact' | 'edited' | 'inserted';
export interface PageVersion {
  html: string;
  truth: Truth[];
  /** Per quote: the page changed a word inside it. */
  edited: boolean[];
}
export interface BenchPage {
  /** The page the quotes were made on. */
  original: PageVersion;
  /** (a) unchanged, (b) a word changed in `editedShare` of the quotes, (c) a paragraph inserted near the top. */
  versions: Record<ScenarioId, PageVersion>;
  paragraphs: number;
  /** Quotes that are a whole stock sentence, so they occur many times on the page. */
  repeatedQuotes: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function paragraph(r: Random, key: number, sentences: number): Paragraph {
  const parts = Array.from({ length: sentences }, () => sentence(r));
  if (r() < 0.15) parts.splice(between(r, 0, parts.length), 0, pick(r, STOCK));
  const text = parts.join(' ');
  const spans: Span[] = [];
  const starts = wordStarts(text);
  for (let n = r() < 0.35 ? between(r, 1, 2) : 0; n > 0; n--) {
    const i = between(r, 0, starts.length - 6);
    const start = starts[i] ?? 0;
    const end = (starts[i + between(r, 1, 5)] ?? text.length + 1) - 1; // up to the space before the next word
    if (spans.every((s) => end < s.start || start > s.end))
      spans.push({ start, end, tag: r() < 0.6 ? 'a' : 'b' });
  }
  spans.sort((a, b) => a.start - b.start);
  return { key, text, spans, ...(r() < 0.05 ? { heading: sentence(r).slice(0, 70) } : {}) };
}

function shuffle(r: Random, xs: number[]): number[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = between(r, 0, i);
    [xs[i], xs[j]] = [xs[j] as number, xs[i] as number];
  }
  return xs;
}

function wordStarts(text: string): number[] {
  const starts = [0];
  for (let i = 1; i < text.length; i++) if (text[i - 1] === ' ') starts.push(i);
  return starts;
}

function renderParagraph(p: Paragraph): string {
  let out = '';
  let at = 0;
  for (const s of p.spans) {
    const inner = esc(p.text.slice(s.start, s.end));
    out += esc(p.text.slice(at, s.start));
    out += s.tag === 'a' ? `<a href="/tin/${p.key}-${s.start}.html">${inner}</a>` : `<b>${inner}</b>`;
    at = s.end;
  }
  const head = p.heading ? `      <h2>${esc(p.heading)}</h2>\n` : '';
  const figure =
    p.key % 40 === 39
      ? `      <figure><figcaption>Ảnh: ${esc(p.text.slice(0, 60))}</figcaption></figure>\n`
      : '';
  return `${head}      <p>${out}${esc(p.text.slice(at))}</p>\n${figure}`;
}

/** Header, navigation, an inline config script (part of textContent, skipped by our index) and footer. */
function render(paragraphs: Paragraph[], chrome: { nav: string; script: string; footer: string }): string {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động</title>
<style>body{font:17px/1.6 Georgia,serif;max-width:760px;margin:0 auto;padding:0 16px}</style></head>
<body>
  <header><nav>${chrome.nav}</nav></header>
  <script>window.__SITE__ = ${chrome.script};</script>
  <main>
    <h1>Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động</h1>
    <p class="sapo">Sau hơn ba tháng xây dựng, lò sấy lúa của Hợp tác xã Đồng Tiến chính thức đi vào hoạt động.</p>
    <article>
${paragraphs.map(renderParagraph).join('')}    </article>
  </main>
  <footer>${chrome.footer}</footer>
</body>
</html>
`;
}

/** Picks a quote in paragraph `p`: a stock sentence it contains (half the time), else 40–300 characters. */
function chooseQuote(r: Random, p: Paragraph): { start: number; end: number } {
  const stock = STOCK.find((s) => p.text.includes(s));
  if (stock && r() < 0.5) {
    const start = p.text.indexOf(stock);
    return { start, end: start + stock.length };
  }
  const length = 40 + Math.floor(260 * r() ** 2);
  const starts = wordStarts(p.text).filter((s) => s + length <= p.text.length);
  const start = starts.length > 0 ? pick(r, starts) : 0;
  const space = p.text.indexOf(' ', start + length);
  return { start, end: space === -1 ? p.text.length : space };
}

/** Changes one whole word strictly inside the quote (not touching an inline element's edge); false if none. */
function editInside(r: Random, p: Paragraph, t: Truth): boolean {
  const words: { s: number; e: number }[] = [];
  for (const m of p.text.slice(t.start, t.end).matchAll(/\S+/g)) {
    const s = t.start + (m.index ?? 0);
    words.push({ s, e: s + m[0].length });
  }
  const inner = words
    .slice(1, -1)
    .filter(({ s, e }) => /^\p{L}{2,}$/u.test(p.text.slice(s, e)))
    .filter(({ s, e }) => p.spans.every((x) => !(x.start > s && x.start < e) && !(x.end > s && x.end < e)));
  if (inner.length === 0) return false;
  const { s, e } = pick(r, inner);
  const word = replacementFor(r, p.text.slice(s, e));
  const delta = word.length - (e - s);
  p.text = p.text.slice(0, s) + word + p.text.slice(e);
  for (const x of p.spans) {
    if (x.start >= e) x.start += delta;
    if (x.end >= e) x.end += delta;
  }
  t.end += delta;
  return true;
}

/** Generates the page and its three versions; deterministic for a seed. */
export function generatePage({
  chars = 1_000_000,
  quotes = 1000,
  editedShare = 0.1,
  seed = 4,
} = {}): BenchPage {
  const r = rng(seed);
  const nav = Array.from(
    { length: 40 },
    (_, i) => `<a href="/channel/${5000 + i}/">${esc(sentence(r).slice(0, 24))}</a>`,
  ).join(' ');
  const script = JSON.stringify({
    ads: Array.from({ length: 40 }, (_, i) => ({ slot: `banner-${i}`, sizes: [[300, 250]] })),
  });
  const footer = Array.from({ length: 8 }, () => `<p>${esc(sentence(r))}</p>`).join('');
  const chrome = { nav, script, footer };

  const paragraphs: Paragraph[] = [];
  for (let total = 0; total < chars - 5000; ) {
    const p = paragraph(r, paragraphs.length, between(r, 2, 6));
    paragraphs.push(p);
    total += p.text.length + 1 + (p.heading?.length ?? 0);
  }
  const candidates = shuffle(
    r,
    paragraphs.filter((p) => p.text.length >= 120).map((p) => p.key),
  );
  const chosen = candidates.slice(0, quotes).sort((a, b) => a - b); // saved highlights come in reading order
  const truth: Truth[] = chosen.map((key) => ({ p: key, ...chooseQuote(r, paragraphs[key] as Paragraph) }));
  const none = truth.map(() => false);
  const original: PageVersion = { html: render(paragraphs, chrome), truth, edited: none };

  // (b) Edits on a copy of the model; stock sentences are left alone (see docs/benchmarks.md, "Anchoring").
  const copy = paragraphs.map((p) => ({ ...p, spans: p.spans.map((s) => ({ ...s })) }));
  const editedTruth = truth.map((t) => ({ ...t }));
  const edited = truth.map(() => false);
  const order = shuffle(
    r,
    truth.map((_, i) => i),
  );
  let left = Math.round(quotes * editedShare);
  for (const i of order) {
    if (left === 0) break;
    const t = editedTruth[i] as Truth;
    const p = copy[t.p] as Paragraph;
    if (STOCK.some((s) => p.text.slice(t.start, t.end) === s) || !editInside(r, p, t)) continue;
    edited[i] = true;
    left--;
  }

  // (c) A new paragraph after the second one: every later position is stale by ~600 characters.
  const inserted = [...paragraphs];
  inserted.splice(2, 0, { key: -1, text: Array.from({ length: 5 }, () => sentence(r)).join(' '), spans: [] });
  const shifted = truth.map((t) => ({ ...t, p: t.p >= 2 ? t.p + 1 : t.p }));

  const repeatedQuotes = truth.filter((t) =>
    STOCK.includes(paragraphs[t.p]?.text.slice(t.start, t.end) ?? ''),
  ).length;
  return {
    original,
    paragraphs: paragraphs.length,
    repeatedQuotes,
    versions: {
      exact: original,
      edited: { html: render(copy, chrome), truth: editedTruth, edited },
      inserted: { html: render(inserted, chrome), truth: shifted, edited: none },
    },
  };
}
