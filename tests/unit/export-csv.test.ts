/**
 * The CSV evidence table, read back by papaparse as a spreadsheet would read it: BOM, RFC 4180 quoting and
 * CRLF, every field intact (Vietnamese, commas, quotes, line breaks), formula-looking cells made text.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, selectionToCsv } from '@/utils/export/csv';
import { BAONAMDINH, sampleLibrary, T0 } from '@/utils/export/fixtures';
import type { Highlight } from '@/utils/schema';

const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true });

describe('CSV evidence table', () => {
  it('starts with a UTF-8 BOM and a header row', () => {
    const csv = selectionToCsv(sampleLibrary());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(parse(csv).data[0]).toEqual([
      'Quote',
      'Note',
      'Tags',
      'Colour',
      'Article title',
      'Site',
      'URL',
      'Published',
      'Highlighted at',
    ]);
    expect(parse(selectionToCsv(sampleLibrary(), { lang: 'vi' })).data[0]?.[0]).toBe('Trích dẫn');
  });

  it('every field round-trips through a CSV parser, rows by article then reading order', () => {
    const { data, errors } = parse(selectionToCsv(sampleLibrary()));
    expect(errors).toEqual([]);
    const rows = data.slice(1);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual([
      'lò sấy lúa mới, công suất 30 tấn/mẻ',
      'Số liệu: "30 tấn" — cần kiểm chứng, so với năm 2025.\nDòng 2 <b>in đậm?</b>',
      'nông nghiệp; HTX',
      'yellow',
      'Hợp tác xã Đồng Tiến: "lò sấy" mới, năng suất tăng 20%',
      'Báo Nam Định',
      BAONAMDINH,
      '2026-11-05T00:30:00+07:00',
      '2026-11-06T10:00:01+07:00',
    ]);
    // Reading order: position 250 before 400.
    expect(rows[1]?.[3]).toBe('pink');
    expect(rows[2]?.[3]).toBe('green');
    // No offset on the page: UTC.
    expect(rows[5]?.slice(7)).toEqual(['2026-03-10T06:00:00Z', '2026-11-06T03:00:06Z']);
    expect(rows[6]?.[1]).toBe('Dòng một\nDòng hai\n\n- gạch đầu dòng\n1. số\n\tthụt lề');
    expect(rows[6]?.[4]).toBe('');
  });

  it('cells a spreadsheet would run as formulas start with an apostrophe', () => {
    const base = sampleLibrary().highlights[0] as Highlight;
    const notes = ['=1+1', '+84 912', '-5%', '@SUM(A1)', '\tTAB', '\rCR', ' =còn lại', 'bình thường = 1'];
    const highlights = notes.map((note, i) => ({
      ...base,
      id: `${base.id.slice(0, -2)}${10 + i}`,
      note,
      createdAt: T0 + i,
    }));
    const rows = parse(selectionToCsv({ ...sampleLibrary(), highlights })).data.slice(1);
    expect(rows.map((r) => r[1])).toEqual([
      "'=1+1",
      "'+84 912",
      "'-5%",
      "'@SUM(A1)",
      "'\tTAB",
      "'\rCR",
      ' =còn lại',
      'bình thường = 1',
    ]);
    const sample = parse(selectionToCsv(sampleLibrary())).data.slice(1);
    expect(sample[2]?.[1]).toBe('\'=HYPERLINK("http://evil.example","bấm vào")');
    expect(sample[3]?.[0]).toBe("'- 5% so với cùng kỳ");
  });

  it('is RFC 4180: CRLF between records, quotes doubled, only fields that need it quoted', () => {
    const csv = selectionToCsv(sampleLibrary());
    // Outside quoted fields every line ends in CRLF.
    const outside = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(outside).not.toMatch(/[^\r]\n|\r(?!\n)/);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('nói "có"')).toBe('"nói ""có"""');
    expect(csvField('dòng\nmới')).toBe('"dòng\nmới"');
    expect(csvField('yellow')).toBe('yellow');
    expect(csvField('=A1,B1')).toBe('"\'=A1,B1"');
  });

  it('is deterministic whatever order the records come in', () => {
    const lib = sampleLibrary();
    const shuffled = {
      ...lib,
      articles: [...lib.articles].reverse(),
      highlights: [...lib.highlights].reverse(),
    };
    expect(selectionToCsv(shuffled)).toBe(selectionToCsv(lib));
  });
});
