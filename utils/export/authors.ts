/**
 * Bylines of Vietnamese (and other) news into citation authors. A byline is often not a person's full name:
 * "Xuân Thu" is a pen name (no family name), "Theo TTXVN" credits an agency, "Văn Tuấn (TTXVN)" a
 * reporter of one. A name is split into family and given only when that is safe; otherwise it is kept
 * whole, so a style prints it as written instead of "Thu, X.".
 */

export type Author =
  | { kind: 'person'; family: string; given: string }
  /** A name printed as written (pen names, single names). */
  | { kind: 'literal'; name: string }
  /** An agency or publication credited as author ("TTXVN", "Báo Nhân Dân"). */
  | { kind: 'organization'; name: string };

// The commonest Vietnamese family names (most of the population), which are rarely the first syllable of
// a pen name. Vietnamese names are written family name first.
const VI_FAMILY_NAMES = new Set(
  'nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh trịnh trương đào đoàn lương lưu tạ kiều quách triệu vương tôn khuất nghiêm phùng tống'.split(
    ' ',
  ),
);

// "Bài và ảnh:", "Bài, ảnh:", "Tin, ảnh:", "Ảnh:", "By " — labels extraction usually strips already.
const LABEL =
  /^(?:(?:bài|tin|ảnh|video|clip)(?:\s*(?:,|và|\+|&|-)\s*(?:bài|tin|ảnh|video|clip))*\s*:|by\s)\s*/iu;
const SOURCE = /^theo\s+/iu;
const SEPARATORS = /\s*(?:[,;&]|\s[-–—]\s|\svà\s|\sand\s)\s*/iu;
const ORG_WORDS = /^(?:báo|tạp chí|đài|thông tấn xã|cổng thông tin|trang tin|tổng cục|bộ|sở|ủy ban|ubnd)\s/iu;
// News agencies and newsrooms credited as authors, written in mixed case so the all-capitals rule misses them.
const AGENCIES = new Set(
  'reuters|bloomberg|xinhua|kyodo|yonhap|sputnik|al jazeera|vietnamplus|vietnam+|tân hoa xã|associated press|agence france-presse|deutsche welle|bbc news|bbc|cnn|tass|ria novosti|ansa|efe|dpa|anp|belga'.split(
    '|',
  ),
);
// "BBC News", "Sky News", "Associated Press", "Agence France-Presse", "Vietnam+": a newsroom's name by its form.
const AGENCY_FORM =
  /(?:\s(?:news|press|presse|newswire|wire|agency|nachrichten|notizie|noticias|online)|\+)$|^(?:agence|agencia|agenzia|agência|thông tấn)\s/iu;
// "Nhóm phóng viên": a team, credited without names.
const GROUP = /^nhóm\s+(?:phóng\s+viên|pv)$/iu;

/**
 * Parses a byline. `lang` is the article's language: names in a language other than Vietnamese are
 * split "Given Family" on the last space; Vietnamese ones "Family Given" only after a known family name.
 */
export function parseByline(byline: string | null | undefined, lang?: string | null): Author[] {
  let text = (byline ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  text = text
    .replace(/^\((.*)\)$/, '$1')
    .replace(LABEL, '')
    .trim();
  if (!text || GROUP.test(text)) return [];
  if (SOURCE.test(text)) {
    return splitNames(text.replace(SOURCE, '')).map((name) => ({ kind: 'organization', name }));
  }
  const western = !!lang && !/^vi\b/i.test(lang);
  return splitNames(text).flatMap((part): Author[] => {
    // "Văn Tuấn (TTXVN)": the reporter is the author; the agency in brackets is credited alone only when
    // no name precedes it.
    const m = /^(.*?)\s*\(([^)]*)\)$/.exec(part);
    const name = (m ? m[1] : part)?.trim() ?? '';
    const inBrackets = m?.[2]?.replace(SOURCE, '').trim() ?? '';
    if (!name) return inBrackets ? [{ kind: 'organization', name: inBrackets }] : [];
    return [person(name, western)];
  });
}

function splitNames(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
}

function person(printed: string, western: boolean): Author {
  if (isOrganization(printed)) return { kind: 'organization', name: printed };
  // Vietnamese papers print names in capitals ("NGUYỄN HẢI"); a citation writes them in name case.
  const name = isCapitals(printed) ? nameCase(printed) : printed;
  const words = name.split(' ');
  if (words.length < 2) return { kind: 'literal', name };
  // Chinese, Japanese and Korean names are written family name first too, whatever the page's language
  // ("佐藤 美咲", "김 민준"); split only where a space marks the two (without one, the split is not safe).
  if (words.length === 2 && EAST_ASIAN_NAME.test(name)) {
    return { kind: 'person', family: words[0] as string, given: words[1] as string };
  }
  if (western) return { kind: 'person', family: words.at(-1) as string, given: words.slice(0, -1).join(' ') };
  const first = words[0] as string;
  if (VI_FAMILY_NAMES.has(first.toLocaleLowerCase('vi'))) {
    return { kind: 'person', family: first, given: words.slice(1).join(' ') };
  }
  return { kind: 'literal', name };
}

const EAST_ASIAN_NAME = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々 ]+$/u;

/** Written in capitals: letters that have a case, all upper ("TTXVN"; not "박생강", whose script has none). */
function isCapitals(name: string): boolean {
  const letters = name.replace(/[^\p{L}]/gu, '');
  return (
    letters.length >= 2 &&
    letters === letters.toLocaleUpperCase('vi') &&
    letters !== letters.toLocaleLowerCase('vi')
  );
}

function nameCase(name: string): string {
  return name
    .toLocaleLowerCase('vi')
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toLocaleUpperCase('vi'));
}

/**
 * "TTXVN", "VOV", "Reuters", "BBC News", "Vietnam+", "Báo Nhân Dân": one word in capitals (an acronym), a
 * known agency, a newsroom's name by its form, or a publication's kind word first. "NGUYỄN HẢI" is a person.
 */
function isOrganization(name: string): boolean {
  return (
    (isCapitals(name) && !/\s/.test(name.trim())) ||
    AGENCIES.has(name.toLocaleLowerCase('vi')) ||
    AGENCY_FORM.test(name) ||
    ORG_WORDS.test(name)
  );
}

/** "Family, Given" for persons, the name as written otherwise (RIS `AU`, display). */
export function authorName(a: Author): string {
  return a.kind === 'person' ? `${a.family}, ${a.given}` : a.name;
}
