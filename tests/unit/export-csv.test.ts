/**
 * The CSV evidence table, read back by papaparse as a spreadsheet would read it: BOM, RFC 4180 quoting and
 * CRLF, every field intact (Vietnamese, commas, quotes, line breaks), formula-looking cells made text —
 * wherever a spreadsheet may start a cell (issue 15, finding 8), numbers and phone numbers left as written.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, guardFormulas, selectionToCsv } from '@/utils/export/csv';
import type { Highlight } from '@/utils/schema';
import { BAONAMDINH, sampleLibrary, T0 } from '../support/library-fixtures';

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
    // A line of a note that starts with "-" is a cell of its own where a spreadsheet breaks rows at line breaks.
    expect(rows[6]?.[1]).toBe("Dòng một\nDòng hai\n\n'- gạch đầu dòng\n1. số\n\tthụt lề");
    expect(rows[6]?.[4]).toBe('');
  });

  it('cells a spreadsheet would run as formulas start with an apostrophe; numbers and phones do not', () => {
    const base = sampleLibrary().highlights[0] as Highlight;
    const notes = ['=1+1', '+84 912', '-5%', '@SUM(A1)', '\tTAB', '\rCR', ' =còn lại', 'bình thường = 1'];
    const highlights = notes.map((note, i) => ({
      ...base,
      id: `${base.id.slice(0, -2)}${10 + i}`,
      note,
      createdAt: T0 + i,
    }));
    const rows = parse(selectionToCsv({ ...sampleLibrary(), highlights })).data.slice(1);
    // Changed with issue 15: "+84 912" and "-5%" used to get an apostrophe (a phone number and a percentage
    // changed for good), and " =còn lại" none (a formula behind a space).
    expect(rows.map((r) => r[1])).toEqual([
      "'=1+1",
      '+84 912',
      '-5%',
      "'@SUM(A1)",
      "'\tTAB",
      "'\rCR",
      "' =còn lại",
      'bình thường = 1',
    ]);
    const sample = parse(selectionToCsv(sampleLibrary())).data.slice(1);
    expect(sample[2]?.[1]).toBe('\'=HYPERLINK("http://evil.example","bấm vào")');
    expect(sample[3]?.[0]).toBe("'- 5% so với cùng kỳ");
    expect(sample[3]?.[1]).toBe('+84 912 345 678');
    expect(sample[4]?.[1]).toBe("'@channel xem lại");
  });

  it('a formula after a separator a spreadsheet may split on, or after spaces, is neutralised', () => {
    // Vietnamese Excel splits cells on ";", others on "," or tab, and a line break can start a row: each of
    // those starts a cell too. Fullwidth ＝ ＋ － ＠ become = + - @ in East Asian spreadsheets.
    const cases: [string, string][] = [
      ['x;=1+1', "x;'=1+1"],
      ['x,=1+1', "x,'=1+1"],
      ['x\t=1+1', "x\t'=1+1"],
      ['dòng 1\n=1+1', "dòng 1\n'=1+1"],
      ['dòng 1\r\n@SUM(A1)', "dòng 1\r\n'@SUM(A1)"],
      [' =1+1', "' =1+1"],
      ['\u00a0\u3000=1+1', "'\u00a0\u3000=1+1"],
      ['x; =1+1', "x;' =1+1"],
      ['＝1+1', "'＝1+1"],
      ['＋HYPERLINK("http://evil.example")', '\'＋HYPERLINK("http://evil.example")'],
      ['－2+3', "'－2+3"],
      ['＠SUM(A1)', "'＠SUM(A1)"],
      ['a;＝1', "a;'＝1"],
      ['﹦1+1', "'﹦1+1"],
      ['-1+1', "'-1+1"],
      ['+A1', "'+A1"],
      ["-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"],
      ['- 5%', "'- 5%"],
      ['-5%,=1', "'-5%,'=1"],
      ['\n-5,+A1', "'\n-5,'+A1"],
      ['-1e5', "'-1e5"],
    ];
    for (const [value, guarded] of cases) expect(guardFormulas(value), JSON.stringify(value)).toBe(guarded);
  });

  it('numbers, percentages and phone numbers are left as written, alone or between separators', () => {
    const honest = [
      '-5%',
      '+5%',
      '-12.5',
      '-0,5',
      '1,234',
      '-1,234',
      '-1.234,5',
      '+1.234.567',
      '+84 912 345 678',
      '+84-912-345-678',
      '+84.912.345.678',
      '+84912345678',
      '+1 (555) 010-0199',
      '+84 (0) 912 345 678',
      '－5%',
      '＋84 912 345 678',
      'giá: -5%; lượng: +12,5%',
      'gọi +84 912 345 678, hoặc -1',
      'lãi suất\n-0,5%',
      'bình thường = 1',
      'a@b.vn',
      "'đã có dấu nháy",
      '',
    ];
    for (const value of honest) expect(guardFormulas(value), JSON.stringify(value)).toBe(value);
  });

  it('papaparse reads every cell back as written, but for the apostrophes the guard put in', () => {
    const base = sampleLibrary().highlights[0] as Highlight;
    const notes = [
      'x;=1+1',
      ' =1+1',
      '＝1+1',
      '-5%',
      '+84 912 345 678',
      'nói "có", rồi\n=HYPERLINK("http://evil.example")',
      'Hà Nội; "Đà Nẵng",\r\n-12.5',
      '\t@x',
    ];
    const highlights = notes.map((note, i) => ({
      ...base,
      id: `${base.id.slice(0, -2)}${20 + i}`,
      quote: { ...base.quote, exact: note },
      note,
      tags: [],
      createdAt: T0 + i,
    }));
    const { data, errors } = parse(selectionToCsv({ ...sampleLibrary(), highlights }));
    expect(errors).toEqual([]);
    const rows = data.slice(1);
    expect(rows).toHaveLength(notes.length);
    const ours = rows.filter((r) => r[4] === sampleLibrary().articles[0]?.title);
    expect(ours).toHaveLength(notes.length);
    expect(ours.map((r) => r[1])).toEqual([
      "x;'=1+1",
      "' =1+1",
      "'＝1+1",
      '-5%',
      '+84 912 345 678',
      'nói "có", rồi\n\'=HYPERLINK("http://evil.example")',
      'Hà Nội; "Đà Nẵng",\r\n-12.5',
      // A field that starts with a tab (OWASP), and a cell after that tab.
      "'\t'@x",
    ]);
    // The quote column holds the same text, guarded the same way; removing the apostrophes gives it back.
    const unguard = (cell: string) => cell.replace(/(^|[,;\t\r\n])'/g, '$1');
    expect(ours.map((r) => unguard(r[0] as string))).toEqual(notes);
  });

  it('is RFC 4180: CRLF between records, quotes doubled, every field quoted', () => {
    const csv = selectionToCsv(sampleLibrary());
    // Outside quoted fields every line ends in CRLF.
    const outside = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(outside).not.toMatch(/[^\r]\n|\r(?!\n)/);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('nói "có"')).toBe('"nói ""có"""');
    expect(csvField('dòng\nmới')).toBe('"dòng\nmới"');
    // Changed with issue 15: every field is quoted now ("yellow" was written bare).
    expect(csvField('yellow')).toBe('"yellow"');
    expect(csvField('')).toBe('""');
    expect(csv.split('\r\n')[1]).toMatch(/^"[^"]/);
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
