import { describe, expect, it } from 'vitest';
import { parseDateRange, parseHost, parseQuery } from '@/utils/search/query';

const folded = (q: ReturnType<typeof parseQuery>) => q.terms.map((t) => t.folded);

describe('parseQuery', () => {
  it('splits words, folding them and keeping what was typed', () => {
    const q = parseQuery('Tổ chức ');
    expect(folded(q)).toEqual(['to', 'chuc']);
    expect(q.terms.map((t) => t.exact)).toEqual(['tổ', 'chức']);
    expect(q.terms.some((t) => t.prefix)).toBe(false); // ends with a space: the last word is complete
  });

  it('marks the last word as a prefix while it is being typed', () => {
    const q = parseQuery('to chu');
    expect(q.terms.map((t) => t.prefix)).toEqual([false, true]);
    expect(parseQuery('"to chu"').phrases[0]?.some((t) => t.prefix)).toBe(false);
  });

  it('reads quoted phrases, smart quotes and an unclosed quote', () => {
    expect(parseQuery('"xây dựng Đảng" và').phrases.map((p) => p.map((t) => t.folded))).toEqual([
      ['xay', 'dung', 'dang'],
    ]);
    expect(parseQuery('“kinh tế” x').phrases[0]?.map((t) => t.folded)).toEqual(['kinh', 'te']);
    expect(parseQuery('a "nông nghiệp').phrases[0]?.map((t) => t.folded)).toEqual(['nong', 'nghiep']);
  });

  it('treats a joined word as a phrase', () => {
    expect(parseQuery('covid-19').phrases[0]?.map((t) => t.folded)).toEqual(['covid', '19']);
  });

  it('reads tag, site and colour filters, folded and normalised', () => {
    const { filters, terms } = parseQuery(
      'tag:"Xây dựng" thẻ:Kinh-Tế site:https://www.BaoNamDinh.vn/x color:Yellow lua',
    );
    expect(filters.tags).toEqual(['xay dung', 'kinh te']);
    expect(filters.sites).toEqual(['baonamdinh.vn']);
    expect(filters.colors).toEqual(['yellow']);
    expect(terms.map((t) => t.folded)).toEqual(['lua']);
  });

  it('reads the filters under their Vietnamese names, with or without the marks (issue 20)', () => {
    const a = parseQuery('thẻ:"Nông nghiệp" trang:baonamdinh màu:vàng lúa');
    const b = parseQuery('the:"nong nghiep" TRANG:baonamdinh mau:vang lua');
    for (const { filters, terms } of [a, b]) {
      expect(filters.tags).toEqual(['nong nghiep']);
      expect(filters.sites).toEqual(['baonamdinh']);
      expect(filters.colors).toEqual(['yellow']);
      expect(terms.map((t) => t.folded)).toEqual(['lua']);
    }
    expect(parseQuery('màu:"xanh lá" -mau:xanh-dương màu:tím').filters).toMatchObject({
      colors: ['green', 'purple'],
      notColors: ['blue'],
    });
    const dates = parseQuery('từ:01/11/2026 đến:30/11/2026').filters;
    const range = parseQuery('after:2026-11-01 until:2026-11-30').filters;
    expect(dates).toMatchObject({ after: range.after, before: range.before });
    expect(parseQuery('ngày:09/11/2026').filters).toEqual(parseQuery('date:2026-11-09').filters);
    expect(parseQuery('trước:2026').filters.before).toBe(parseQuery('before:2026').filters.before);
  });

  it('reads date filters as local-time bounds', () => {
    const q = parseQuery('after:2026-01-01 before:2026-02-01');
    expect(q.filters.after).toBe(new Date(2026, 0, 1).getTime());
    expect(q.filters.before).toBe(new Date(2026, 1, 1).getTime());
    expect(parseQuery('until:2026-01-31').filters.before).toBe(new Date(2026, 1, 1).getTime()); // inclusive
    const month = parseQuery('date:2026-11').filters;
    expect([month.after, month.before]).toEqual([
      new Date(2026, 10, 1).getTime(),
      new Date(2026, 11, 1).getTime(),
    ]);
  });

  it('reads negations of words, phrases and filters', () => {
    const q = parseQuery('kinh te -ha -"nong thon" -tag:cu -site:x.vn -color:pink');
    expect(q.exclude).toEqual([['ha'], ['nong', 'thon']]);
    expect(folded(q)).toEqual(['kinh', 'te']);
    expect(q.filters.notTags).toEqual(['cu']);
    expect(q.filters.notSites).toEqual(['x.vn']);
    expect(q.filters.notColors).toEqual(['pink']);
  });

  it('searches unknown prefixes and unusable filter values as words', () => {
    const q = parseQuery('foo:bar color:red after:soon');
    expect(q.phrases.map((p) => p.map((t) => t.folded))).toEqual([
      ['foo', 'bar'],
      ['color', 'red'],
      ['after', 'soon'],
    ]);
    expect(q.filters.colors).toEqual([]);
    expect(q.filters.after).toBeUndefined();
    expect(q.warnings).toEqual(['color:red', 'after:soon']);
  });

  it('never throws on garbage and gives an empty query for nothing searchable', () => {
    const garbage = [
      '',
      ' ',
      '"',
      '""',
      '-',
      '--',
      ':',
      'tag:',
      '-"',
      '\u0000\u0301',
      '"""-',
      'a'.repeat(5000),
      '🙂 :: -- ""',
    ];
    for (const input of garbage) expect(() => parseQuery(input)).not.toThrow();
    expect(parseQuery('" - : ""')).toMatchObject({ terms: [], phrases: [], exclude: [] });
    expect(() => parseQuery(undefined as unknown as string)).not.toThrow();
  });
});

describe('query helpers', () => {
  it('parseHost accepts hosts and URLs, rejects non-hosts', () => {
    expect(parseHost('www.tuoitre.vn')).toBe('tuoitre.vn');
    expect(parseHost('m.tuoitre.vn')).toBe('tuoitre.vn');
    expect(parseHost('Báo.vn')).toBe('xn--bo-mia.vn'); // as URL hostnames store it
    expect(parseHost('http://vnexpress.net/a?b')).toBe('vnexpress.net');
    expect(parseHost('bad host')).toBeUndefined();
  });

  it('parseDateRange reads ISO and day-first Vietnamese dates and rejects impossible ones', () => {
    expect(parseDateRange('05/11/2026')).toEqual([
      new Date(2026, 10, 5).getTime(),
      new Date(2026, 10, 6).getTime(),
    ]);
    expect(parseDateRange('2026')).toEqual([new Date(2026, 0, 1).getTime(), new Date(2027, 0, 1).getTime()]);
    expect(parseDateRange('2026-12')?.[1]).toBe(new Date(2027, 0, 1).getTime());
    expect(parseDateRange('31/02/2026')).toBeUndefined();
    expect(parseDateRange('2026-13')).toBeUndefined();
  });
});
