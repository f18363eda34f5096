/**
 * The W3C Web Annotation export against the model's shape (https://www.w3.org/TR/annotation-model/):
 * required keys, types, motivations, body purposes, selectors, and Clipmark's namespaced extensions.
 */
import { describe, expect, it } from 'vitest';
import { parseWebAnnotations } from '@/utils/export/import-web-annotation';
import { ANNO_CONTEXT, CLIPMARK_NS, selectionToWebAnnotations } from '@/utils/export/web-annotation';
import type { Highlight } from '@/utils/schema';
import { BAONAMDINH, id, sampleLibrary, T0 } from '../support/library-fixtures';

// Highlights as made now: their positions say how many characters above U+FFFF precede them (none here).
const sample = sampleLibrary();
const lib = {
  ...sample,
  highlights: sample.highlights.map((h) => ({ ...h, position: { ...h.position, astralBefore: 0 } })),
};
const doc = JSON.parse(selectionToWebAnnotations(lib));
const items: Record<string, unknown>[] = doc.first.items;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const IRI = /^(urn:uuid:[0-9a-f-]{36}|https?:\/\/\S+)$/;

describe('AnnotationCollection', () => {
  it('has the anno.jsonld context, with the Clipmark namespace declared', () => {
    expect(doc['@context'][0]).toBe(ANNO_CONTEXT);
    expect(doc['@context'][1]).toMatchObject({ clipmark: CLIPMARK_NS });
    // Every key outside the model is in the declared namespace.
    const model = new Set(['@context', 'id', 'type', 'label', 'total', 'first']);
    for (const key of Object.keys(doc)) if (!model.has(key)) expect(key).toMatch(/^clipmark:/);
  });

  it('is a collection with an IRI, a total and an embedded first page holding every annotation', () => {
    expect(doc).toMatchObject({ type: 'AnnotationCollection', total: 7 });
    expect(doc.id).toMatch(IRI);
    expect(doc.first).toMatchObject({ type: 'AnnotationPage', startIndex: 0 });
    expect(doc.first.id).toMatch(IRI);
    expect(doc.first.id).not.toBe(doc.id);
    expect(items).toHaveLength(doc.total);
  });

  it('has stable ids: the same selection gives the same file', () => {
    const again = selectionToWebAnnotations({ ...lib, highlights: [...lib.highlights].reverse() });
    expect(again).toBe(selectionToWebAnnotations(lib));
  });
});

