import { describe, expect, it } from 'vitest';
import { isPlain, normalizeText, normalizeWithMap, normalizeWithOffsets } from '@/utils/anchoring/normalize';
import { buildTextIndex } from '@/utils/anchoring/text-index';
import { seededRandom as random } from '../support/seeded-random';

/** Thousands of cases: a few seconds alone, more on a busy 2-core machine than vitest's default 5 s. */
const HEAVY_MS = 60_000;

// happy-dom: build documents through the window's own `document` (Range.toString is empty on DOMParser ones).
function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

const text = (node: Node | null | undefined) => node as Text;

describe('buildTextIndex: text', () => {
  it('joins text nodes with nothing between blocks, like textContent', () => {
    expect(buildTextIndex(body('<p>one <b>two</b> three</p><p>four</p>')).text).toBe('one two threefour');
  });

  it('collapses whitespace runs across node boundaries and drops only leading whitespace', () => {
    expect(buildTextIndex(body('<p>a \n</p>\n<p> b</p>')).text).toBe('a b');
    expect(buildTextIndex(body('\n  <p>\t x\u00a0\u00a0y\r\n</p> ')).text).toBe('x y ');
  });

  it('skips script, style, noscript, template, textarea, hidden, aria-hidden and clipmark-* content', () => {
    const root = body(
      '<p>a<script>s()</script>b<style>.x{}</style>c<noscript>n</noscript>d<template>t</template>' +
        '<textarea>ta</textarea>e<span hidden>h</span>f<span aria-hidden="true">ah</span>g' +
        '<clipmark-toolbar><button>Save</button></clipmark-toolbar>h<span aria-hidden="false">i</span></p>',
    );
    expect(buildTextIndex(root).text).toBe('abcdefghi');
  });

  it('composes NFD Vietnamese to NFC', () => {
    // "tổ chức" decomposed: o + circumflex + hook above, u + horn + acute.
    const nfd = 'to\u0302\u0309 chu\u031b\u0301c';
    expect(nfd).toHaveLength(11);
    expect(buildTextIndex(body(`<p>${nfd}</p>`)).text).toBe('tổ chức');
  });

  it('composes conjoining Hangul jamo, which are not marks', () => {
    expect(buildTextIndex(body('<p>\u1100\u1161\u11a8 x</p>')).text).toBe('\uac01 x'); // 각
  });

  it('composes a cluster whose mark sits in the next text node', () => {
    expect(buildTextIndex(body('<p><b>e</b>\u0301t</p>')).text).toBe('ét');
  });

  it('is empty for a root without text', () => {
    const index = buildTextIndex(body('<p> <script>x</script> </p>'));
    expect(index.text).toBe('');
    expect(index.toDom(0)).toBeNull();
    expect(index.fromDom(document.body, 0)).toBe(0);
  });

  it('walks the tree as a filtered TreeWalker would: skipped subtrees whole, the root itself not tested', () => {
    const root = body(
      '<div id="r" hidden>a<!-- c --><p>b<span hidden>x<b>y</b></span><i></i>c</p><section><div><p>d</p>' +
        '<script>s</script></div></section>e<template><p>t</p></template></div><p>after</p>',
    );
    const r = root.querySelector('#r') as HTMLElement;
    r.querySelector('i')?.append(document.createTextNode(''), document.createTextNode('f'));
    // The TreeWalker the index used before, as the reference.
    const reference: string[] = [];
    const walker = document.createTreeWalker(r, 0x1 | 0x4, (node: Node) =>
      node.nodeType === 1
        ? ['script', 'template'].includes((node as Element).localName) ||
          (node as Element).hasAttribute('hidden')
          ? 2
          : 3
        : 1,
    );
    for (let n = walker.nextNode(); n; n = walker.nextNode()) reference.push((n as Text).data);
    expect(buildTextIndex(r).text).toBe(reference.join(''));
    expect(buildTextIndex(r).text).toBe('abfcde');
    expect(buildTextIndex(r.querySelector('p') as Node).text).toBe('bfc');
  });

  it('accepts a Text node as root', () => {
    const node = document.createTextNode('  xin\n chào');
    const index = buildTextIndex(node);
    expect(index.text).toBe('xin chào');
    expect(index.toDom(4)).toEqual({ node, offset: 7 });
  });
});

