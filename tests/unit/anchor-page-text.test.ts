import { describe, expect, it } from 'vitest';
import { anchorInIndex, contextAt, normalizeQuote, rangeFromOffsets } from '@/utils/anchoring/anchor';
import { describeOffsets } from '@/utils/anchoring/describe';
import { normalizeText } from '@/utils/anchoring/normalize';
import {
  anchorAll,
  anchorNear,
  NEAR_RAW,
  type PageText,
  rawPositionOf,
  readPageText,
} from '@/utils/anchoring/page-text';
import { buildTextIndex } from '@/utils/anchoring/text-index';
import { seededRandom } from '../support/seeded-random';

// happy-dom: build documents through the window's own `document` (Range.toString is empty on DOMParser ones).
function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

/** Saves the highlight over normalised `[start, end)` of the page as the content script does. */
function save(page: PageText, start: number, end: number) {
  const described = describeOffsets(page.index(), start, end);
  if (!described) throw new Error('nothing to save');
  const [quote, position] = described;
  return { quote, position, rawPosition: rawPositionOf(page, position.start, position.end) };
}

/** The page's text with the whole-page index built counted (what local anchoring saves). */
function counted(root: Node) {
  const page = readPageText(root);
  const built = { count: 0 };
  const spied: PageText = {
    ...page,
    index: () => {
      built.count++;
      return page.index();
    },
  };
  return { page: spied, built };
}

