/**
 * Dates as Vietnamese news pages write them: day first ("05/02/2020" is 5 February), time before or after
 * the date, weekday names and labels around them, a stated zone sometimes ("GMT+7"), UTC+7 otherwise.
 * Machine-readable ISO strings (meta tags, JSON-LD) go through the same door.
 */

/** Options of the date parsers. */
export interface DateOptions {
  /** Offset used when the text states none, e.g. '+07:00'. */
  defaultOffset?: string;
}

const ISO =
  /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?(?![\d-])/i;
// "05/02/2020", "5-2-2020", "05.02.2020"; the look-arounds keep ids and phone numbers out.
const DAY_FIRST = /(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/.-])/;
const YEAR_FIRST = /(?<![\d/.-])(\d{4})\/(\d{1,2})\/(\d{1,2})(?![\d/.-])/;
// "ngày 5 tháng 2 năm 2020"
const WORDS = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})/iu;
// "(GMT+7)", "GMT+07:00", "UTC +7"
const ZONE = /\b(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?/i;
// "08:02", "8h02", "08:02:15", "8:02 PM", "8:02 CH" (chiều, afternoon)
const TIME = /(?<![\d:])(\d{1,2})\s*[:hH]\s*(\d{2})(?:\s*:\s*(\d{2}))?(?![\d:])(?:\s*(am|pm|sa|ch)\b)?/iu;

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

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offset: string,
): string | null {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`;
}

/** Parses an ISO 8601 date or date-time; a missing offset becomes `defaultOffset`, `Z` becomes `+00:00`. */
export function parseIsoDate(text: string, options: DateOptions = {}): string | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  let offset = options.defaultOffset ?? '+07:00';
  if (zone && /^z$/i.test(zone)) offset = '+00:00';
  else if (zone) {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    const parsed = z ? offsetOf(z[1] as string, z[2] as string, z[3]) : null;
    if (!parsed) return null;
    offset = parsed;
  }
  return build(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), offset);
}

/**
 * Reads the first date (and its time, if any) in a time line such as "08:02, 05/02/2020",
 * "Thứ Tư, 05/02/2020 - 08:02", "5/2/2020, 08:02 (GMT+7)" or "Cập nhật: 05/02/2020", and returns it as
 * ISO 8601 with an offset: the stated one, else `defaultOffset` (UTC+7). A date without a time is taken
 * at midnight. Returns null when there is no date or it is impossible (31/02, 25:00).
 */
export function parseVietnameseDate(text: string, options: DateOptions = {}): string | null {
  const defaultOffset = options.defaultOffset ?? '+07:00';
  const input = text.normalize('NFC');
  if (ISO.test(input)) return parseIsoDate(input, { defaultOffset });

  let rest = input;
  let offset = defaultOffset;
  const zone = ZONE.exec(rest);
  if (zone) {
    offset = offsetOf(zone[1] as string, zone[2] as string, zone[3]) ?? defaultOffset;
    rest = rest.replace(zone[0], ' ');
  }

  let y: number;
  let mo: number;
  let d: number;
  const words = WORDS.exec(rest);
  const dayFirst = words ?? DAY_FIRST.exec(rest);
  const yearFirst = dayFirst ? null : YEAR_FIRST.exec(rest);
  if (dayFirst) {
    [d, mo, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
    rest = rest.replace(dayFirst[0], ' ');
  } else if (yearFirst) {
    [y, mo, d] = [Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])];
    rest = rest.replace(yearFirst[0], ' ');
  } else return null;

  let h = 0;
  let mi = 0;
  let s = 0;
  const time = TIME.exec(rest);
  if (time) {
    h = Number(time[1]);
    mi = Number(time[2]);
    s = Number(time[3] ?? 0);
    const half = time[4]?.toLowerCase();
    if (half && h > 12) return null;
    if ((half === 'pm' || half === 'ch') && h < 12) h += 12;
    if ((half === 'am' || half === 'sa') && h === 12) h = 0;
  }
  return build(y, mo, d, h, mi, s, offset);
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