describe('buildTextIndex: toDom', () => {
  it('maps offsets through NFC composition to exact positions in the NFD node', () => {
    // raw: t0 o1 ̂2 ̉3 ␠4 c5 h6 u7 ̛8 ́9 c10 — normalised: t0 ổ1 ␠2 c3 h4 ứ5 c6
    const root = body('<p>to\u0302\u0309 chu\u031b\u0301c</p>');
    const node = text(root.querySelector('p')?.firstChild);
    const index = buildTextIndex(root);
    expect(index.toDom(1)).toEqual({ node, offset: 1 });
    expect(index.toDom(2, 'end')).toEqual({ node, offset: 4 });
    expect(index.toDom(5)).toEqual({ node, offset: 7 });
    expect(index.toDom(6, 'end')).toEqual({ node, offset: 10 });
    expect(index.toDom(7, 'end')).toEqual({ node, offset: 11 });
  });

  it('maps a two-mark cluster that NFC shortens (e + U+0302 + U+0301 → ế)', () => {
    const root = body('<p>Kê\u0301t? Ke\u0302\u0301t.</p>');
    const node = text(root.querySelector('p')?.firstChild);
    const index = buildTextIndex(root);
    expect(index.text).toBe('Kết? Kết.');
    expect(index.toDom(6)).toEqual({ node, offset: 7 }); // ế of the second word starts at raw 7
    expect(index.toDom(7, 'end')).toEqual({ node, offset: 10 });
  });

  it('keeps an end position after the previous character instead of the next node start', () => {
    const root = body('<p>one <b>two</b> three</p>');
    const bText = text(root.querySelector('b')?.firstChild);
    const after = text(root.querySelector('p')?.lastChild);
    const index = buildTextIndex(root);
    expect(index.toDom(7, 'end')).toEqual({ node: bText, offset: 3 });
    expect(index.toDom(7, 'start')).toEqual({ node: after, offset: 0 });
    expect(index.toDom(4)).toEqual({ node: bText, offset: 0 });
    expect(index.toDom(13, 'end')).toEqual({ node: after, offset: 6 });
  });

  it('maps a collapsed space to the whole whitespace run it replaced', () => {
    const root = body('<p>a \n</p>\n<p> b</p>');
    const [p1, p2] = Array.from(root.querySelectorAll('p'));
    const index = buildTextIndex(root);
    expect(index.toDom(1)).toEqual({ node: p1?.firstChild, offset: 1 });
    expect(index.toDom(2, 'end')).toEqual({ node: p2?.firstChild, offset: 1 });
    expect(index.toDom(2)).toEqual({ node: p2?.firstChild, offset: 1 });
  });

  it('rejects offsets outside the text', () => {
    const index = buildTextIndex(body('<p>abc</p>'));
    expect(() => index.toDom(4)).toThrow(RangeError);
    expect(() => index.toDom(-1)).toThrow(RangeError);
    expect(() => index.toDom(1.5)).toThrow(RangeError);
  });
});

