/**
 * The time zone a page's printed times are in, when the text states none. Vietnamese pages are UTC+7 (the
 * adapters say so); for other pages this module guesses the zone of the site's country — from a country-code
 * host (`lemonde.fr`, `bbc.co.uk`) or the region of the page's locale (`fr_FR`, `de-DE`) — and works out the
 * offset for the day in question with `Intl`, so summer time comes out right. Only countries with one zone
 * (for their main territory) are listed; a `.com` site in English gets no zone.
 */

// Country (ccTLD / locale region, upper case) → its IANA zone.
const COUNTRY_ZONES: Record<string, string> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  CH: 'Europe/Zurich',
  CN: 'Asia/Shanghai',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GR: 'Europe/Athens',
  HK: 'Asia/Hong_Kong',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IL: 'Asia/Jerusalem',
  IN: 'Asia/Kolkata',
  IT: 'Europe/Rome',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  LU: 'Europe/Luxembourg',
  MY: 'Asia/Kuala_Lumpur',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PH: 'Asia/Manila',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SG: 'Asia/Singapore',
  TH: 'Asia/Bangkok',
  TR: 'Europe/Istanbul',
  TW: 'Asia/Taipei',
  VN: 'Asia/Ho_Chi_Minh',
  ZA: 'Africa/Johannesburg',
};

// Languages written (as a national language) in one zone only: a page in Thai without a region or a
// country-code host is still on Bangkok's time. Chinese is +08:00 wherever it is a national language (China,
// Taiwan, Hong Kong, Singapore, Malaysia: none keeps summer time). The languages of continental Europe whose
// countries all keep Central (or Eastern) European time share their zone's rules, so any city of it will do:
// German (Germany, Austria, Switzerland, Luxembourg), Italian, Dutch, the Nordic and Central European
// languages. French is read as Paris time: France, Belgium, Switzerland, Luxembourg and Monaco share it; a
// Canadian or African page in French without a country-code host or a region in its locale is read wrong.
// Spanish, Portuguese, English and Arabic are spoken across many zones: no guess.
const LANGUAGE_ZONES: Record<string, string> = {
  th: 'Asia/Bangkok',
  vi: 'Asia/Ho_Chi_Minh',
  ja: 'Asia/Tokyo',
  ko: 'Asia/Seoul',
  zh: 'Asia/Shanghai',
  ms: 'Asia/Kuala_Lumpur',
  he: 'Asia/Jerusalem',
  tr: 'Europe/Istanbul',
  de: 'Europe/Berlin',
  fr: 'Europe/Paris',
  it: 'Europe/Rome',
  nl: 'Europe/Amsterdam',
  da: 'Europe/Copenhagen',
  sv: 'Europe/Stockholm',
  nb: 'Europe/Oslo',
  nn: 'Europe/Oslo',
  no: 'Europe/Oslo',
  pl: 'Europe/Warsaw',
  cs: 'Europe/Prague',
  sk: 'Europe/Bratislava',
  hu: 'Europe/Budapest',
  sl: 'Europe/Ljubljana',
  hr: 'Europe/Zagreb',
  fi: 'Europe/Helsinki',
  et: 'Europe/Tallinn',
  lv: 'Europe/Riga',
  lt: 'Europe/Vilnius',
  el: 'Europe/Athens',
  ro: 'Europe/Bucharest',
  bg: 'Europe/Sofia',
};

/**
 * The zone of the site's country: its host's country-code domain (`.uk` is Great Britain), else the region
 * of `locale` (`fr-FR`, `pt_BR` has none listed), else the zone of a language spoken in one zone only (`th`,
 * `ja`). Null when none names a one-zone country.
 */
export function countryZone(host: string, locale?: string | null): string | null {
  const tld = host.toLowerCase().replace(/\.$/, '').split('.').at(-1) ?? '';
  const fromHost = COUNTRY_ZONES[tld === 'uk' ? 'GB' : tld.toUpperCase()];
  if (tld.length === 2 && fromHost) return fromHost;
  const region = /^[a-z]{2,3}[-_]([a-z]{2})\b/i.exec(locale ?? '')?.[1]?.toUpperCase();
  if (region) return COUNTRY_ZONES[region] ?? null;
  const language = /^\s*([a-z]{2,3})\b/i.exec(locale ?? '')?.[1]?.toLowerCase() ?? '';
  return LANGUAGE_ZONES[language] ?? null;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
    } catch {
      f = null; // an engine without this zone: the caller falls back to its default offset
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Minutes east of UTC that `zone` is at the instant `utcMs`. */
function offsetAtInstant(f: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year as number,
    (parts.month as number) - 1,
    parts.day,
    (parts.hour as number) % 24,
    parts.minute,
  );
  return Math.round((wall - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/**
 * The offset ("+02:00") that `zone` has at the wall-clock time given, or null when the engine does not know
 * the zone. A time skipped or repeated by a clock change gets the offset in force just after it.
 */
export function offsetInZone(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): string | null {
  const f = formatter(zone);
  if (!f) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let offset = offsetAtInstant(f, wall);
  // One correction step: the offset at the guessed instant may differ across a clock change.
  const corrected = offsetAtInstant(f, wall - offset * 60_000);
  if (corrected !== offset) offset = corrected;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
