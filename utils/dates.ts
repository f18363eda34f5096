/**
 * Every date the interface shows, in one day-first style per language. Pure: the language (and, if wanted, the
 * time zone) is passed in.
 *
 * - Vietnamese: `07:45, 09/11/2026` (the time first, then the day, as Vietnamese papers print it), a day alone
 *   `09/11/2026`.
 * - English: `9 Nov 2026, 07:45`, a day alone `9 Nov 2026` (day first too, with the month's name, so it cannot
 *   be read as 11 September).
 *
 * A paper's own date keeps the offset it was printed in and says so (`… (GMT+7)`, `utils/article-display.ts`);
 * times Clipmark recorded (saved, imported, highlighted) are in the user's time zone and say nothing.
 */

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date and time of day, as numbers (month 1–12). */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const isVietnamese = (lang: string) => lang.toLowerCase().startsWith('vi');
const two = (n: number) => String(n).padStart(2, '0');

/** The day, in the interface's style: `09/11/2026` or `9 Nov 2026`. */
export function formatDayParts(p: Pick<DateParts, 'year' | 'month' | 'day'>, lang: string): string {
  if (isVietnamese(lang)) return `${two(p.day)}/${two(p.month)}/${p.year}`;
  return `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}`;
}

/** Day and time, in the interface's style: `07:45, 09/11/2026` or `9 Nov 2026, 07:45`. */
export function formatDateTimeParts(p: DateParts, lang: string): string {
  const time = `${two(p.hour)}:${two(p.minute)}`;
  return isVietnamese(lang) ? `${time}, ${formatDayParts(p, lang)}` : `${formatDayParts(p, lang)}, ${time}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The parts of an instant in `timeZone` (default: the user's). */
export function partsOf(time: number, timeZone?: string): DateParts {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  const parts: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(time))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
  };
}

/** An instant (ms), day and time in the user's time zone (or `timeZone`). */
export function formatDateTime(time: number, lang: string, timeZone?: string): string {
  return formatDateTimeParts(partsOf(time, timeZone), lang);
}

/** An instant's day (ms), in the user's time zone (or `timeZone`). */
export function formatDay(time: number, lang: string, timeZone?: string): string {
  return formatDayParts(partsOf(time, timeZone), lang);
}

/** A yyyy-mm-dd date as a day field holds it, in both languages: `09/11/2026` (what `parseDayInput` reads). */
export function formatDayInput(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** What a day field shows as its pattern: `dd/mm/yyyy`, or `nn/tt/nnnn` in Vietnamese (ngày/tháng/năm). */
export function dayPattern(lang: string): string {
  return isVietnamese(lang) ? 'nn/tt/nnnn' : 'dd/mm/yyyy';
}

/**
 * A day typed in a date field, day first (`9/11/2026`, `09.11.2026`, `09-11-2026`) or ISO (`2026-11-09`), as
 * yyyy-mm-dd; null when it is not a real day (31/02), '' when nothing was typed.
 */
export function parseDayInput(text: string): string | null {
  const value = text.trim();
  if (!value) return '';
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : dayFirst
      ? [Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])]
      : [Number.NaN, Number.NaN, Number.NaN];
  if (!Number.isInteger(y) || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) return null;
  return `${y}-${two(m)}-${two(d)}`;
}