describe('buildTextIndex: fromDom', () => {
  it('maps text positions, snapping positions inside a cluster or whitespace run forward', () => {
    const root = body('<p>to\u0302\u0309  chu\u031b\u0301c</p>');
    const node = text(root.querySelector('p')?.firstChild);
    const index = buildTextIndex(root);
    expect(index.text).toBe('tổ chức');
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((o) => index.fromDom(node, o))).toEqual([
      0, 1, 2, 2, 2, 3, 3, 4, 5, 6, 6, 6, 7,
    ]);
  });

  it('maps element boundaries (container + child index)', () => {
    const root = body('<p>one <b>two</b> three</p>');
    const p = root.querySelector('p') as HTMLElement;
    const b = root.querySelector('b') as HTMLElement;
    const index = buildTextIndex(root);
    expect(index.fromDom(p, 0)).toBe(0);
    expect(index.fromDom(p, 1)).toBe(4);
    expect(index.fromDom(p, 2)).toBe(7);
    expect(index.fromDom(p, 3)).toBe(13);
    expect(index.fromDom(b, 0)).toBe(4);
    expect(index.fromDom(b, 1)).toBe(7);
  });

  it('maps points inside skipped content or outside the root to the next indexed character', () => {
    document.body.innerHTML =
      '<p>before</p><div id="root">ab<script>xyz</script>cd<span hidden>h</span></div><p>x</p>';
    const root = document.getElementById('root') as HTMLElement;
    const script = root.querySelector('script') as HTMLElement;
    const index = buildTextIndex(root);
    expect(index.text).toBe('abcd');
    expect(index.fromDom(text(script.firstChild), 2)).toBe(2);
    expect(index.fromDom(script, 0)).toBe(2);
    expect(index.fromDom(text(root.querySelector('span')?.firstChild), 0)).toBe(4);
    expect(index.fromDom(text(document.body.firstChild?.firstChild), 3)).toBe(0);
    expect(index.fromDom(text(document.body.lastChild?.firstChild), 0)).toBe(4);
    expect(index.fromDom(document.body, 3)).toBe(4);
  });
});