const paragraphs = (n: number, from = 0) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Đoạn ${i + from}: Tỉnh Nam Định tổ chức hội nghị số ${i + from} về nông nghiệp, lúa gạo và đời sống.</p>\n    `,
  ).join('');

describe('readPageText', () => {
  it('lays out the indexed text nodes raw (script, hidden and whitespace kept as they are) and builds the same index', () => {
    const root = body('<p>ab<b>cd</b></p>\n  <script>x()</script><p hidden>zz</p><p>e\u0301f</p>');
    const page = readPageText(root);
    expect(page.nodes.map((n) => n.data)).toEqual(['ab', 'cd', '\n  ', 'e\u0301f']);
    expect([...page.starts]).toEqual([0, 2, 4, 7, 10]);
    expect(page.index().text).toBe(buildTextIndex(root).text);
    expect(page.index()).toBe(page.index()); // built once
    const cd = page.nodes[1] as Text;
    expect(page.rawOffset(cd, 1)).toBe(3);
    expect(page.rawOffset(cd, 99)).toBe(4);
    expect(page.rawOffset(root, 0)).toBeNull();
  });

  it('rawPositionOf gives the raw span of normalised offsets, so the raw text there is the quote', () => {
    const root = body(
      `<div>\n  <p>Mở   đầu</p>\n  <p>to\u0302\u0309 chu\u031b\u0301c <i>hội nghị</i> tỉnh</p></div>`,
    );
    const page = readPageText(root);
    const text = page.index().text;
    const start = text.indexOf('tổ chức');
    const raw = rawPositionOf(page, start, start + 'tổ chức hội'.length);
    const joined = page.nodes.map((n) => n.data).join('');
    expect(raw).toBeDefined();
    expect(normalizeText(joined.slice(raw?.start, raw?.end))).toBe('tổ chức hội');
  });
});

describe('anchorNear', () => {
  it('finds an unchanged highlight where it was without building the whole index', () => {
    const root = body(paragraphs(40));
    const original = readPageText(root);
    const at = original.index().text.indexOf('hội nghị số 30');
    const saved = save(original, at, at + 'hội nghị số 30'.length);
    const { page, built } = counted(root);
    const match = anchorNear(page, saved.quote, saved.rawPosition ?? { start: 0, end: 0 });
    expect(match?.exactMatch).toBe(true);
    expect(match?.index.text.slice(match.start, match.end)).toBe('hội nghị số 30');
    expect(match?.rawStart).toBe(saved.rawPosition?.start);
    expect(built.count).toBe(0);
    const range = match && rangeFromOffsets(match.index, match.start, match.end);
    expect(range?.toString()).toBe('hội nghị số 30');
  });

  it('follows text that moved by the shift it is given, and leaves a move past its window to the whole page', () => {
    const root = body(paragraphs(40));
    const original = readPageText(root);
    const at = original.index().text.indexOf('hội nghị số 30');
    const saved = save(original, at, at + 'hội nghị số 30'.length);
    const raw = saved.rawPosition ?? { start: 0, end: 0 };
    // A short paragraph above: within the window even without a hint.
    const short = '<p>Quảng cáo ngắn.</p>';
    const inserted = readPageText(body(short + paragraphs(40)));
    expect(anchorNear(inserted, saved.quote, raw)?.rawStart).toBe(raw.start + 'Quảng cáo ngắn.'.length);
    // A long one: found with the right shift only.
    const long = `<p>${'Quảng cáo dài. '.repeat(80)}</p>`;
    const moved = readPageText(body(long + paragraphs(40)));
    const by = 'Quảng cáo dài. '.repeat(80).length;
    expect(by).toBeGreaterThan(2 * NEAR_RAW);
    expect(anchorNear(moved, saved.quote, raw)).toBeNull();
    expect(anchorNear(moved, saved.quote, raw, by)?.rawStart).toBe(raw.start + by);
  });

  it('takes a quote edited in place as approximate, and leaves copies without its context to the whole page', () => {
    const html = paragraphs(20);
    const original = readPageText(body(html));
    const text = original.index().text;
    const at = text.indexOf('hội nghị số 10 về nông');
    const saved = save(original, at, at + 'hội nghị số 10 về nông'.length);
    const raw = saved.rawPosition ?? { start: 0, end: 0 };
    const edited = readPageText(body(html.replace('hội nghị số 10 về', 'hội thảo số 10 về')));
    const match = anchorNear(edited, saved.quote, raw);
    expect(match?.exactMatch).toBe(false);
    expect(match?.index.text.slice(match.start, match.end)).toBe('hội thảo số 10 về nông');

    // Every paragraph says "nông nghiệp, lúa gạo": once paragraph 10's is edited, the copies nearby lack its
    // context, and only the whole page can weigh them against each other.
    const common = text.indexOf('nông nghiệp, lúa gạo', at);
    const repeated = save(original, common, common + 'nông nghiệp, lúa gạo'.length);
    const gone = readPageText(
      body(html.replace('số 10 về nông nghiệp, lúa gạo', 'số 10 về nông nghiệp, lúa nếp')),
    );
    expect(anchorNear(gone, repeated.quote, repeated.rawPosition ?? { start: 0, end: 0 })).toBeNull();
    // The whole page then finds it edited in place, not on a neighbour's copy.
    const [inPlace] = anchorAll(gone, [repeated]);
    expect(inPlace?.exactMatch).toBe(false);
    const found = inPlace?.index.text ?? '';
    expect(found.slice(inPlace?.start, inPlace?.end)).toBe('nông nghiệp, lúa nếp');
    expect(found.lastIndexOf('Đoạn', inPlace?.start)).toBe(found.indexOf('Đoạn 10'));
  });

  it('finds an NFC quote on the page made decomposed (NFD), where raw offsets grow', () => {
    const html = paragraphs(30);
    const original = readPageText(body(html));
    const at = original.index().text.indexOf('Tỉnh Nam Định tổ chức hội nghị số 12');
    const saved = save(original, at, at + 'Tỉnh Nam Định tổ chức hội nghị số 12'.length);
    const nfd = readPageText(body(html.normalize('NFD')));
    const match = anchorNear(nfd, saved.quote, saved.rawPosition ?? { start: 0, end: 0 }, 0);
    expect(match?.exactMatch).toBe(true);
    const range = match && rangeFromOffsets(match.index, match.start, match.end);
    expect(range?.toString().normalize('NFC')).toBe('Tỉnh Nam Định tổ chức hội nghị số 12');
  });

  it('rejects positions that are not positions', () => {
    const page = readPageText(body(paragraphs(3)));
    const quote = { type: 'TextQuoteSelector' as const, exact: 'Nam Định', prefix: '', suffix: '' };
    for (const raw of [
      { start: -1, end: 4 },
      { start: 4, end: 4 },
      { start: 1.5, end: 4 },
      { start: 1e9, end: 1e9 + 3 },
    ])
      expect(anchorNear(page, quote, raw)).toBeNull();
    expect(anchorNear(readPageText(body('')), quote, { start: 0, end: 3 })).toBeNull();
  });
});

describe('anchorAll', () => {
  it('settles every highlight of an unchanged page, or of one with a long insert above, building the index at most once', () => {
    const html = paragraphs(120);
    const original = readPageText(body(html));
    const text = original.index().text;
    const saved = [5, 17, 29, 41, 53].map((n) => {
      const at = text.indexOf(`hội nghị số ${n} `);
      return save(original, at, at + `hội nghị số ${n}`.length);
    });

    const same = counted(body(html));
    const here = anchorAll(same.page, saved);
    expect(here.map((m) => m?.index.text.slice(m.start, m.end))).toEqual(saved.map((s) => s.quote.exact));
    expect(same.built.count).toBe(0);

    // 3,000 characters inserted between the first two highlights: the second is looked for in the whole page,
    // and tells the rest how far the text moved.
    const long = `<p>${'Tin mới cập nhật. '.repeat(170)}</p>`;
    const marker = '<p>Đoạn 10:';
    const moved = counted(body(html.replace(marker, long + marker)));
    const found = anchorAll(moved.page, saved);
    expect(found.map((m) => m?.index.text.slice(m.start, m.end))).toEqual(saved.map((s) => s.quote.exact));
    expect(found.every((m) => m?.exactMatch)).toBe(true);
    expect(moved.built.count).toBe(1);
  });

  it('indexes the whole page at once when the windows of so many highlights would cost more, with the same result', () => {
    const html = paragraphs(40);
    const original = readPageText(body(html));
    const text = original.index().text;
    const saved = Array.from({ length: 40 }, (_, n) => {
      const at = text.indexOf(`hội nghị số ${n} `);
      return save(original, at, at + `hội nghị số ${n}`.length);
    });
    const few = counted(body(html));
    const one = saved.slice(0, 3).flatMap((s) => anchorAll(few.page, [s]));
    expect(few.built.count).toBe(0);
    const many = counted(body(html));
    const all = anchorAll(many.page, saved);
    expect(many.built.count).toBe(1);
    expect(all.every((m) => m?.index === many.page.index())).toBe(true);
    expect(all.map((m) => m?.index.text.slice(m.start, m.end))).toEqual(saved.map((s) => s.quote.exact));
    expect(one.map((m) => m?.index.text.slice(m.start, m.end))).toEqual(
      saved.slice(0, 3).map((s) => s.quote.exact),
    );
  });

  it('anchors highlights saved without a raw position in the whole page, as before', () => {
    const html = paragraphs(10);
    const original = readPageText(body(html));
    const text = original.index().text;
    const at = text.indexOf('hội nghị số 7');
    const { quote, position } = save(original, at, at + 'hội nghị số 7'.length);
    const { page, built } = counted(body(html));
    const [match] = anchorAll(page, [{ quote, position }]);
    expect(match?.index.text.slice(match.start, match.end)).toBe('hội nghị số 7');
    expect(match?.index).toBe(page.index());
    expect(built.count).toBeGreaterThan(0);
    expect(anchorAll(page, [{ quote: { ...quote, exact: 'không có ở đây' }, position }])).toEqual([null]);
  });
});

describe('anchorNear agrees with the whole page', () => {
  const WORDS = [
    'Nam Định',
    'to\u0302\u0309 chu\u031b\u0301c', // NFD
    'tổ chức',
    'lúa',
    'gạo',
    'đời sống',
    'hội nghị',
    'nông dân',
    'a\u00a0b',
    'x',
    'z\u0301',
    '\u0301', // a lone mark: composes with whatever precedes it, even across nodes
    'ế',
  ];
  const GAPS = ['\n    ', ' ', '', '\n', '\t\u00a0 '];

  function randomPage(rnd: () => number) {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    const paras: string[] = [];
    for (let p = 0; p < 30 + Math.floor(rnd() * 30); p++) {
      const words = Array.from({ length: 4 + Math.floor(rnd() * 30) }, () => {
        const w = `${pick(WORDS)}${Math.floor(rnd() * 50)}`;
        const r = rnd();
        return r < 0.15 ? `<b>${w}</b>` : r < 0.2 ? `<span hidden>${w}</span>` : w;
      });
      paras.push(`<p>${words.join(rnd() < 0.8 ? ' ' : '')}</p>${pick(GAPS)}`);
    }
    return paras;
  }

  /** Some edit to the page: a paragraph inserted, removed, or made decomposed, or numbers changed in several. */
  function edit(rnd: () => number, paras: string[]): string[] {
    const out = [...paras];
    const pick = () => Math.floor(rnd() * out.length);
    const r = rnd();
    if (r < 0.3) out.splice(pick(), 0, `<p>${'chèn thêm '.repeat(1 + Math.floor(rnd() * 120))}</p>`);
    else if (r < 0.5) out.splice(pick(), 1);
    else if (r < 0.8) {
      // One number changed in each of several paragraphs: quotes holding it are edited, their context intact.
      for (let n = 0; n < 30; n++) {
        const at = pick();
        let which = Math.floor(rnd() * ((out[at] as string).match(/\d+/g) ?? []).length);
        out[at] = (out[at] as string).replace(/\d+/g, (d) => (which-- === 0 ? `${d}9` : d));
      }
    } else {
      const at = pick();
      out[at] = (out[at] as string).normalize('NFD');
    }
    return out;
  }

  it('on random pages and edits: what it settles reads the same in the whole index, context included, at the same place', () => {
    const rnd = seededRandom(2026);
    let settled = 0;
    let approximate = 0;
    let left = 0;
    for (let round = 0; round < 40; round++) {
      // Short reaches put the window's edges inside words, next to marks that compose across nodes, everywhere.
      const reach = round % 2 ? NEAR_RAW : 4 + Math.floor(rnd() * 60);
      const paras = randomPage(rnd);
      const original = readPageText(body(paras.join('')));
      const text = original.index().text;
      const saved = Array.from({ length: 12 }, () => {
        // As a selection would give them: DOM points, so never inside a cluster ("0" + a lone mark).
        const snap = (k: number, bias: 'start' | 'end') => {
          const point = original.index().toDom(k, bias);
          return point ? original.index().fromDom(point.node, point.offset) : k;
        };
        const start = snap(Math.floor(rnd() * (text.length - 40)), 'start');
        return save(original, start, snap(start + 3 + Math.floor(rnd() * 40), 'end'));
      });
      const root = body(edit(rnd, paras).join(''));
      const page = readPageText(root);
      const full = page.index();
      for (const s of saved) {
        const near = anchorNear(page, s.quote, s.rawPosition ?? { start: 0, end: 0 }, 0, reach);
        if (!near) {
          left++;
          continue;
        }
        settled++;
        const range = rangeFromOffsets(near.index, near.start, near.end);
        if (!range) throw new Error('no range');
        // The same DOM range read in both indexes (a point inside a cluster snaps to its end in each).
        const fs = full.fromDom(range.startContainer, range.startOffset);
        const fe = full.fromDom(range.endContainer, range.endOffset);
        const ws = near.index.fromDom(range.startContainer, range.startOffset);
        const we = near.index.fromDom(range.endContainer, range.endOffset);
        const label = JSON.stringify({ round, quote: s.quote });
        expect(ws).toBe(near.start);
        expect(full.text.slice(fs, fe), label).toBe(near.index.text.slice(ws, we));
        const { exact, prefix, suffix } = normalizeQuote(s.quote);
        if (near.exactMatch) {
          expect(contextAt(full.text, fs, exact, prefix, suffix), label).toBe(prefix.length + suffix.length);
          // The whole page's own answer, hinted with the same shift, is the same place.
          const shift = near.rawStart - (s.rawPosition?.start ?? 0);
          const normalisedShift = fs - s.position.start;
          expect(
            anchorInIndex(full, [s.quote, s.position], normalisedShift)?.start,
            `${label} ${shift}`,
          ).toBe(fs);
        } else {
          approximate++;
          expect(full.text.slice(fs - prefix.length - 1, fe + suffix.length + 1), label).toContain(
            prefix.trim(),
          );
        }
      }
    }
    // Most are settled locally; the rest (the edited and the moved) are left to the whole page.
    expect(settled).toBeGreaterThan(250);
    expect(left).toBeGreaterThan(20);
    expect(approximate).toBeGreaterThan(3);
  });
});
