/**
 * The "evidence table": one row per highlight, for Excel, LibreOffice, Google Sheets, pandas or R.
 * RFC 4180 (CRLF, every field quoted, quotes doubled), UTF-8 with a BOM so Excel detects the encoding and
 * shows Vietnamese instead of mojibake.
 *
 * Formulas. Quotes, notes, tags and titles come from web pages and from the user, and a spreadsheet runs a
 * cell that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)` sends data away; `-cmd|…!A0`
 * starts a program through DDE). We follow OWASP's CSV injection guidance
 * (https://owasp.org/www-community/attacks/CSV_Injection): quote every field, double its quotes, and put a `'`
 * — which Excel and LibreOffice read as "this is text" and do not show — in front of a cell that would start
 * with a formula character; and, as OWASP warns, a check of the first character is not enough: a separator
 * inside a field starts a cell too, for a spreadsheet that splits on a separator other than ours (Excel in a
 * Vietnamese, French or German locale splits on `;` and then ignores our quotes) or that starts a row at a
 * line break. The rule, for each field (`guardFormulas`):
 *
 * - The places a cell can start: the field's start, and right after each `,` `;` tab, CR or LF in it.
 * - Such a place starts a formula when, after any spaces (including no-break and ideographic spaces), its
 *   first character is `=`, `+`, `-` or `@`, or a character Unicode folds to one of them (NFKC: fullwidth
 *   `＝ ＋ － ＠`, small `﹦ ﹢ ﹣ ﹫`), which spreadsheets in East Asian locales read as the ASCII ones. A field
 *   that starts with a tab or CR starts a formula too (OWASP's list: a spreadsheet may drop it and read on).
 * - Unless the text from there to the next separator (for the field's start: the whole field) is a plain
 *   number or phone number, `'` is put there (before the spaces). Number: a sign, digits, groups of digits
 *   after single `.` or `,`, and an optional `%` — `-5%`, `-12.5`, `+1.234,5`, `-0,5`. Phone: `+`, then groups
 *   of digits (one may be in parentheses) split by at most one space, `-` or `.` — `+84 912 345 678`,
 *   `+1 (555) 010-0199`. Fullwidth digits and signs count as ASCII. Such a value has no letter, quote, `:`,
 *   `!` or `|` and ends in a digit, `%` or `)`: whatever a spreadsheet makes of it, it can neither call a
 *   function nor refer to a cell, a sheet or another program, and it stays the number the user wrote, where
 *   a `'` would stay in the value for good in pandas, R or any non-spreadsheet reader. `-1e5`, `- 5%` or
 *   `=1` are not plain and get the `'`.
 *
 * So a reader that parses the file as RFC 4180 gets every value back as written, but for those `'`.
 */
import { citeUrl, displayTime, groupByArticle, publishedIso, siteName } from './common';
import { labelsFor } from './labels';
import type { ExportLang, Selection } from './types';

export interface CsvOptions {
  lang?: ExportLang;
}

const BOM = '\ufeff';

/** The separators a spreadsheet may start a cell at: ours, the `;` of many locales, tab, line breaks. */
const SEPARATORS = /([,;\t\r\n])/;
/** Leading spaces that are not separators, then the character after them. */
const FIRST = /^[^\S\t\r\n]*(.?)/su;
const FORMULA_CHARS = new Set(['=', '+', '-', '@']);
const NUMBER = /^[+-]?\d+(?:[.,]\d+)*%?$/;
const PHONE = /^\+(?:\d+|\(\d+\))(?:[ .-]?(?:\d+|\(\d+\)))*$/;

/** Whether `text`, after its spaces, starts with a formula character (or its fullwidth or small form). */
function startsFormula(text: string): boolean {
  const first = FIRST.exec(text)?.[1] ?? '';
  return FORMULA_CHARS.has(first.normalize('NFKC'));
}

/** A plain number or phone number (see the module comment), spaces around it allowed. */
function isPlainNumber(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return NUMBER.test(t) || PHONE.test(t);
}

/**
 * `value` with a `'` wherever a spreadsheet could start a cell with a formula (the rule is in the module
 * comment); any other value is returned as it is.
 */
export function guardFormulas(value: string): string {
  // Even indexes: the text between separators; odd: the separators.
  const parts = value.split(SEPARATORS);
  for (let i = 0; i < parts.length; i += 2) {
    const piece = parts[i] as string;
    if (startsFormula(piece) && !isPlainNumber(piece)) parts[i] = `'${piece}`;
  }
  const out = parts.join('');
  if (out.startsWith("'")) return out;
  // The cell a spreadsheet that reads our quotes sees: the whole field, whose first visible character may
  // come after a line break; and a leading tab or CR (OWASP).
  const whole = (startsFormula(value.trimStart()) && !isPlainNumber(value)) || /^[\t\r]/.test(value);
  return whole ? `'${out}` : out;
}

/** One CSV field: formulas neutralised (`guardFormulas`), then quoted, quotes doubled. */
export function csvField(value: string): string {
  return `"${guardFormulas(value).replace(/"/g, '""')}"`;
}

/**
 * An article's own note is a row of its own with an empty quote, colour and tags, dated when it was saved.
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
    // The article's own note: a row without a quote (a page note, as Hypothesis calls it), before its highlights.
    if (article.note?.trim()) {
      const at =
        article.noteUpdatedAt === undefined ? '' : (displayTime(article.noteUpdatedAt, article) ?? '');
      rows.push(['', article.note, '', '', article.title, siteName(article), article.url, published, at]);
    }
    for (const h of highlights) {
      rows.push([
        h.quote.exact,
        h.note,
        h.tags.join('; '),
        h.color,
        article.title,
        siteName(article),
        citeUrl(article) && article.url, // a book has no address
        published,
        displayTime(h.createdAt, article) ?? '',
      ]);
    }
  }
  return BOM + rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