describe('normalizeWithMap', () => {
  const alphabet = [
    'a',
    'e',
    'o',
    'u',
    'đ',
    'ế',
    'ư',
    '\u0302',
    '\u0301',
    '\u0309',
    '\u031b',
    '\u0323',
    ' ',
    '\n',
  ];
  const rare = ['\u00a0', '\t', '\u212b', '\u1100', '\u1161', '\u11a8', '😀', '\u0344', '\ufb2c', 'x'];

  it('equals NFC + whitespace collapse of the whole string, and maps back exactly', () => {
    const rnd = random(42);
    for (let round = 0; round < 300; round++) {
      let raw = '';
      const len = Math.floor(rnd() * 30);
      for (let i = 0; i < len; i++) {
        const pool = rnd() < 0.15 ? rare : alphabet;
        raw += pool[Math.floor(rnd() * pool.length)];
      }
      const { text, map } = normalizeWithMap(raw);
      expect(text, JSON.stringify(raw)).toBe(normalizeText(raw).replace(/^ /, ''));
      expect(map).toHaveLength(text.length + 1);
      expect(map[text.length]).toBe(raw.length);
      // Between consecutive clusters, the raw text normalises to the output text.
      const starts = [...new Set(map)];
      for (let a = 0; a < starts.length; a++) {
        for (let b = a + 1; b < starts.length; b++) {
          const from = map.indexOf(starts[a] as number);
          const to = map.indexOf(starts[b] as number);
          const rawSlice = raw.slice(starts[a], starts[b]);
          expect(normalizeText(rawSlice), JSON.stringify(raw)).toBe(text.slice(from, to));
        }
      }
    }
  });

  it('fast path: every plain character is NFC-stable alone, no mark, no joiner, no whitespace', () => {
    let plain = 0;
    for (let c = 0; c < 0x10000; c++) {
      if (!isPlain(c)) continue;
      plain++;
      const s = String.fromCharCode(c);
      expect(s.normalize('NFC'), c.toString(16)).toBe(s);
      expect(/^[\s\p{M}]$/u.test(s) || (c >= 0x1160 && c <= 0x11ff) || (c >= 0xd800 && c <= 0xdfff)).toBe(
        false,
      );
    }
    expect(plain).toBeGreaterThan(600);
  });

  it(
    'fast path: the same text and map as the cluster-by-cluster path on random tricky strings',
    () => {
      const rnd = random(4242);
      const pools = [
        // Plain: ASCII, Latin-1, Latin Extended, precomposed Vietnamese, typographic punctuation; single spaces.
        [...'  aZ0.,~!éñÿ¡×đĐươăɏếộỹḀ“”–…‰⁞'],
        // Marks (NFD Vietnamese and others) and things that join or compose; '|' separates entries.
        '\u0300|\u0301|\u0302|\u0303|\u0306|\u0309|\u031b|\u0323|\u0344|\u1161|\u11a8|\ud834\udd65|\u20d7'.split(
          '|',
        ),
        // Whitespace: runs, NBSP, tabs, line breaks, other spaces; zero-width characters (not whitespace).
        ' | |  |\n|\t|\r\n|\u00a0|\u2009|\u3000|\ufeff|\u2028|\u200b|\u200c|\u200d|\u2060'.split('|'),
        // Others: singletons NFC changes, Hangul, CJK, astral, lone surrogates, bidi controls, other scripts.
        '\u212b|\u2126|\uf900|\u1100|\uac00|中|😀|\ud83d|\ude00|\u202e|Ω|й|ا|\u0e01|\u0345'.split('|'),
      ];
      let runs = 0;
      for (let round = 0; round < 20_000; round++) {
        let raw = '';
        const len = Math.floor(rnd() * 40);
        const bias = rnd(); // some strings are mostly plain (long fast runs), some mostly tricky
        for (let i = 0; i < len; i++) {
          const r = rnd();
          const pool = r < bias ? pools[0] : pools[1 + Math.floor(rnd() * 3)];
          raw += pool?.[Math.floor(rnd() * pool.length)] ?? '';
        }
        const fast = normalizeWithMap(raw);
        const slow = normalizeWithMap(raw, false);
        // normalizeText's shortcut for plain strings agrees with the full normalisation too.
        expect(normalizeText(raw), JSON.stringify(raw)).toBe(raw.normalize('NFC').replace(/\s+/gu, ' '));
        expect(fast.text, JSON.stringify(raw)).toBe(slow.text);
        expect(Array.from(fast.map), JSON.stringify(raw)).toEqual(Array.from(slow.map));
        if (/[!-~\u00a1-\u024f\u1e00-\u1eff] [!-~\u00a1-\u024f\u1e00-\u1eff]{2}/.test(raw)) runs++;
      }
      expect(runs).toBeGreaterThan(1000); // the fast path's runs (with single spaces) were exercised
    },
    HEAVY_MS,
  );

  it('grows its map when NFC lengthens the text', () => {
    // U+0344 → U+0308 U+0301 and U+FB2C → three code units: output longer than input.
    const { text, map } = normalizeWithMap('\u0344\ufb2c');
    expect(text).toBe('\u0308\u0301\u05e9\u05bc\u05c1');
    expect(Array.from(map)).toEqual([0, 0, 1, 1, 1, 2]);
  });

  it('normalises a megabyte of mixed NFD text, with one map run per change, not per character', () => {
    const para =
      'Ke\u0302\u0301t qua\u0309 đa\u0323i ho\u0302\u0323i   \n Đa\u0309ng bo\u0323\u0302 ti\u0309nh, 2024. ';
    const copies = Math.ceil(1_000_000 / para.length);
    const { text, map } = normalizeWithOffsets(para.repeat(copies));
    const one = normalizeText(para).trimEnd();
    expect(text).toBe(`${one} `.repeat(copies));
    // Each copy has 7 composed clusters and one whitespace run that change the difference: ~8 runs per copy.
    expect(map.size).toBe(text.length + 1);
    expect(map.runs).toBeLessThan(12 * copies);
    expect(map.at(text.length)).toBe(para.length * copies);
  });

  it('OffsetMap answers as the whole array would: at(k) and the first k with map[k] >= p', () => {
    const rnd = random(7);
    const pieces = ['ab', ' ', '  \n', 'e\u0302\u0301', '\u0344', 'đ', '\u00a0', 'x y'];
    for (let round = 0; round < 500; round++) {
      let raw = '';
      for (let i = Math.floor(rnd() * 12); i > 0; i--) raw += pieces[Math.floor(rnd() * pieces.length)];
      const { map } = normalizeWithOffsets(raw);
      const array = map.toArray();
      for (let k = 0; k < array.length; k++) expect(map.at(k)).toBe(array[k]);
      for (let p = 0; p <= raw.length + 1; p++) {
        let first = array.findIndex((v) => v >= p);
        if (first === -1) first = array.length - 1;
        expect(map.firstAtLeast(p), `${JSON.stringify(raw)} p=${p}`).toBe(first);
      }
    }
  });
});

