// @vitest-environment node
/**
 * The W3C Web Annotation export read as JSON-LD, as an annotation server or a triple store would: expanded by
 * `jsonld` (digitalbazaar's processor) against the W3C annotation context, bundled in tests/fixtures/jsonld/ (a
 * document loader serves it; any other address fails, so nothing is fetched). Safe mode makes a term the
 * context does not define, or a value it cannot map, an error instead of being dropped: a file that only looks
 * like JSON-LD fails. Then the expanded terms are checked as the model's IRIs (https://www.w3.org/TR/annotation-model/).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { ANNO_CONTEXT, CLIPMARK_NS, selectionToWebAnnotations } from '@/utils/export/web-annotation';
import { hostileLibrary } from '../support/hostile-library';
import { sampleLibrary } from '../support/library-fixtures';

const ANNO = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/jsonld/anno.jsonld'), 'utf8'));
const loaded: string[] = [];
const documentLoader = async (url: string) => {
  loaded.push(url);
  if (url !== ANNO_CONTEXT) throw new Error(`no network in tests: ${url}`);
  return { contextUrl: null, documentUrl: url, document: ANNO };
};

const OA = 'http://www.w3.org/ns/oa#';
const AS = 'http://www.w3.org/ns/activitystreams#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const DCTERMS = 'http://purl.org/dc/terms/';

type Node = Record<string, unknown[]> & { '@id'?: string; '@type'?: string[] };
const expand = async (doc: unknown) =>
  (await jsonld.expand(doc as object, { documentLoader, safe: true })) as unknown as Node[];
const one = (node: Node, iri: string) => {
  const values = node[iri];
  if (!Array.isArray(values) || values.length !== 1)
    throw new Error(`expected one ${iri}, got ${JSON.stringify(values)}`);
  return values[0] as Node & { '@value'?: unknown; '@list'?: Node[] };
};
const value = (node: Node, iri: string) => one(node, iri)['@value'];

/** The checks an annotation consumer relies on; throws on the first miss. Returns the annotations. */
function checkCollection(expanded: Node[], total: number): Node[] {
  expect(expanded).toHaveLength(1);
  const collection = expanded[0] as Node;
  expect(collection['@type']).toEqual([`${AS}OrderedCollection`]);
  expect(collection['@id']).toMatch(/^urn:uuid:/);
  expect(value(collection, `${AS}totalItems`)).toBe(total);
  const page = one(collection, `${AS}first`);
  expect(page['@type']).toEqual([`${AS}OrderedCollectionPage`]);
  const items = one(page, `${AS}items`)['@list'] as Node[];
  expect(items).toHaveLength(total);
  for (const annotation of items) {
    expect(annotation['@type']).toEqual([`${OA}Annotation`]);
    expect(annotation['@id']).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(one(annotation, `${OA}motivatedBy`)['@id']).toMatch(
      new RegExp(`^${OA}(highlighting|commenting)$`),
    );
    expect(one(annotation, `${DCTERMS}created`)['@type']).toBe(`${XSD}dateTime`);
    const target = one(annotation, `${OA}hasTarget`);
    expect(one(target, `${OA}hasSource`)['@id']).toMatch(/^https?:\/\//);
    const selectors = target[`${OA}hasSelector`] as Node[];
    const quote = selectors.find((s) => s['@type']?.[0] === `${OA}TextQuoteSelector`) as Node;
    expect(typeof value(quote, `${OA}exact`)).toBe('string');
    for (const s of selectors.filter((s) => s['@type']?.[0] === `${OA}TextPositionSelector`)) {
      for (const term of ['start', 'end']) {
        expect(one(s, `${OA}${term}`)['@type']).toBe(`${XSD}nonNegativeInteger`);
        expect(Number.isInteger(value(s, `${OA}${term}`))).toBe(true);
      }
    }
    for (const body of (annotation[`${OA}hasBody`] ?? []) as Node[]) {
      expect(body['@type']).toEqual([`${OA}TextualBody`]);
      expect(typeof value(body, `${RDF}value`)).toBe('string');
      expect(one(body, `${OA}hasPurpose`)['@id']).toMatch(new RegExp(`^${OA}(commenting|tagging)$`));
    }
    // Clipmark's own facts in its namespace; the position a JSON literal, as the context says.
    expect(typeof value(annotation, `${CLIPMARK_NS}color`)).toBe('string');
    expect(one(annotation, `${CLIPMARK_NS}position`)['@type']).toBe('@json');
  }
  return items;
}

describe('the W3C export as JSON-LD', () => {
  it('expands with the bundled annotation context, nothing fetched, every term an IRI of the model', async () => {
    const lib = sampleLibrary();
    const doc = JSON.parse(selectionToWebAnnotations(lib));
    loaded.length = 0;
    const items = checkCollection(await expand(doc), lib.highlights.length);
    expect(loaded).toEqual([ANNO_CONTEXT]);
    // The quote and a position survive expansion as the values the file holds.
    const first = doc.first.items[0];
    const target = one(items[0] as Node, `${OA}hasTarget`);
    const selectors = target[`${OA}hasSelector`] as Node[];
    expect(value(selectors[0] as Node, `${OA}exact`)).toBe(first.target.selector[0].exact);
    expect(one(target, `${OA}hasSource`)['@id']).toBe(first.target.source);
    const position = selectors.find((s) => s['@type']?.[0] === `${OA}TextPositionSelector`);
    if (position) expect(value(position, `${OA}start`)).toBe(first.target.selector[1].start);
  });

  it('expands the hostile library too: notes of 50,000 characters, NFD, markup, odd addresses', async () => {
    const lib = hostileLibrary();
    const doc = JSON.parse(selectionToWebAnnotations(lib));
    const items = checkCollection(await expand(doc), lib.highlights.length);
    const notes = items.flatMap((a) =>
      ((a[`${OA}hasBody`] ?? []) as Node[])
        .filter((b) => one(b, `${OA}hasPurpose`)['@id'] === `${OA}commenting`)
        .map((b) => value(b, `${RDF}value`) as string),
    );
    expect(Math.max(...notes.map((n) => n.length))).toBe(50_000);
  });

  it('fails a file that only looks like JSON-LD: an undefined term, a missing context, a wrong value', async () => {
    const good = () => JSON.parse(selectionToWebAnnotations(sampleLibrary()));
    // A key the context does not define would be dropped silently without safe mode.
    const misspelt = good();
    misspelt.first.items[0].selectr = misspelt.first.items[0].target.selector;
    await expect(expand(misspelt)).rejects.toThrow(/safe mode|dropp|invalid/i);
    // Without the context nothing is an IRI: the checks fail.
    const bare = good();
    delete bare['@context'];
    await expect(expand(bare).then((e) => checkCollection(e, 7))).rejects.toThrow(
      /expected|safe mode|dropp/i,
    );
    // A target whose source is not an address: no hasSource IRI.
    const relative = good();
    relative.first.items[0].target = { selector: relative.first.items[0].target.selector };
    await expect(expand(relative).then((e) => checkCollection(e, relative.total))).rejects.toThrow(
      /expected one http:\/\/www\.w3\.org\/ns\/oa#hasSource/,
    );
    // The real file passes the same checks (the three above fail for their own reason).
    await expect(expand(good()).then((e) => checkCollection(e, 7))).resolves.toHaveLength(7);
  });
});
