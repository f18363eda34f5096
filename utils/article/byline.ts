/**
 * Author lines as news pages write them, mostly at the end of a Vietnamese article: "Bài và ảnh: Xuân Thu",
 * "Bài, ảnh: …", "Tin, ảnh: …", "Theo TTXVN", "(Theo Báo Nhân Dân)", "Văn Tuấn (TTXVN)", a bare name; and
 * "By Jane Doe" in English. Labels are stripped, names kept.
 */
import { cleanText } from './text';

// "Bài", "Tin", "Ảnh", "Video", "Đồ họa", "Thực hiện" and their combinations, each followed by a colon.
const ROLE =
  '(?:bài(?:\\s+viết)?|tin|ảnh|video|clip|đồ\\s*họa|thực\\s*hiện|nhóm\\s+phóng\\s+viên|phóng\\s+viên|pv)';
const LABEL = new RegExp(`${ROLE}(?:\\s*(?:và|,|&|\\+|-|\\/)\\s*${ROLE})*\\s*:\\s*`, 'giu');
const LABELLED = new RegExp(`^${ROLE}(?:\\s*(?:và|,|&|\\+|-|\\/)\\s*${ROLE})*\\s*:`, 'iu');
// A capitalised word: "Xuân", "TTXVN", "Đ.", "Nguyễn-Văn".
const NAME_WORD = "[\\p{Lu}][\\p{L}\\p{M}.'’-]*";
const NAME = new RegExp(`^${NAME_WORD}(?:\\s+${NAME_WORD}){0,5}$`, 'u');
const SOURCE = /^\(?\s*theo\s+(.+?)\s*\)?$/iu;
const NAME_WITH_AGENCY = new RegExp(`^(${NAME_WORD}(?:\\s+${NAME_WORD}){0,5})\\s*\\(([^()]{2,40})\\)$`, 'u');
const ENGLISH = /^by\s+(.+)$/i;
const MAX_LINE = 90;

/** "NGỌC ANH" → "Ngọc Anh"; names already in mixed case are kept. */
function nameCase(name: string): string {
  if (name !== name.toUpperCase() || !/\s/.test(name)) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function trimLine(line: string): string {
  return cleanText(line)
    .replace(/^[-–—•*\s]+/, '')
    .replace(/[\s./]+$/, '');
}

/** True when every word of `text` is capitalised: a name or an agency, not a sentence. */
export function looksLikeName(text: string): boolean {
  return text.length <= 50 && NAME.test(text);
}

/**
 * The byline in one line of text, or null when the line is not one. With `bare`, a line that is only a
 * name (2–6 capitalised words) is accepted too: pass it when the line is styled as an author line (bold,
 * right-aligned, last in the body), since a short capitalised line elsewhere may be a heading.
 */
export function parseBylineLine(line: string, options: { bare?: boolean } = {}): string | null {
  const text = trimLine(line);
  if (!text || text.length > MAX_LINE) return null;

  if (LABELLED.test(text)) {
    // "Bài: Minh Anh - Ảnh: Hồng Nhung" → "Minh Anh, Hồng Nhung"
    const names = text
      .split(LABEL)
      .map((part) => part.replace(/[\s;,–—-]+$/u, '').trim())
      .filter(Boolean)
      .map(nameCase);
    return names.length ? names.join(', ') : null;
  }
  const source = SOURCE.exec(text);
  if (source) {
    const name = trimLine(source[1] as string);
    return looksLikeName(name) ? name : null;
  }
  const english = ENGLISH.exec(text);
  if (english) {
    const name = trimLine(
      (english[1] as string).split(/\s*[|•·]\s*|\s+(?:on|updated|published)\s+/i)[0] ?? '',
    );
    return name && name.length <= 60 ? name : null;
  }
  if (NAME_WITH_AGENCY.test(text)) return text;
  if (options.bare && /\s/.test(text) && looksLikeName(text)) return nameCase(text);
  return null;
}

/** A byline from metadata (JSON-LD author, meta author, Readability's guess), labels stripped. */
export function cleanByline(value: string | null | undefined): string | null {
  const text = trimLine(value ?? '');
  if (!text || /^https?:/i.test(text)) return null;
  return parseBylineLine(text) ?? (text.length <= 100 ? text : null);
}
