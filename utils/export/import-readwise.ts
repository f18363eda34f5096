/**
 * Import of Readwise's CSV export (readwise.io/export: "Export to CSV"), whose columns are Highlight, Book
 * Title, Book Author, Amazon Book ID, Note, Color, Tags, Location Type, Location, Highlighted at and Document
 * tags. The header row names them (any order; the case of the names is ignored; other columns are ignored);
 * Highlight and Book Title are required. Readwise holds books, articles, tweets and podcasts alike, and its
 * export gives no web address, so each title becomes an article without one (a book key, see
 * utils/export/book-key.ts) whose highlights have no page to anchor on — unless the file has a URL column
 * (Readwise's own CSV import format has one) with an http(s) address, which is then the article's key.
 * Tags and Document tags both become the highlights' tags (Clipmark has no tags per article). A Document note
 * (a column some exports add) is listed as left out, once per document: Clipmark has no article notes yet. A row
 * Clipmark cannot hold is left out, named by its row and line.
 */
import { normalizeUrl } from '../url';
import { bookKey } from './book-key';
import { type CsvRow, readCsv } from './csv-read';
import { checkSize, ImportError } from './import-errors';
import { colorOf, ForeignImport } from './import-foreign';
import type { ParsedImport, ParseOptions } from './import-records';

const COLUMNS = {
  highlight: 'highlight',
  title: 'book title',
  author: 'book author',
  note: 'note',
  color: 'color',
  tags: 'tags',
  locationType: 'location type',
  location: 'location',
  at: 'highlighted at',
  documentTags: 'document tags',
  documentNote: 'document note',
  url: 'url',
} as const;

/** True when the text's first line is a Readwise header (Highlight and Book Title among its cells). */
export function looksLikeReadwise(text: string): boolean {
  const first = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  const names = first.split(',').map((c) => c.replace(/^"|"$/g, '').trim().toLowerCase());
  return names.includes(COLUMNS.highlight) && names.includes(COLUMNS.title);
}

/** "2023-05-07 15:01:02+00:00" (Readwise writes UTC), or ISO 8601; a time without a zone is UTC. */
export function readwiseTime(value: string): number | null {
  const v = value.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    v,
  );
  if (!m) return null;
  const zone = m[3]
    ? m[3].toUpperCase() === 'Z'
      ? 'Z'
      : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
    : 'Z';
  const t = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${zone}`);
  return Number.isNaN(t) ? null : t;
}

export async function parseReadwise(text: string, options: ParseOptions = {}): Promise<ParsedImport> {
  checkSize(text);
  const rows = readCsv(text);
  const header = rows[0];
  if (!header || !looksLikeReadwise(text)) {
    throw new ImportError(
      'wrong-format',
      'This is not a Readwise CSV export (its first line should name the columns Highlight and Book Title).',
    );
  }
  const index = new Map(header.cells.map((name, i) => [name.trim().toLowerCase(), i]));
  const cell = (row: CsvRow, column: string) => {
    const i = index.get(column);
    return i === undefined ? '' : (row.cells[i] ?? '');
  };
  const out = new ForeignImport(options);
  const body = rows.slice(1);
  // A row without a time takes the latest of the file: stable, so importing the file again changes nothing.
  let latest: number | null = null;
  for (const row of body) {
    const t = readwiseTime(cell(row, COLUMNS.at));
    if (t !== null && (latest === null || t > latest)) latest = t;
  }
  const articles = new Map<string, { title: string; author: string }>();
  const documentNotes = new Set<string>();
  for (const [n, row] of body.entries()) {
    const path = `row ${n + 2} (line ${row.line})`;
    if (row.cells.length > header.cells.length) {
      out.leave(path, `${row.cells.length} cells where the header names ${header.cells.length}`);
      continue;
    }
    const title = cell(row, COLUMNS.title).normalize('NFC').trim();
    const author = cell(row, COLUMNS.author).normalize('NFC').trim();
    if (!title) {
      out.leave(path, 'no Book Title: Clipmark keeps each highlight with its book or article');
      continue;
    }
    const written = cell(row, COLUMNS.at);
    const time = written.trim() ? readwiseTime(written) : latest;
    if (time === null) {
      out.leave(
        path,
        written.trim() ? `"Highlighted at" is not a date: "${written.slice(0, 40)}"` : 'no date',
      );
      continue;
    }
    const web = normalizeUrl(cell(row, COLUMNS.url).trim());
    const key = web ?? bookKey(title, author);
    // A note on the whole document (a column some exports have): Clipmark has no article notes yet.
    if (cell(row, COLUMNS.documentNote).trim() && !documentNotes.has(key)) {
      documentNotes.add(key);
      out.leave(
        path,
        `the Document note of "${title.slice(0, 80)}": notes on a whole document are not imported`,
      );
    }
    const location = cell(row, COLUMNS.location).trim();
    const quote = cell(row, COLUMNS.highlight).normalize('NFC');
    const added = await out.add({
      path,
      key,
      idName: `readwise\n${key}\n${cell(row, COLUMNS.locationType).trim()}\n${location}\n${quote.trim()}`,
      quote,
      note: cell(row, COLUMNS.note).normalize('NFC').trim(),
      tags: [cell(row, COLUMNS.tags), cell(row, COLUMNS.documentTags)],
      color: colorOf(cell(row, COLUMNS.color)),
      createdAt: time,
      updatedAt: time,
      // A book's location gives the reading order; a web page's highlights anchor by their quote.
      start: !web && /^\d{1,9}$/.test(location) ? Number(location) : undefined,
    });
    if (added && !articles.has(key)) articles.set(key, { title, author });
  }
  for (const [key, facts] of articles) out.article(key, facts);
  return out.done(options);
}
