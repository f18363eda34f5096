/**
 * Kindle's "My Clippings.txt" (utils/export/import-kindle.ts): entries between lines of ten `=`, highlights
 * with the note Kindle wrote at their end, bookmarks and notes on nothing left out with their line, the
 * interface languages' words and dates, a BOM before every entry, CRLF.
 */
import { describe, expect, it } from 'vitest';
import { bookKey } from '@/utils/export/book-key';
import { ImportError } from '@/utils/export/import-errors';
import { kindleTime, parseKindle, titleAndAuthor } from '@/utils/export/import-kindle';
import { isBookKey } from '@/utils/url';
import { FIXTURE_NOW, importFixture } from '../support/import-fixtures';

const now = () => FIXTURE_NOW;
const local = (...a: [number, number, number, number, number, number]) => new Date(...a).getTime();

describe('Kindle clippings', () => {
  it('reads highlights with their notes, each book an article without an address; leaves out what it cannot hold', async () => {
    const { records, times } = await parseKindle(importFixture('My Clippings.txt'), { now });
    const quotes = records.highlights.map((h) => h.quote.exact);
    expect(quotes).toEqual([
      'The ability to speak about fictions is the most unique feature of Sapiens language.',
      'Tôi sống độc lập từ thuở bé ấy.'.normalize('NFC'),
      `<img src=x onerror=alert(1)> = SUM(A1) + 'quoted' "double"`,
      'All warfare is based on deception.',
    ]);
    // NFD in the file, NFC in the library.
    expect(quotes[1]).toBe(quotes[1]?.normalize('NFC'));
    const [sapiens, deMen, , artOfWar] = records.highlights;
    expect(sapiens?.note).toBe('Fictions = cooperation "at scale" 🤝');
    expect(sapiens?.createdAt).toBe(local(2023, 4, 7, 22, 1, 2));
    expect(sapiens?.updatedAt).toBe(local(2023, 4, 7, 22, 2, 40)); // the note's time
    expect(sapiens?.position.start).toBe(170); // the location: reading order only
    expect(sapiens?.url).toBe(bookKey('Sapiens: A Brief History of Humankind', 'Harari, Yuval Noah'));
    expect(deMen?.url).toBe(bookKey('Dế Mèn phiêu lưu ký'.normalize('NFD'), 'Tô Hoài'));
    expect(artOfWar?.position.start).toBe(1234); // "Loc. 1234-35"
    expect(records.highlights.every((h) => isBookKey(h.url) && h.rawPosition === undefined)).toBe(true);

    expect(records.articles.map((a) => [a.title, a.meta.byline])).toEqual([
      ['Sapiens: A Brief History of Humankind', 'Harari, Yuval Noah'],
      ['Dế Mèn phiêu lưu ký'.normalize('NFC'), 'Tô Hoài'.normalize('NFC')],
      ['<script>alert(1)</script>', 'Mallory "The Hacker"'],
      ['The Art of War (Penguin Classics)', 'Sun Tzu'],
    ]);
    expect(records.articles.every((a) => a.site === '' && a.createdAt === a.updatedAt)).toBe(true);

    expect(times.leftOutCount).toBe(3);
    expect(new Set(times.leftOut.map((r) => r.path))).toEqual(new Set(['line 36', 'line 11', 'line 31']));
    expect(times.leftOut.find((r) => r.path === 'line 11')?.reason).toMatch(/^a bookmark/);
    expect(times.leftOut.find((r) => r.path === 'line 31')?.reason).toMatch(/^a note on no highlight/);
    expect(times.leftOut.find((r) => r.path === 'line 36')?.reason).toBe('the same highlight as line 1');
  });

  it('reads the interface languages: German, French, Spanish, Italian, Portuguese, Japanese', async () => {
    const { records, times } = await parseKindle(importFixture('My Clippings (localized).txt'), { now });
    expect(times.leftOutCount).toBe(0);
    expect(
      records.highlights.map((h) => [h.quote.exact.slice(0, 12), h.createdAt, h.position.start]),
    ).toEqual([
      ['Jemand mußte', local(2023, 4, 7, 22, 1, 2), 95],
      ["Aujourd'hui,", local(2023, 4, 8, 8, 15, 30), 5],
      ['Muchos años ', local(2023, 4, 9, 19, 45, 0), 120],
      ['In principio', local(2023, 4, 10, 11, 11, 11), 40],
      ['Uma noite de', local(2023, 4, 11, 14, 0, 0), 50],
      ['吾輩は猫である。名前はま', local(2023, 4, 12, 21, 0, 0), 12],
    ]);
    expect(records.highlights[0]?.note).toBe('Anfang!');
    expect(records.articles.map((a) => a.meta.byline)).toContain('Gabriel García Márquez');
  });

  it('reads dates in the forms Kindles write, and refuses days that do not exist', () => {
    expect(kindleTime('Added on Sunday, May 7, 2023 10:01:02 PM')).toBe(local(2023, 4, 7, 22, 1, 2));
    expect(kindleTime('Added on Sunday, 7 May 2023 12:00:00 AM')).toBe(local(2023, 4, 7, 0, 0, 0));
    expect(kindleTime('Added on Sunday, 7 May 2023 22:01')).toBe(local(2023, 4, 7, 22, 1, 0));
    expect(kindleTime('添加于 2023年5月7日星期日 下午10:01:02')).toBe(local(2023, 4, 7, 22, 1, 2));
    expect(kindleTime('Added on Saturday, 31 June 2023 10:00:00 AM')).toBeNull();
    expect(kindleTime('Added on someday')).toBeNull();
    expect(kindleTime('Added on Sunday, 7 May 2023 13:00:00 PM')).toBeNull();
  });

  it('takes the last parenthesised group of the title line as the author', () => {
    expect(titleAndAuthor('The Art of War (Penguin Classics) (Sun Tzu)')).toEqual({
      title: 'The Art of War (Penguin Classics)',
      author: 'Sun Tzu',
    });
    expect(titleAndAuthor('A title without author')).toEqual({ title: 'A title without author', author: '' });
  });

  it('names the line of an entry it cannot read, and imports the rest', async () => {
    const text = [
      'Book (Author)',
      '- Your Highlight on Location 1-2 | Added on Sunday, 7 May 2023 10:01:02 PM',
      '',
      'kept',
      '==========',
      'Book (Author)',
      '- Your Highlight on Location 3-4 | Added on the day after tomorrow',
      '',
      'no date',
      '==========',
      'Just a line of text',
      '==========',
    ].join('\n');
    const { records, times } = await parseKindle(text, { now });
    expect(records.highlights.map((h) => h.quote.exact)).toEqual(['kept']);
    expect(times.leftOut.map((r) => r.path)).toEqual(['line 7', 'line 11']);
    expect(times.leftOut[0]?.reason).toMatch(/the date in .* could not be read/);
    expect(times.leftOut[1]?.reason).toMatch(/^not a clipping/);
  });

  it('reads a hostile entry (a long run of spaces after "Location", a huge title) without stalling', async () => {
    const text = [
      `${'('.repeat(50_000)}Book (${' '.repeat(50_000)})`,
      `- Your Highlight on Location${' '.repeat(200_000)}x | Added on Sunday, 7 May 2023 10:01:02 PM`,
      '',
      'still read',
      '==========',
    ].join('\n');
    const { records } = await parseKindle(text, { now });
    expect(records.highlights.map((h) => [h.quote.exact, h.position.start])).toEqual([['still read', 0]]);
    expect(records.articles[0]?.title.length).toBe(1000);
  });

  it('refuses a file that is not a clippings file', async () => {
    await expect(parseKindle('hello\nworld\n', { now })).rejects.toThrow(ImportError);
    await expect(parseKindle('hello\nworld\n', { now })).rejects.toThrow(/not a Kindle "My Clippings.txt"/);
  });

  it('keeps the same book key for the same title and author however they are spelt, and never a page key', () => {
    const key = bookKey('Dế Mèn  phiêu lưu ký', 'TÔ HOÀI');
    expect(key).toBe(bookKey('dế mèn phiêu lưu ký'.normalize('NFD'), 'Tô Hoài'));
    expect(key).toMatch(/^book:[0-9a-f]{32}$/);
    expect(key).not.toBe(bookKey('Dế Mèn phiêu lưu ký', 'Another'));
  });
});
