/**
 * Titles without the site's name: "Harbour town votes … - BBC News", "… | VnExpress", "Báo Hải Dương điện tử -
 * …", "… – Le Monde". A part is cut only when it names the site (og:site_name, the publisher, the host) or
 * reads as a newspaper's name ("Báo … điện tử", "… Online"), so a real title with a dash ("Hà Nội - Hải
 * Phòng") stays whole.
 */
import { foldText } from '../search/fold';
import { namesSite } from './byline';
import { cleanText } from './text';

// " - ", " – ", " — ", " | ", " · ", " • ", " :: ", " » ", " _", "_", and the fullwidth "｜" and "－" of Chinese
// and Japanese titles: the separators sites put before their name.
const SEPARATOR = /\s+[-–—|·•»]\s+|\s*[|｜]\s*|\s+::\s+|\s*[_－]\s*/u;
const SEPARATORS = new RegExp(SEPARATOR.source, 'gu');
// A newspaper's name by its form: "Báo Nam Định điện tử", "Tuổi Trẻ Online", "vnexpress.net".
const PUBLICATION =
  /^(?:báo|tạp chí|trang tin|cổng thông tin|đài)\s|\s(?:điện tử|online)$|^[\p{L}\p{N}-]+\.(?:vn|com|net|org|fr|de|uk|co\.uk|com\.vn)$/iu;
const MAX_NAME = 60;

/** What a title is compared with: the site's names and address. */
export interface SiteIdentity {
  names: readonly (string | null | undefined)[];
  host: string;
}

/** True when `name` reads as a newspaper's name: "Báo Nam Định điện tử", "Tuổi Trẻ Online", "lemonde.fr". */
export function looksLikePublication(name: string): boolean {
  return PUBLICATION.test(name.trim());
}

function isSiteName(part: string, site: SiteIdentity): boolean {
  const text = part.trim();
  return (
    !!text &&
    text.length <= MAX_NAME &&
    text.split(/\s+/).length <= 8 &&
    (PUBLICATION.test(text) || namesSite(text, site.names, site.host) || holdsSiteName(text, site))
  );
}

/** A short part that holds the site's name: "Vietnam+ (VietnamPlus)" on VietnamPlus. */
function holdsSiteName(part: string, site: SiteIdentity): boolean {
  if (part.split(/\s+/).length > 5) return false;
  const squash = (t: string) => foldText(t).replace(/[^\p{L}\p{N}]+/gu, '');
  const text = squash(part);
  return site.names.some((n) => {
    const name = n ? squash(n) : '';
    return name.length >= 4 && text.includes(name);
  });
}

/** The parts of a title between separators, with the separators kept aside. */
function split(title: string): string[] {
  return title.split(SEPARATORS).map((p) => p.trim());
}

/**
 * `title` without the site's name before or after it (one or more parts naming the site, whatever the
 * separator), or as given when no part does; never empty.
 */
export function cleanTitle(title: string | null | undefined, site: SiteIdentity): string {
  const text = cleanText(title);
  if (!SEPARATOR.test(text)) return text;
  const separators = text.match(SEPARATORS) ?? [];
  const parts = split(text);
  let start = 0;
  let end = parts.length;
  while (end - start > 1 && isSiteName(parts[end - 1] as string, site)) end--;
  while (end - start > 1 && isSiteName(parts[start] as string, site)) start++;
  if (start === 0 && end === parts.length) return text;
  // Rebuild the kept parts with their own separators, so "Hà Nội - Hải Phòng" keeps its dash.
  let out = parts[start] as string;
  for (let i = start + 1; i < end; i++) out += `${separators[i - 1] ?? ' - '}${parts[i]}`;
  return cleanText(out) || text;
}

/**
 * The site's name as `title` prints it around `headline` ("Báo Hải Dương điện tử - {headline}"): the outermost
 * part of what is left, when it reads as a name. Null when the title is the headline alone or adds more than a
 * name.
 */
export function siteNameFromTitle(title: string | null | undefined, headline: string): string | null {
  const text = cleanText(title);
  const h = cleanText(headline);
  if (!h || text === h) return null;
  const at = text.toLowerCase().indexOf(h.toLowerCase());
  if (at < 0) return null;
  const before = split(text.slice(0, at)).filter(Boolean);
  const after = split(text.slice(at + h.length)).filter(Boolean);
  const name = (after.length ? after.at(-1) : before[0]) ?? '';
  // A name starts with a capital, a figure, or a letter of a script without case ("江城日报", "ข่าวเมือง…").
  const ok = name.length <= MAX_NAME && name.split(/\s+/).length <= 8 && /^[\p{Lu}\p{Lo}\p{N}]/u.test(name);
  return ok ? name : null;
}

/**
 * The article's title: the headline element's text when there is one; else Readability's guess with the
 * site's name cut, unless the guess is only the site's name (it keeps the first part of "Báo … điện tử -
 * {title}"); else `<title>` or og:title with the site's name cut.
 */
export function chooseTitle(
  headline: string | null,
  guess: string | null | undefined,
  declared: readonly (string | null | undefined)[],
  site: SiteIdentity,
): string {
  if (headline) return headline;
  const readable = cleanTitle(guess, site);
  if (readable && !isSiteName(readable, site)) return readable;
  const raw = declared.find((t) => cleanText(t)) ?? '';
  return cleanTitle(raw, site);
}
