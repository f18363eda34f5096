/**
 * A W3C Web Annotation file from another tool with page notes (a target that is only an address), replies
 * and quotes nested in `refinedBy` (issue 19): the highlights are imported, page notes become the article's
 * note, replies are left out with why — the file is no longer refused whole.
 */
import { describe, expect, it } from 'vitest';
import { importKindOf } from '@/utils/export/formats';
import { parseWebAnnotations } from '@/utils/export/import-web-annotation';
import { FIXTURE_NOW, importFixture } from '../support/import-fixtures';

const now = () => FIXTURE_NOW;

describe('W3C files with page notes, replies and refinedBy', () => {
  it('imports the highlights, a quote refining a range too, page notes as the article’s note, and leaves out replies', async () => {
    const text = importFixture('w3c-page-notes-replies.jsonld');
    expect(importKindOf(text)).toBe('web-annotation');
    const { records, times } = await parseWebAnnotations(text, { now });
    expect(records.highlights.map((h) => [h.quote.exact, h.quote.prefix, h.note, h.tags])).toEqual([
      ['Các nhà khoa học', '', "A plain highlight's note", ['khoa học']],
      ['phát hiện mới', 'một ', '', []],
    ]);
    expect(records.highlights.every((h) => h.url === 'https://vnexpress.net/khoa-hoc')).toBe(true);
    expect(times.leftOut).toEqual([
      { path: 'first.items[2]', reason: 'a reply to another annotation: replies are not imported' },
    ]);
    // Both page notes (a bare address, a source without a selector) make the article's note, in file order.
    expect(records.articles.map((a) => [a.url, a.note])).toEqual([
      ['https://vnexpress.net/khoa-hoc', 'A note on the whole page\n\nonly a source'],
    ]);
  });

  it('a position refining an element is not read as the page’s', async () => {
    const file = {
      type: 'Annotation',
      id: 'urn:x:1',
      target: {
        source: 'https://vnexpress.net/a',
        selector: {
          type: 'CssSelector',
          value: '#p3',
          refinedBy: [{ type: 'TextQuoteSelector', exact: 'ba' }],
        },
      },
    };
    // refinedBy as an array is not what §4.2.9 allows: the quote is not found and the annotation is left out.
    const { records, times } = await parseWebAnnotations(JSON.stringify(file), { now });
    expect(records.highlights).toHaveLength(0);
    expect(times.leftOutCount).toBe(1);
    const nested = {
      ...file,
      target: {
        source: 'https://vnexpress.net/a',
        selector: {
          type: 'CssSelector',
          value: '#p3',
          refinedBy: {
            type: 'TextPositionSelector',
            start: 4,
            end: 6,
            refinedBy: { type: 'TextQuoteSelector', exact: 'ba' },
          },
        },
      },
    };
    const read = await parseWebAnnotations(JSON.stringify(nested), { now });
    expect(read.records.highlights[0]?.quote.exact).toBe('ba');
    // Counted from the element, not the page: no position taken from it.
    expect(read.records.highlights[0]?.position).toMatchObject({ start: 0, end: 2 });
  });
});
