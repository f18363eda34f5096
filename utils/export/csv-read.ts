/**
 * Reads CSV (RFC 4180: fields separated by commas, quoted with `"` when they hold commas, quotes or line
 * breaks, `""` for a quote inside) into rows, each with the line it starts on, so an error can name it. Any
 * line ending is accepted (CRLF, LF, CR), a BOM is dropped; cells are text as written — a leading `=`, `+`,
 * `-` or `@` is not a formula here, and is kept.
 */
import { ImportError } from './import-errors';

export interface CsvRow {
  /** The line of the file the row starts on (1-based). */
  line: number;
  cells: string[];
}

/** The rows of `text`; an unclosed quote or a quote inside an unquoted cell is an error naming its line. */
export function readCsv(text: string): CsvRow[] {
  const s = text.replace(/^\ufeff/, '');
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quotedAt = 0;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    // A blank line is no row.
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
  };
  const newline = (at: number) => (s[at] === '\r' && s[at + 1] === '\n' ? 2 : 1);
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '"' && cell === '') {
      // A quoted cell: up to the closing quote.
      quotedAt = line;
      i++;
      for (;;) {
        if (i >= s.length)
          throw new ImportError('invalid', `line ${quotedAt}: a quoted cell is never closed.`);
        const q = s[i] as string;
        if (q === '"') {
          if (s[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\r' || q === '\n') {
          const n = newline(i);
          cell += '\n';
          i += n;
          line++;
          continue;
        }
        cell += q;
        i++;
      }
      const next = s[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new ImportError('invalid', `line ${line}: text after a quoted cell's closing quote.`);
      }
      continue;
    }
    if (c === ',') {
      endCell();
      i++;
    } else if (c === '\r' || c === '\n') {
      i += newline(i);
      endRow();
      line++;
      rowLine = line;
    } else {
      if (c === '"')
        throw new ImportError('invalid', `line ${line}: a quote inside a cell that is not quoted.`);
      cell += c;
      i++;
    }
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