describe('each Annotation', () => {
  it('has the required keys with the model’s types', () => {
    for (const a of items) {
      expect(a.id).toMatch(
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(a.type).toBe('Annotation');
      expect(['highlighting', 'commenting']).toContain(a.motivation);
      expect(a.created).toMatch(ISO);
      expect(a.modified).toMatch(ISO);
      const target = a.target as { source: string; selector: Record<string, unknown>[] };
      expect(target.source).toMatch(/^https:\/\//);
      expect(target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
      expect(typeof target.selector[0]?.exact).toBe('string');
      expect(Number.isInteger(target.selector[1]?.start)).toBe(true);
      expect(Number.isInteger(target.selector[1]?.end)).toBe(true);
      expect(['yellow', 'green', 'blue', 'pink', 'purple']).toContain(a['clipmark:color']);
      for (const body of (a.body ?? []) as Record<string, unknown>[]) {
        expect(body.type).toBe('TextualBody');
        expect(['commenting', 'tagging']).toContain(body.purpose);
        expect(typeof body.value).toBe('string');
      }
    }
  });

  it('maps one highlight field by field: note as commenting text, tags as tagging, colour namespaced', () => {
    const h = lib.highlights[0];
    expect(items.find((a) => a.id === `urn:uuid:${id(1)}`)).toEqual({
      id: `urn:uuid:${id(1)}`,
      type: 'Annotation',
      motivation: 'commenting',
      created: new Date(h?.createdAt ?? 0).toISOString(),
      modified: new Date(h?.updatedAt ?? 0).toISOString(),
      body: [
        { type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: h?.note },
        { type: 'TextualBody', purpose: 'tagging', value: 'nông nghiệp' },
        { type: 'TextualBody', purpose: 'tagging', value: 'HTX' },
      ],
      target: {
        source: BAONAMDINH,
        selector: [
          { type: 'TextQuoteSelector', exact: h?.quote.exact, prefix: 'trước ', suffix: ' sau' },
          { type: 'TextPositionSelector', start: 100, end: 135 },
        ],
      },
      'clipmark:color': 'yellow',
      'clipmark:position': { start: 100, end: 135, astralBefore: 0 },
    });
  });

  it('a highlight without a note is "highlighting"; without note or tags it has no body', () => {
    const plain = items.find((a) => a.id === `urn:uuid:${id(6)}`);
    expect(plain?.motivation).toBe('highlighting');
    expect(plain?.body).toEqual([{ type: 'TextualBody', purpose: 'tagging', value: 'trade' }]);
    const bare = JSON.parse(
      selectionToWebAnnotations({ ...lib, highlights: [{ ...(lib.highlights[5] as Highlight), tags: [] }] }),
    ).first.items[0];
    expect(bare).not.toHaveProperty('body');
    expect(bare.motivation).toBe('highlighting');
  });

  it('carries the article and tag records for a lossless re-import', () => {
    expect(doc['clipmark:articles']).toHaveLength(4);
    expect(doc['clipmark:tags'].find((t: { name: string }) => t.name === 'đọc sau')).toMatchObject({
      color: 'blue',
    });
  });
});

describe('positions in code points (model §4.2.5), both ways', () => {
  // "😀 " twice before the quote: 6 UTF-16 units, 4 code points; the quote holds one more emoji.
  const text = `😀 😀 ${'x'.repeat(40)} có 🌾 lúa`;
  const start = text.indexOf('có');
  const made: Highlight = {
    ...(sample.highlights[0] as Highlight),
    quote: {
      type: 'TextQuoteSelector',
      exact: 'có 🌾 lúa',
      prefix: text.slice(start - 32, start),
      suffix: '',
    },
    position: { type: 'TextPositionSelector', start, end: start + 'có 🌾 lúa'.length, astralBefore: 2 },
  };
  const exported = (h: Highlight) =>
    JSON.parse(selectionToWebAnnotations({ ...sample, highlights: [h] })).first.items[0];
  const imported = async (file: unknown) =>
    (await parseWebAnnotations(JSON.stringify(file), { now: () => T0 + 86_400_000 })).records.highlights[0];

  it('writes code points, and reads them back to the same UTF-16 position', async () => {
    const a = exported(made);
    expect(a.target.selector[1]).toEqual({
      type: 'TextPositionSelector',
      start: [...text.slice(0, start)].length,
      end: [...text.slice(0, start)].length + [...'có 🌾 lúa'].length,
    });
    expect((await imported(a))?.position).toEqual(made.position);
  });

  it('an older highlight (not measured) gets no position selector unless its prefix is the whole text before', () => {
    const old = {
      ...made,
      position: { type: 'TextPositionSelector' as const, start, end: made.position.end },
    };
    expect(exported(old).target.selector.map((s: { type: string }) => s.type)).toEqual(['TextQuoteSelector']);
    const atStart: Highlight = {
      ...made,
      quote: { ...made.quote, prefix: text.slice(0, start) },
      position: { type: 'TextPositionSelector', start, end: made.position.end },
    };
    expect(exported(atStart).target.selector[1]).toMatchObject({ start: [...text.slice(0, start)].length });
  });

  it('another tool’s code points become UTF-16 units: exactly when the prefix reaches the start of the text', async () => {
    const foreign = (prefix: string, cpStart: number) => ({
      id: 'https://hypothes.is/a/abc',
      type: 'Annotation',
      target: {
        source: 'https://vnexpress.net/a-1.html',
        selector: [
          { type: 'TextQuoteSelector', exact: 'lúa 🌾', prefix },
          { type: 'TextPositionSelector', start: cpStart, end: cpStart + 5 },
        ],
      },
    });
    // "😀 ab " is 5 code points and 6 UTF-16 units.
    expect((await imported(foreign('😀 ab ', 5)))?.position).toEqual({
      type: 'TextPositionSelector',
      start: 6,
      end: 6 + 'lúa 🌾'.length,
      astralBefore: 1,
    });
    // The prefix is only the end of what precedes: the emoji it shows are counted, the position is a hint.
    expect((await imported(foreign('😀 ab ', 50)))?.position).toEqual({
      type: 'TextPositionSelector',
      start: 51,
      end: 51 + 'lúa 🌾'.length,
    });
  });
});
