/**
 * Import of Kindle's "My Clippings.txt": entries separated by a line of ten `=`, each a title line
 * ("Sapiens (Yuval Noah Harari)"), a line saying what it is, where and when ("- Your Highlight on page 12 |
 * Location 170-172 | Added on Sunday, 7 May 2023 10:01:02 PM"), an empty line and the text. The kinds and
 * words are those of the Kindle's interface language: English, German, French, Spanish, Italian, Portuguese,
 * Japanese and Chinese are read. Each book becomes an article without a web address (a book key, see
 * utils/export/book-key.ts) and each highlight a highlight of it with no page to anchor on; a Note is the
 * note of the highlight at its location (Kindle writes a note at the end of the highlight it belongs to);
 * bookmarks, notes on no highlight of the file, and entries that cannot be read are left out, each named by
 * its line. Times are the Kindle's local time, read as this computer's.
 */
import { bookKey } from './book-key';
import { checkSize, ImportError } from './import-errors';
import { ForeignImport, textLines } from './import-foreign';
import type { ParsedImport, ParseOptions } from './import-records';

/** The separator line between entries. */
const SEPARATOR = /^={10}\s*$/;

type Kind = 'highlight' | 'note' | 'bookmark';
const KINDS: [Kind, RegExp][] = [
  ['bookmark', /bookmark|lesezeichen|signet|marcador|segnalibro|书签|ブックマーク/i],
  ['highlight', /highlight|markierung|surlignement|subrayado|evidenziazione|destaque|标注|ハイライト/i],
  ['note', /note|notiz|nota|笔记|メモ/i],
];
const LOCATION =
  /(?:location|loc\.?|position|emplacement|posición|posizione|posição|位置(?:no\.)?)\s*(?:#\s*)?(\d+)(?:\s*-\s*(\d+))?/iu;
const PAGE = /(?:page|seite|página|pagina|ページ|第)\s*(\d+)(?:\s*-\s*(\d+))?/iu;

const MONTHS: Record<string, number> = {};
for (const names of [
  'january february march april may june july august september october november december',
  'jan feb mar apr may jun jul aug sep oct nov dec',
  'januar februar märz april mai juni juli august september oktober november dezember',
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
  'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
]) {
  names.split(' ').forEach((name, i) => {
    MONTHS[name] = i;
  });
}
MONTHS.sept = 8;

/**
 * The time of a Kindle's "Added on …" in this computer's time zone, or null. Reads the day, the month's name
 * (or 年月日), the year and the time with AM/PM (午前/午後, 上午/下午) in any order the languages use.
 */
export function kindleTime(text: string): number | null {
  const s = text.normalize('NFC');
  const time = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?\s?[Mm]\.?)?/.exec(s);
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  const cjk = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(s);
  if (cjk) {
    year = Number(cjk[1]);
    month = Number(cjk[2]) - 1;
    day = Number(cjk[3]);
  } else {
    const rest = time ? s.replace(time[0], ' ') : s;
    const y = /\b(\d{4})\b/.exec(rest);
    year = y ? Number(y[1]) : undefined;
    for (const word of rest.toLowerCase().match(/\p{L}+/gu) ?? []) {
      if (word in MONTHS) {
        month = MONTHS[word];
        break;
      }
    }
    const d = /(?:^|[^\d])(\d{1,2})(?:[^\d:]|$)/.exec(y ? rest.replace(y[0], ' ') : rest);
    day = d ? Number(d[1]) : undefined;
  }
  if (year === undefined || month === undefined || day === undefined || day < 1 || day > 31) return null;
  let hours = time ? Number(time[1]) : 0;
  const minutes = time ? Number(time[2]) : 0;
  const seconds = time?.[3] ? Number(time[3]) : 0;
  const half =
    time?.[4]?.toLowerCase().replace(/[.\s]/g, '') ??
    (/午後|下午/.test(s) ? 'pm' : /午前|上午/.test(s) ? 'am' : '');
  if (half && (hours < 1 || hours > 12)) return null;
  if (half === 'pm' && hours < 12) hours += 12;
  if (half === 'am' && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const at = new Date(year, month, day, hours, minutes, seconds);
  // A day the month does not have (31 June) would roll over: refused instead.
  return at.getDate() === day && at.getMonth() === month ? at.getTime() : null;
}

/** "Title (Author)": the last parenthesised group is the author (titles may hold their own). */
export function titleAndAuthor(line: string): { title: string; author: string } {
  const m = /^(.*\S)\s*\(([^()]*)\)\s*$/.exec(line.trim());
  return m
    ? { title: (m[1] as string).trim(), author: (m[2] as string).trim() }
    : { title: line.trim(), author: '' };
}

/** A range "170-172"; Kindle's older "1234-35" means 1234-1235. */
function range(m: RegExpExecArray | null): { start: number; end: number } | null {
  if (!m) return null;
  const start = Number(m[1]);
  let end = m[2] === undefined ? start : Number(m[2]);
  if (m[2] !== undefined && end < start && m[2].length < (m[1] as string).length) {
    end = Number((m[1] as string).slice(0, (m[1] as string).length - m[2].length) + m[2]);
  }
  return { start, end: Math.max(start, end) };
}

interface Clipping {
  line: number;
  kind: Kind;
  title: string;
  author: string;
  key: string;
  location: { start: number; end: number } | null;
  page: { start: number; end: number } | null;
  at: number;
  text: string;
}

export async function parseKindle(text: string, options: ParseOptions = {}): Promise<ParsedImport> {
  checkSize(text);
  const lines = textLines(text);
  const out = new ForeignImport(options);
  const clippings: Clipping[] = [];
  let entries = 0;
  let block: { line: number; lines: string[] } = { line: 1, lines: [] };
  const blocks: (typeof block)[] = [];
  lines.forEach((line, i) => {
    if (SEPARATOR.test(line)) {
      blocks.push(block);
      block = { line: i + 2, lines: [] };
    } else block.lines.push(line);
  });
  if (block.lines.some((l) => l.trim())) blocks.push(block);
  if (blocks.length === 0 || !lines.some((l) => SEPARATOR.test(l))) {
    throw new ImportError(
      'wrong-format',
      'This is not a Kindle "My Clippings.txt" file (no line of ten "=" between clippings).',
    );
  }
  for (const b of blocks) {
    let first = b.lines.findIndex((l) => l.trim() !== '');
    if (first < 0) continue; // an empty entry (two separators in a row, the end of the file)
    entries++;
    const at = `line ${b.line + first}`;
    const titleLine = b.lines[first] as string;
    const meta = (b.lines[first + 1] ?? '').trim();
    first += 2;
    if (!meta.startsWith('-')) {
      out.leave(
        at,
        'not a clipping: expected a title line, then a line like "- Your Highlight on page 12 | …"',
      );
      continue;
    }
    const parts = meta.replace(/^-\s*/, '').split('|');
    const kind = KINDS.find(([, re]) => re.test(parts[0] ?? ''))?.[0];
    if (!kind) {
      out.leave(
        `line ${b.line + first - 1}`,
        `"${meta.slice(0, 80)}" is not a highlight, note or bookmark Clipmark recognises`,
      );
      continue;
    }
    const time = kindleTime(parts[parts.length - 1] ?? '');
    if (time === null) {
      out.leave(`line ${b.line + first - 1}`, `the date in "${meta.slice(0, 120)}" could not be read`);
      continue;
    }
    const { title, author } = titleAndAuthor(titleLine);
    clippings.push({
      line: b.line + first - 2,
      kind,
      title,
      author,
      key: bookKey(title, author),
      location: range(LOCATION.exec(meta)),
      page: range(PAGE.exec(parts[0] ?? '') ?? PAGE.exec(meta)),
      at: time,
      text: b.lines.slice(first).join('\n').trim(),
    });
  }
  if (
    entries === 0 ||
    (clippings.length === 0 && !blocks.some((b) => b.lines.some((l) => /^\s*-\s/.test(l))))
  ) {
    throw new ImportError(
      'wrong-format',
      'This is not a Kindle "My Clippings.txt" file (no clipping in it could be read).',
    );
  }
  // Notes go to the highlight they end: the same book, the note's location within the highlight's (its end
  // first), else the same page.
  const highlights = clippings.filter((c) => c.kind === 'highlight');
  const notes = new Map<Clipping, Clipping[]>();
  for (const c of clippings) {
    if (c.kind === 'bookmark') {
      out.leave(`line ${c.line}`, 'a bookmark: it marks a place in the book, with no text to keep');
    } else if (c.kind === 'note') {
      const place = c.location ?? c.page;
      const within = (h: Clipping) => {
        const r = c.location ? h.location : h.page;
        return h.key === c.key && r && place && place.start >= r.start && place.start <= r.end;
      };
      const candidates = highlights.filter(within);
      const owner =
        candidates.find((h) => (c.location ? h.location : h.page)?.end === place?.start) ?? candidates.at(-1);
      if (!owner) {
        out.leave(
          `line ${c.line}`,
          'a note on no highlight of this file: Clipmark keeps notes on highlights (per-book notes are not imported)',
        );
      } else if (!c.text) {
        out.leave(`line ${c.line}`, 'an empty note');
      } else notes.set(owner, [...(notes.get(owner) ?? []), c]);
    }
  }
  const books = new Map<string, { title: string; author: string }>();
  for (const h of highlights) {
    const own = notes.get(h) ?? [];
    const place = h.location
      ? `location ${h.location.start}-${h.location.end}`
      : h.page
        ? `page ${h.page.start}-${h.page.end}`
        : '';
    const added = await out.add({
      path: `line ${h.line}`,
      key: h.key,
      idName: `kindle\n${h.key}\n${place}\n${h.text.normalize('NFC')}`,
      quote: h.text.normalize('NFC'),
      note: own.map((n) => n.text.normalize('NFC')).join('\n\n'),
      tags: [],
      color: 'yellow',
      createdAt: h.at,
      updatedAt: Math.max(h.at, ...own.map((n) => n.at)),
      start: h.location?.start ?? h.page?.start ?? 0,
    });
    if (added && !books.has(h.key)) books.set(h.key, { title: h.title, author: h.author });
  }
  for (const [key, book] of books) out.article(key, { title: book.title, author: book.author });
  return out.done(options);
}
