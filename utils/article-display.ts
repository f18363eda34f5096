/**
 * How article facts read in the interface. Pure: the locale is passed in.
 */

import { formatDateTimeParts } from './dates';

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A stored date ("2020-02-05T08:02:00+07:00") as the paper printed it, in the offset it was written in — not
 * converted to the reader's time zone: "08:02, 05/02/2020 (GMT+7)" in Vietnamese (day first),
 * "5 Feb 2020, 08:02 (GMT+7)" in English. Null for anything that is not such a date.
 */
export function formatArticleDate(iso: string | null | undefined, lang: string): string | null {
  const m = iso ? ISO.exec(iso) : null;
  if (!m) return null;
  const [, year, month, day, hour, minute, offset] = m as unknown as string[];
  const parts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
  };
  return `${formatDateTimeParts(parts, lang)} (${gmt(offset ?? 'Z')})`;
}

/** "+07:00" → "GMT+7", "+05:30" → "GMT+5:30", "Z" → "GMT". */
function gmt(offset: string): string {
  if (offset === 'Z' || offset === '+00:00' || offset === '-00:00') return 'GMT';
  const hours = Number(offset.slice(1, 3));
  const minutes = offset.slice(4, 6);
  return `GMT${offset[0]}${hours}${minutes === '00' ? '' : `:${minutes}`}`;
}
