/**
 * The W3C Web Annotation export against the model's shape (https://www.w3.org/TR/annotation-model/):
 * required keys, types, motivations, body purposes, selectors, and Clipmark's namespaced extensions.
 */
import { describe, expect, it } from 'vitest';
import { ANNO_CONTEXT, CLIPMARK_NS, selectionToWebAnnotations } from '@/utils/export/web-annotation';
import type { Highlight } from '@/utils/schema';
import { BAONAMDINH, id, sampleLibrary } from '../support/library-fixtures';

const lib = sampleLibrary();
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
