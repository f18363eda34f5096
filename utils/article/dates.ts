/**
 * Dates as news pages print them, read into ISO 8601 with an offset. Vietnamese first: day first ("05/02/2020"
 * is 5 February), time before or after the date ("08:02, 05/02/2020", "8h02", "8 giờ 02 phút", "3:15 CH"),
 * weekday names and labels around them, a stated zone sometimes ("GMT+7"), UTC+7 otherwise. Other languages'
 * printed forms go through the same door: "04.05.2015 à 13h36", "19 November 2019", "November 19, 2019",
 * "19. November 2019", "4 mai 2015", "2019年11月19日", "2019년 11월 19일", "19 พฤศจิกายน 2562". Machine-readable
 * ISO strings (meta tags, JSON-LD, `<time datetime>`) too.
 *
 * Zones: a zone the text states wins ("GMT+7", "(UTC+9)", "CEST", "GMT", "+0200", "ET" with the day's US
 * summer time); else `timeZone` (an IANA zone, its offset worked out for that day); else `defaultOffset`
 * (+07:00 unless given).
 */
import {
  MONTH_NAME,
  MONTH_NUMBER,
  THAI_MONTH_NAME,
  THAI_MONTH_NUMBER,
  ZONE_ABBREVIATIONS,
} from './date-words';
import { offsetInZone } from './time-zones';

/** Options of the date parsers. */
export interface DateOptions {
  /** Offset used when the text states none and `timeZone` is not given, e.g. '+07:00' (the default). */
  defaultOffset?: string;
  /** IANA zone for times the text states no zone for; its offset on that day wins over `defaultOffset`. */
  timeZone?: string;
  /**
   * Numeric dates are day first ("04/05/2015" is 4 May), as in Vietnamese and most of Europe. With `false`
   * (US English) a numeric date is read month first, and only when that cannot be a day-first date too
   * ("11/19/2019"); an ambiguous one ("04/05/2015") gives null. Dates with a month name are never ambiguous.
   */
  dayFirst?: boolean;
}

const ISO =
  /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?(?![\d-])/i;
// "05/02/2020", "5-2-2020", "05.02.2020", "16,03,2021": both separators the same; the look-arounds keep ids
// and phone numbers out.
const NUMERIC = /(?<![\d/.,-])(\d{1,2})\s*([/.,-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/-]|[.,]\d)/;
const YEAR_FIRST = /(?<![\d/.-])(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?!\d|[/.]\d)/;
// "ngày 5 tháng 2 năm 2020", "5 tháng 2, 2020"
const VI_WORDS = /(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})/iu;
// "2019年11月19日", "2019年11月19日", "2019년 11월 19일"
const CJK = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/u;
const NOT_LETTER = '(?![\\p{L}])';
// "19 November 2019", "19. November 2019", "4 mai 2015", "1er mai 2015", "19 de noviembre de 2019", "19 Nov. 2019"
const DAY_MONTH = new RegExp(
  `(?<![\\d\\p{L}])(\\d{1,2})(?:\\.|er|st|nd|rd|th|º)?\\s*(?:de\\s+)?(${MONTH_NAME})${NOT_LETTER}\\.?,?\\s*(?:de\\s+)?(\\d{4})(?!\\d)`,
  'iu',
);
// "November 19, 2019", "Nov. 19 2019"
const MONTH_DAY = new RegExp(
  `(?<![\\p{L}])(${MONTH_NAME})${NOT_LETTER}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`,
  'iu',
);
// "19 พฤศจิกายน 2562" (Buddhist era) or "19 พ.ย. 2019"
const THAI = new RegExp(`(\\d{1,2})\\s*(${THAI_MONTH_NAME})\\s*(?:พ\\.ศ\\.\\s*|ค\\.ศ\\.\\s*)?(\\d{4})`, 'u');

