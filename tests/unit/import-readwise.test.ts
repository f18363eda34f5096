/**
 * Readwise's CSV export (utils/export/import-readwise.ts) and the CSV reader under it (csv-read.ts): quoted
 * cells with commas, quotes and line breaks, CRLF, a BOM; cells kept as text (a leading = + - @ is not a
 * formula here); rows Clipmark cannot hold left out with their row and line; papaparse, the parser
 * spreadsheets' users reach for, reads the fixture the same way.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { bookKey } from '@/utils/export/book-key';
import { readCsv } from '@/utils/export/csv-read';
import { parseReadwise, readwiseTime } from '@/utils/export/import-readwise';
import { FIXTURE_NOW, importFixture } from '../support/import-fixtures';

const now = () => FIXTURE_NOW;

describe('Readwise CSV', () => {
  it('reads the fixture cell for cell as papaparse does', () => {
    const text = importFixture('readwise-export.csv');
    const ours = readCsv(text).map((r) => r.cells);
    const theirs = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    expect(ours).toEqual(theirs.map((row) => row.map((c) => c.replace(/\r\n/g, '\n'))));
  });

  it('imports highlights with notes, colours and tags; each title an article without an address', async () => {
    const { records, times } = await parseReadwise(importFixture('readwise-export.csv'), { now });
    const [sapiens, deMen, hostile, emoji, long] = records.highlights;
    expect(records.highlights).toHaveLength(5);
    expect(sapiens).toMatchObject({
      url: bookKey('Sapiens', 'Yuval Noah Harari'),
      note: 'Fictions, "at scale"\nsecond line',
      color: 'yellow',
      tags: ['history', 'favorite', 'books'],
      createdAt: Date.UTC(2023, 4, 7, 15, 1, 2),
      position: { start: 170 },
    });
    expect(deMen?.quote.exact).toBe('Tôi sống độc lập từ thuở bé ấy.'.normalize('NFC'));
    expect(deMen?.note).toBe('Đọc lại — đ'.normalize('NFC'));
    expect(deMen?.tags).toEqual(['văn học'.normalize('NFC')]);
    // Text stays text: no formula, no markup, kept as written.
    expect(hostile?.quote.exact).toBe("<script>alert('x')</script>");
    expect(hostile?.note).toBe('=HYPERLINK("http://evil.example","click")');
    expect(hostile?.tags).toEqual(['=cmd', '+sum', '-1', '@at', '-danger']);
    expect(hostile?.color).toBe('pink');
    expect(emoji?.quote.exact).toBe('Emoji 😀 and a comma, inside');
    expect(emoji?.note).toBe('+1 agreed 👍');
    expect(emoji?.createdAt).toBe(Date.UTC(2023, 4, 10, 0, 6));
    expect(long?.note).toHaveLength(50_000);
    expect(records.articles.map((a) => [a.title, a.meta.byline ?? null])).toEqual([
      ['Sapiens', 'Yuval Noah Harari'],
      ['Dế Mèn phiêu lưu ký'.normalize('NFC'), 'Tô Hoài'.normalize('NFC')],
      ['<b>Hostile</b> & Co', '@attacker'],
      ['Hostile & Co', '@attacker'], // another title: another article
      ['Long notes', 'Anon'],
    ]);

    expect(times.leftOut).toEqual([
      { path: 'row 7 (line 8)', reason: 'the note has 50,001 characters; Clipmark keeps at most 50,000' },
      { path: 'row 8 (line 9)', reason: 'no highlighted text: Clipmark keeps highlights of text' },
      {
        path: 'row 9 (line 10)',
        reason: 'no Book Title: Clipmark keeps each highlight with its book or article',
      },
    ]);
    // A time in 2090 is refused like any import's.
    expect(times.refused.highlights).toBe(1);
    expect(times.records[0]?.path).toBe('row 10 (line 11)');
  });

  it('uses a URL column when the file has one: those highlights belong to the page', async () => {
    const text =
      'Highlight,Title,Book Title,URL,Highlighted at\r\n"A quote",x,Trang,https://www.vnexpress.net/a?utm_source=x#top,2024-01-01 00:00:00+00:00\r\n';
    const { records } = await parseReadwise(text, { now });
    expect(records.highlights[0]?.url).toBe('https://vnexpress.net/a');
    expect(records.highlights[0]?.position).toMatchObject({ start: 0 });
    expect(records.articles[0]?.url).toBe('https://vnexpress.net/a');
  });

  it('lists a Document note as left out, once per document, and imports its highlights', async () => {
    const text = [
      'Highlight,Book Title,Book Author,Note,Highlighted at,Document note',
      'one,Book,A,,2024-01-01 00:00:00+00:00,About the whole book',
      'two,Book,A,,2024-01-02 00:00:00+00:00,About the whole book',
    ].join('\n');
    const { records, times } = await parseReadwise(text, { now });
    expect(records.highlights.map((h) => h.quote.exact)).toEqual(['one', 'two']);
    expect(times.leftOut).toEqual([
      {
        path: 'row 2 (line 2)',
        reason: 'the Document note of "Book": notes on a whole document are not imported',
      },
    ]);
  });

  it('names the line of a broken CSV, and refuses a file that is not Readwise’s', async () => {
    await expect(parseReadwise('Highlight,Book Title\n"never closed,x\n', { now })).rejects.toThrow(
      'line 2: a quoted cell is never closed.',
    );
    await expect(parseReadwise('Highlight,Book Title\nab"c,x\n', { now })).rejects.toThrow(
      'line 2: a quote inside a cell that is not quoted.',
    );
    await expect(parseReadwise('Title,Author\nx,y\n', { now })).rejects.toThrow(/not a Readwise CSV export/);
  });

  it('reads Readwise’s times (UTC) and ISO 8601', () => {
    expect(readwiseTime('2023-05-07 15:01:02+00:00')).toBe(Date.UTC(2023, 4, 7, 15, 1, 2));
    expect(readwiseTime('2023-05-07 22:01:02+07:00')).toBe(Date.UTC(2023, 4, 7, 15, 1, 2));
    expect(readwiseTime('2023-05-07T15:01:02Z')).toBe(Date.UTC(2023, 4, 7, 15, 1, 2));
    expect(readwiseTime('2023-05-07')).toBe(Date.UTC(2023, 4, 7));
    expect(readwiseTime('07/05/2023')).toBeNull();
  });
});