describe('buildTextIndex: text nodes of whitespace alone', () => {
  const WORDS = [
    'Nam Định',
    'to\u0302\u0309 chu\u031b\u0301c',
    'lúa',
    'a\u00a0b',
    'x',
    'ế ',
    ' y',
    'z\u0301',
  ];
  const GAPS = ['\n    ', ' ', '\n', '\t\u00a0 ', '  '];

  /** The mapping as it was before such nodes were collapsed: every node's text joined as it is. */
  function reference(root: Node) {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).length) nodes.push(n as Text);
    const starts: number[] = [];
    let total = 0;
    for (const n of nodes) {
      starts.push(total);
      total += n.length;
    }
    const { text, map } = normalizeWithMap(nodes.map((n) => n.data).join(''));
    const nodeAt = (p: number, strict: boolean) => {
      let k = 0;
      for (let i = 0; i < nodes.length; i++)
        if (strict ? (starts[i] as number) < p : (starts[i] as number) <= p) k = i;
      return k;
    };
    const toDom = (offset: number, bias: 'start' | 'end') => {
      let p = map[offset] as number;
      if (bias === 'end' && offset > 0) {
        const s = map[offset - 1] as number;
        let k = offset;
        while (k < text.length && map[k] === s) k++;
        p = map[k] as number;
      }
      const k = nodeAt(p, bias === 'end');
      return { node: nodes[k], offset: p - (starts[k] as number) };
    };
    const fromDom = (node: Text, offset: number) => {
      const p = (starts[nodes.indexOf(node)] as number) + offset;
      const k = map.findIndex((v) => v >= p);
      return k === -1 ? text.length : k;
    };
    return { nodes, text, toDom, fromDom };
  }

  it('maps every offset and every DOM point as before, with whitespace-only nodes collapsed to one space', () => {
    const rnd = random(99);
    for (let round = 0; round < 60; round++) {
      let html = rnd() < 0.5 ? '\n  ' : '';
      for (let p = 0; p < 1 + Math.floor(rnd() * 5); p++) {
        const words = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => {
          const w = WORDS[Math.floor(rnd() * WORDS.length)] as string;
          return rnd() < 0.3 ? `<b>${w}</b>` : w;
        });
        html += `<p>${words.join(rnd() < 0.5 ? ' ' : '')}</p>${GAPS[Math.floor(rnd() * GAPS.length)]}`;
      }
      const root = body(html);
      const index = buildTextIndex(root);
      const ref = reference(root);
      expect(index.text, html).toBe(ref.text);
      for (let k = 0; k <= ref.text.length; k++) {
        for (const bias of ['start', 'end'] as const) {
          expect(index.toDom(k, bias), `${JSON.stringify(html)} ${k} ${bias}`).toEqual(ref.toDom(k, bias));
        }
      }
      for (const node of ref.nodes) {
        for (let o = 0; o <= node.length; o++) {
          expect(index.fromDom(node, o), `${JSON.stringify(html)} ${JSON.stringify(node.data)} ${o}`).toBe(
            ref.fromDom(node, o),
          );
        }
      }
    }
  });
});