// "(GMT+7)", "GMT+07:00", "UTC +7"
const ZONE_OFFSET = /\b(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?/i;
// "10:45 GMT", "UTC": the zone named without an offset
const ZONE_NAME = /\b(gmt|utc)\b/i;
// "08:02", "8h02", "13h36", "08:02:15", "8:02 PM", "3:15 CH" (chiều, afternoon), "13.36 Uhr"
const TIME =
  /(?<![\d:.])(\d{1,2})\s*(?:[:hH]|\.(?=\d{2}\s*uhr))\s*(\d{2})(?:\s*:\s*(\d{2}))?(?![\d:])(?:\s*(a\.?m\.?|p\.?m\.?|sa|ch|sáng|chiều|tối)(?![\p{L}]))?/iu;
// "8 giờ 02 phút", "11 giờ 25", "11時25分", "3时15分", "11시 25분"
const TIME_WORDS = /(\d{1,2})\s*(?:giờ|時|时|시)\s*(?:(\d{1,2})\s*(?:phút|分|분)?)?/iu;
// "午後3時", "下午3:15", "오후 3시": the half of the day comes first in Chinese, Japanese and Korean
const CJK_HALF = /(午前|午後|上午|下午|오전|오후)\s*$/u;
// A numeric offset right after the time: "06:05:32 +0000", "13:36+02:00"
const TRAILING_OFFSET = /^\s*([+-])(\d{2}):?(\d{2})(?![\d/.-])/;
// A zone abbreviation right after the time ("13:36 CEST"); only there, since "est" is also a French word.
const TRAILING_ZONE = new RegExp(`^\\s*\\(?(${Object.keys(ZONE_ABBREVIATIONS).join('|')})\\b`, 'i');
// US zones named without summer or winter ("6:40 a.m. ET"): their offset depends on the day. Capitals only,
// right after the time, so French "13h36 et 15h12" stays a conjunction.
const US_ZONES: Record<string, string> = {
  ET: 'America/New_York',
  CT: 'America/Chicago',
  MT: 'America/Denver',
  PT: 'America/Los_Angeles',
};
const TRAILING_US_ZONE = /^\s*\(?(ET|CT|MT|PT)\b/;

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function offsetOf(sign: string, hours: string, minutes = '00'): string | null {
  const h = Number(hours);
  const m = Number(minutes);
  if (h > 14 || m > 59) return null;
  return `${sign}${pad(h)}:${pad(m)}`;
}

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

/** The ISO string for `p`, or null when the date or time is impossible (31/02, 25:00). */
function build(p: Parts, offset: string | null, options: DateOptions): string | null {
  const { y, mo, d, h, mi, s } = p;
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  const zone =
    offset ??
    (options.timeZone ? offsetInZone(options.timeZone, y, mo, d, h, mi) : null) ??
    options.defaultOffset ??
    '+07:00';
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${zone}`;
}

/**
 * Parses an ISO 8601 date or date-time ("2020-02-05T08:02:00", "2023-03-08 07:15", "…Z", "…+0700"); a
 * missing offset comes from `options` (see the module comment), `Z` becomes `+00:00`.
 */
export function parseIsoDate(text: string, options: DateOptions = {}): string | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  let offset: string | null = null;
  if (zone && /^z$/i.test(zone)) offset = '+00:00';
  else if (zone) {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    offset = z ? offsetOf(z[1] as string, z[2] as string, z[3]) : null;
    if (!offset) return null;
  }
  const parts = { y: Number(y), mo: Number(mo), d: Number(d), h: Number(h), mi: Number(mi), s: Number(s) };
  return build(parts, offset, options);
}

/** Full-width digits and colons (CJK pages) as ASCII; NFC; no-break spaces as spaces. */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/：/g, ':')
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** The zone the text states, and the text without it. */
function statedZone(text: string): { offset: string | null; rest: string } {
  const numeric = ZONE_OFFSET.exec(text);
  if (numeric) {
    const offset = offsetOf(numeric[1] as string, numeric[2] as string, numeric[3]);
    return { offset, rest: text.replace(numeric[0], ' ') };
  }
  const named = ZONE_NAME.exec(text);
  if (named) return { offset: '+00:00', rest: text.replace(named[0], ' ') };
  return { offset: null, rest: text };
}

type Ymd = [y: number, mo: number, d: number];

/** Day and month of a numeric date, or null when `dayFirst: false` and the order cannot be told. */
function numericOrder(a: number, b: number, dayFirst: boolean): [d: number, mo: number] | null {
  if (dayFirst) return [a, b];
  if (a > 12 && b <= 12) return [a, b];
  if (b > 12 && a <= 12) return [b, a];
  return null;
}

/** The first date in `text` and the text without it; null when there is none. */
function findDate(text: string, dayFirst: boolean): { ymd: Ymd; rest: string } | null {
  const take = (m: RegExpExecArray, ymd: Ymd) => ({ ymd, rest: text.replace(m[0], ' ') });
  let m = CJK.exec(text);
  if (m) return take(m, [Number(m[1]), Number(m[2]), Number(m[3])]);
  m = VI_WORDS.exec(text);
  if (m) return take(m, [Number(m[3]), Number(m[2]), Number(m[1])]);
  m = DAY_MONTH.exec(text);
  if (m) return take(m, [Number(m[3]), MONTH_NUMBER.get((m[2] as string).toLowerCase()) ?? 0, Number(m[1])]);
  m = MONTH_DAY.exec(text);
  if (m) return take(m, [Number(m[3]), MONTH_NUMBER.get((m[1] as string).toLowerCase()) ?? 0, Number(m[2])]);
  m = THAI.exec(text);
  if (m) {
    const year = Number(m[3]);
    // Buddhist era years run 543 ahead; a four-digit year past 2400 is one.
    return take(m, [
      year > 2400 ? year - 543 : year,
      THAI_MONTH_NUMBER.get(m[2] as string) ?? 0,
      Number(m[1]),
    ]);
  }
  m = NUMERIC.exec(text);
  if (m) {
    const order = numericOrder(Number(m[1]), Number(m[3]), dayFirst);
    return order ? take(m, [Number(m[4]), order[1], order[0]]) : null;
  }
  m = YEAR_FIRST.exec(text);
  if (m) return take(m, [Number(m[1]), Number(m[3]), Number(m[4])]);
  return null;
}

interface TimeOfDay {
  h: number;
  mi: number;
  s: number;
  /** The text after the time, where a zone may follow ("13:36 CEST", "06:05:32 +0000"). */
  after: string;
}

/** The first time of day in `text` (24-hour), or midnight when there is none; null when impossible. */
function findTime(text: string): TimeOfDay | null {
  const clock = TIME.exec(text);
  const words = clock ? null : TIME_WORDS.exec(text);
  const m = clock ?? words;
  if (!m) return { h: 0, mi: 0, s: 0, after: '' };
  let h = Number(m[1]);
  const half = (clock?.[4] ?? CJK_HALF.exec(text.slice(0, m.index))?.[1] ?? '')
    .toLowerCase()
    .replace(/\./g, '');
  const pm = /^(?:pm|ch|chiều|tối|午後|下午|오후)$/u.test(half);
  const am = /^(?:am|sa|sáng|午前|上午|오전)$/u.test(half);
  if ((pm || am) && h > 12) return null;
  if (pm && h < 12) h += 12;
  if (am && h === 12) h = 0;
  return { h, mi: Number(m[2] ?? 0), s: Number(clock?.[3] ?? 0), after: text.slice(m.index + m[0].length) };
}

/** A zone printed right after the time: "+0000", "+02:00", "CEST", "(ICT)"; null when none. */
function zoneAfterTime(after: string): string | null {
  const numeric = TRAILING_OFFSET.exec(after);
  if (numeric) return offsetOf(numeric[1] as string, numeric[2] as string, numeric[3]);
  const name = TRAILING_ZONE.exec(after)?.[1]?.toLowerCase();
  return name ? (ZONE_ABBREVIATIONS[name] ?? null) : null;
}

/**
 * Reads the first date (and its time, if any) in a printed line such as "08:02, 05/02/2020", "Thứ Tư,
 * 05/02/2020 - 08:02", "5/2/2020, 08:02 (GMT+7)", "Cập nhật: 05/02/2020", "04.05.2015 à 13h36",
 * "19 November 2019" or "2019年11月19日 11時25分", and returns it as ISO 8601 with an offset (see the module
 * comment). A date without a time is taken at midnight. Null when there is no date with a year, or it is
 * impossible (31/02, 25:00).
 */
export function parsePrintedDate(text: string, options: DateOptions = {}): string | null {
  const input = normalise(text);
  if (ISO.test(input)) return parseIsoDate(input, options);
  const zone = statedZone(input);
  if (zone.offset === null && zone.rest !== input) return null; // "GMT+25": a broken zone, not a guess
  const date = findDate(zone.rest, options.dayFirst ?? true);
  if (!date) return null;
  const time = findTime(date.rest);
  if (!time) return null;
  const [y, mo, d] = date.ymd;
  const offset = zone.offset ?? zoneAfterTime(time.after);
  const us = offset ? undefined : US_ZONES[TRAILING_US_ZONE.exec(time.after)?.[1] ?? ''];
  return build(
    { y, mo, d, h: time.h, mi: time.mi, s: time.s },
    offset,
    us ? { ...options, timeZone: us } : options,
  );
}

/**
 * `parsePrintedDate` with Vietnamese defaults: day first, UTC+7 unless the text or `options` say otherwise.
 * Kept under this name for the callers that read Vietnamese time lines.
 */
export function parseVietnameseDate(text: string, options: DateOptions = {}): string | null {
  return parsePrintedDate(text, { defaultOffset: '+07:00', ...options, dayFirst: true });
}

/**
 * Publication and update times from one time line: "Đăng: 05/02/2020 08:02 | Cập nhật: 06/02/2020 09:10",
 * "04.05.2015 à 13h36 • Mis à jour le 04.05.2015 à 15h12". The update follows its label; a line with only an
 * update ("Cập nhật: 05/02/2020") gives that time for both, as provincial papers print nothing else.
 */
export function parseDateline(
  text: string,
  options: DateOptions,
  updatedLabel: RegExp,
): { published: string | null; modified: string | null } {
  const at = text.search(updatedLabel);
  if (at < 0) return { published: parsePrintedDate(text, options), modified: null };
  const modified = parsePrintedDate(text.slice(at), options);
  const published = parsePrintedDate(text.slice(0, at), options);
  return { published: published ?? modified, modified };
}

/**
 * True when two ISO strings name the same instant to the second (offsets may differ). A string without an
 * offset is read at `defaultOffset`, as `parseIsoDate` does.
 */
export function sameInstant(
  a: string | null | undefined,
  b: string | null | undefined,
  options: DateOptions = {},
): boolean {
  const ia = a ? parseIsoDate(a, options) : null;
  const ib = b ? parseIsoDate(b, options) : null;
  if (!ia || !ib) return false;
  return Math.floor(Date.parse(ia) / 1000) === Math.floor(Date.parse(ib) / 1000);
}
