/**
 * The "evidence table": one row per highlight, for Excel, LibreOffice, Google Sheets, pandas or R.
 * RFC 4180 (CRLF, fields with a comma, quote or line break quoted, quotes doubled), UTF-8 with a BOM so Excel
 * detects the encoding and shows Vietnamese instead of mojibake.
 */
import { displayTime, groupByArticle, publishedIso, siteName } from './common';
import { labelsFor } from './labels';
import type { ExportLang, Selection } from './types';

export interface CsvOptions {
  lang?: ExportLang;
}

const BOM = '\ufeff';

/**
 * One CSV field. A value a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a
 * leading `'`, which Excel and LibreOffice read as "this is text" (OWASP's CSV injection advice): a note
 * such as `=HYPERLINK("http://…")` cannot become a live formula on a researcher's machine.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Columns: quote, note, tags ("; "-separated — a tag cannot contain a comma, but a semicolon reads better
 * in a cell), colour, article title, site, url, published, highlighted at. Rows by article, then in
 * reading order; dates ISO 8601 in the article's offset (see `displayTime`).
 */
export function selectionToCsv(selection: Selection, options: CsvOptions = {}): string {
  const l = labelsFor(options.lang);
  const rows: string[][] = [
    [l.quote, l.note, l.tags, l.color, l.title, l.site, l.url, l.published, l.highlightedAt],
  ];
  for (const { article, highlights } of groupByArticle(selection)) {
    const published = publishedIso(article) ?? '';
    for (const h of highlights) {
      rows.push([
        h.quote.exact,
        h.note,
        h.tags.join('; '),
        h.color,
        article.title,
        siteName(article),
        article.url,
        published,
        displayTime(h.createdAt, article),
      ]);
    }
  }
  return BOM + rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
