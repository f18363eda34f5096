/**
 * Author lines as news pages write them. Vietnamese, at the start or end of the body or under the headline:
 * "Bài và ảnh: Xuân Thu", "Bài, ảnh: …", "Tin, ảnh: …", "Theo TTXVN", "(Theo Báo Nhân Dân)", "Văn Tuấn
 * (TTXVN)", "Nhóm phóng viên", a bare name, often in capitals ("NGUYỄN HẢI"); "By Jane Doe", "Par Claire
 * Dupont", "Von Anna Berg" elsewhere. Labels are stripped; names are kept as printed (capitals included;
 * compare them case-insensitively).
 */
import { foldText } from '../search/fold';
import { MONTH_NUMBER } from './date-words';
import { parsePrintedDate } from './dates';
import { cleanText } from './text';

// "Bài", "Tin", "Ảnh", "Video", "Đồ họa", "Thực hiện" and their combinations, each followed by a colon.
const ROLE =
  '(?:bài(?:\\s+viết)?|tin|ảnh|video|clip|đồ\\s*họa|thực\\s*hiện|nhóm\\s+phóng\\s+viên|nhóm\\s+pv|phóng\\s+viên|pv)';
const LABEL = new RegExp(`${ROLE}(?:\\s*(?:và|,|&|\\+|-|\\/)\\s*${ROLE})*\\s*:\\s*`, 'giu');
const LABELLED = new RegExp(`^${ROLE}(?:\\s*(?:và|,|&|\\+|-|\\/)\\s*${ROLE})*\\s*:`, 'iu');
// A capitalised word: "Xuân", "TTXVN", "Đ.", "Nguyễn-Văn", "Vietnam+", "TTXVN/Vietnam+"; after the first, a
// number too ("France 24").
const NAME_WORD = "[\\p{Lu}][\\p{L}\\p{M}\\p{N}.'’+/&-]*";
const NAME = new RegExp(`^${NAME_WORD}(?:\\s+(?:${NAME_WORD}|\\p{N}+)){0,5}$`, 'u');
// A name word without digits, for finding where a name ends: "Minh Hòa/VOV-Tây Bắc", but "Nolan22" stops.
const LETTER_NAME_WORD = /^[\p{Lu}][\p{L}\p{M}.'’+/&-]*$/u;
// Job titles printed after a name: "Ben Silverman Games Editor", "Jane Doe, Environment correspondent".
const ROLE_WORD =
  /^(?:editor|correspondent|reporter|writer|staff|contributor|columnist|producer|journalist|analyst|rédacteur|rédactrice|correspondant|correspondante|journaliste|redakteur|redakteurin|korrespondent|korrespondentin)$/i;
const PARTICLE = /^(?:de|da|di|do|dos|van|von|der|den|le|la|du|del|della|bin|al|et|and|und|y|e|&)$/i;
const TRAILING_AGENCY = /\s(?:Associated Press|Reuters|AFP|AP|Bloomberg|Xinhua|TTXVN|dpa)$/;
// Capitalised words that end a credit rather than continue a name: page furniture, weekdays, prepositions.
const STOP_WORD =
  /^(?:view|more|articles|stories|posts|follow|email|e-mail|twitter|facebook|contact|bio|profile|updated|published|posted|read|share|on|at|in|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;
// A publication's name may end in lower case: "Báo Hải Dương điện tử", "Tuổi Trẻ Online".
const PUBLICATION = new RegExp(`^${NAME_WORD}(?:\\s+${NAME_WORD}){0,5}(?:\\s+(?:điện tử|online))?$`, 'u');
const SOURCE = /^\(?\s*theo\s+(.+?)\s*\)?$/iu;
const NAME_WITH_AGENCY = new RegExp(`^(${NAME_WORD}(?:\\s+${NAME_WORD}){0,5})\\s*\\(([^()]{2,40})\\)$`, 'u');
// "By Jane Doe", "Par Claire Dupont", "Von Anna Berg", "di Marco Rossi", "Por Ana Gómez", "Door Jan de Vries";
// Italian "di" only in lower case, since "Di" starts Vietnamese names.
const FOREIGN = /^(?:[Bb]y|BY|[Pp]ar|PAR|[Vv]on|VON|[Pp]or|POR|[Dd]oor|di)\s+(.+)$/;
// A group byline printed without names.
const GROUP = /^nhóm\s+(?:phóng\s+viên|pv)$/iu;
// Names in a list: "Hoàng Mai, Thanh Tùng", "Minh Anh - Hoàng Long", "Minh Anh và Hoàng Long".
const LIST_SEPARATOR = /\s*(?:,|;|\s[-–—]\s|\svà\s|\sand\s|\set\s|\sund\s)\s*/iu;
const MAX_LINE = 90;

// Credits in Chinese and Japanese, wherever they sit in an info line ("2026-12-05 08:30 来源：江城日报 记者 李晓红"):
// the reporter or author after 记者/記者/作者/撰文/文/ …; a source (another paper, an agency) after 来源/來源/出典
// or an editor after 编辑 only as a last resort (`cjkSource`); never the editor in charge (责任编辑).
const CJK_REPORTER = /(?:记者|記者|作者|撰文|撰稿|执笔|執筆|筆者|文\s*[/／])\s*[:：/／]?\s*/u;
const CJK_SOURCE = /(?:来源|來源|出处|出處|出典|稿源)\s*[:：]\s*/u;
const CJK_EDITOR = /(?:编辑|編輯)\s*[:：]\s*/u;
// A Chinese name is 2–4 Han characters; a Japanese one may be written "佐藤 美咲" (family, space, given).
const CJK_NAME = /^([\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ー・·]{1,5})/u;
// What follows a name in a credit and is not part of it: "李明报道", "李明摄", "北京电".
const CJK_AFTER_NAME = /(?:报道|報道|摄|攝|电|電|讯|訊|发|発)$/u;
// Words that start the next item of an info line rather than continue a name.
const CJK_LABEL =
  /^(?:来源|來源|记者|記者|编辑|編輯|责任编辑|責任編輯|通讯员|通訊員|摄影|攝影|作者|发布|發布|时间|時間|出典|更新)/u;
// Korean: the reporter's name just before their title — 기자 and its kinds (선임기자, 사진기자), 특파원
// (correspondent), 논설위원 (editorial writer), 칼럼니스트 — ("정덕현 기자", "[엔터미디어=정덕현 기자]", "[워싱턴=뉴시스]
// 김민수 특파원"); or after 글 / 글·사진 ("글·사진 김민수"). A name is 2–4 Hangul syllables.
const KO_REPORTER =
  /([가-힣]{2,4})\s*(?:(?:선임|수석|객원|전문|사진|영상|인턴|취재)?기자|특파원|논설위원|논설실장|칼럼니스트|편집위원)(?![가-힣])/u;
const KO_WRITTEN_BY = /(?:^|[\s[(])글(?:\s*[·・/]\s*사진)?\s*[:=]?\s*([가-힣]{2,4})(?![가-힣])/u;
const MAX_CJK_NAMES = 3;

/** The names after a CJK credit label, as printed ("李晓红", "佐藤 美咲", "李晓红、王明"), or null. */
function cjkNames(rest: string): string | null {
  const names: string[] = [];
  let text = rest;
  let joiner = '';
  while (names.length < MAX_CJK_NAMES) {
    const m = CJK_NAME.exec(text);
    if (!m || CJK_LABEL.test(text)) break;
    let name = m[1] as string;
    const after = CJK_AFTER_NAME.exec(name);
    if (after && name.length - after[0].length >= 2) name = name.slice(0, -after[0].length);
    names.push(`${joiner}${name}`);
    text = text.slice((m[1] as string).length);
    const sep = /^(\s|、|，|,\s*)/u.exec(text);
    if (!sep) break;
    joiner = sep[1] === ' ' ? ' ' : '、';
    text = text.slice((sep[1] as string).length);
    if (/^\s/.test(text)) break;
  }
  const joined = names.join('');
  // A family name alone ("李") is no credit; a name of 2 characters at least.
  return joined.replace(/[\s、]/gu, '').length >= 2 ? joined.trim() : null;
}

/** The credit of a Chinese, Japanese or Korean info line (see `CJK_REPORTER`), or null. */
export function cjkCredit(line: string): string | null {
  const reporter = CJK_REPORTER.exec(line);
  if (reporter) {
    const names = cjkNames(line.slice(reporter.index + reporter[0].length));
    if (names) return names;
  }
  const korean = KO_REPORTER.exec(line);
  if (korean) return korean[1] as string;
  const writer = KO_WRITTEN_BY.exec(line);
  if (writer) return writer[1] as string;
  return null;
}

/**
 * The source or desk editor a Chinese or Japanese info line credits ("来源：新华社", "编辑：王晨"), or null: the
 * credit of last resort, after any author the page declares, since a source is often the paper a story was
 * taken from and an editor no author. Never the editor in charge (责任编辑).
 */
export function cjkSource(line: string): string | null {
  for (const label of [CJK_SOURCE, CJK_EDITOR]) {
    const found = label.exec(line);
    if (
      !found ||
      (label === CJK_EDITOR && /责任|責任/u.test(line.slice(Math.max(0, found.index - 2), found.index)))
    )
      continue;
    const rest = line.slice(found.index + found[0].length);
    const name = /^[^\s|｜,，;；()（）]{2,20}/u.exec(rest)?.[0];
    if (name && !CJK_LABEL.test(rest)) return name;
  }
  return null;
}

function trimLine(line: string): string {
  return cleanText(line)
    .replace(/^[-–—•*\s]+/, '')
    .replace(/[\s./]+$/, '');
}

/**
 * The names at the start of a credit, without what follows them: "Steven Mufson March 18 at 12:22 PM Follow
 * @StevenMufson" → "Steven Mufson", "Ben Silverman Games Editor" → "Ben Silverman", "Jane Doe, Environment
 * correspondent" → "Jane Doe", "Alexandre Hervaud et Jérémy Piette" as it is.
 */
export function leadingNames(text: string): string {
  const all = text.split(/\s+/);
  const words: string[] = [];
  for (const [i, word] of all.entries()) {
    const bare = word.replace(/[,;]$/, '');
    const stop = STOP_WORD.test(bare);
    if (stop || (!LETTER_NAME_WORD.test(bare) && !PARTICLE.test(bare))) {
      // "Nolan22 Dec 2016", "Pokorny@BrownsByChris": a name run into the next item keeps its letters.
      const glued = stop ? undefined : /^([\p{Lu}][\p{L}\p{M}]+)[^\p{L}\p{M}\s.,;'’-]/u.exec(word)?.[1];
      if (glued) words.push(glued);
      // "March 18", "Feb. 3": a month name just before a number is a date's ("Hoàng Mai" keeps "Mai").
      const last = (words.at(-1) ?? '').toLowerCase().replace(/\.$/, '');
      if (!glued && /^\d/.test(word) && MONTH_NUMBER.has(last)) words.pop();
      break;
    }
    words.push(word);
    // A comma ends a name; another name may follow, a job title may not.
    if (bare !== word && ROLE_WORD.test(all.at(-1)?.replace(/[.,]$/, '') ?? '') && i < all.length - 1) break;
  }
  while (words.length && PARTICLE.test(words.at(-1) ?? '')) words.pop();
  // "Tom Davies Associated Press": the agency the reporter writes for, printed after the name.
  const agency = TRAILING_AGENCY.exec(words.join(' '));
  if (agency && words.length - agency[0].trim().split(' ').length >= 2) {
    words.splice(words.length - agency[0].trim().split(' ').length);
  }
  const role = words.findIndex((w) => ROLE_WORD.test(w.replace(/[.,;]$/, '')));
  if (role >= 0) words.splice(Math.min(role, 2));
  return words.join(' ').replace(/[,;]$/, '');
}

/** True when every word of `text` is capitalised: a name or an agency, not a sentence. */
export function looksLikeName(text: string): boolean {
  return text.length <= 50 && NAME.test(text);
}

/** True when `text` is written in capitals (two letters at least): "NGUYỄN HẢI", "TTXVN". */
export function inCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toLocaleUpperCase('vi');
}

/**
 * "Hoàng Mai, Thanh Tùng" → the names, when every part is one (2–4 names); null otherwise. A part naming a job
 * ("AP Auto Writer") is left out.
 */
function nameList(text: string): string[] | null {
  const parts = text.split(LIST_SEPARATOR).map((p) => p.trim());
  if (parts.length < 2 || parts.length > 4) return null;
  if (!parts.every((p) => looksLikeName(p) && /\s/.test(p))) return null;
  // "Tom Krisher, AP Auto Writer": a part with a job title in it is the name's title, not another name.
  const names = parts.filter((p) => !p.split(/\s+/).some((w) => ROLE_WORD.test(w)));
  if (names.length === 0) return null;
  return names.map((p) => leadingNames(p) || p);
}

/**
 * The byline in one line of text, or null when the line is not one. With `bare`, a line that is only a
 * name (2–6 capitalised words) or a list of such names is accepted too: pass it when the line is set as an
 * author line (bold, right-aligned, last in the body, linked to an author page), since a short capitalised
 * line elsewhere may be a heading.
 */
export function parseBylineLine(line: string, options: { bare?: boolean } = {}): string | null {
  const text = trimLine(line);
  if (!text || text.length > MAX_LINE) return null;
  if (/[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) {
    const credit = cjkCredit(text);
    if (credit) return credit;
  }

  if (LABELLED.test(text)) {
    // "Bài: Minh Anh - Ảnh: Hồng Nhung" → "Minh Anh, Hồng Nhung"
    const names = text
      .split(LABEL)
      .map((part) => part.replace(/[\s;,–—-]+$/u, '').trim())
      .filter(Boolean);
    return names.length ? names.join(', ') : null;
  }
  if (GROUP.test(text)) return text;
  const source = SOURCE.exec(text);
  if (source) {
    const name = trimLine(source[1] as string);
    return name.length <= 50 && PUBLICATION.test(name) ? name : null;
  }
  const foreign = FOREIGN.exec(text);
  if (foreign) {
    const credit = trimLine((foreign[1] as string).split(/\s*[|•·]\s*/)[0] ?? '');
    const name = leadingNames(credit);
    // "Martin Untersinger (avec Damien Leloup et Morgane Tual)": co-authors in brackets stay as printed.
    const also = credit.slice(name.length).trim();
    if (name && /^\([^()]{3,80}\)$/.test(also)) return `${name} ${also}`;
    // "by jdadmin": a user name, printed in lower case.
    if (!name && /^[\p{Ll}\p{N}._-]{3,30}$/u.test(credit)) return credit;
    return name && name.length <= 60 ? name : null;
  }
  if (NAME_WITH_AGENCY.test(text)) return text;
  if (/^\([^()]{2,40}\)$/.test(text) && looksLikeName(text.slice(1, -1))) return text.slice(1, -1);
  if (!options.bare) return null;
  if ((/\s/.test(text) || inCapitals(text)) && looksLikeName(text)) return leadingNames(text) || text;
  return nameList(text)?.join(', ') ?? null;
}

/** A byline from metadata (JSON-LD author, meta author, Readability's guess), labels stripped. */
export function cleanByline(value: string | null | undefined): string | null {
  const text = trimLine(value ?? '');
  if (!text || /^https?:/i.test(text)) return null;
  return parseBylineLine(text) ?? (text.length <= 100 ? text : null);
}

/**
 * Folded words of a name, for comparing bylines with site names, a domain ending dropped: "Báo Dân trí" →
 * ["bao", "dan", "tri"], "Le Monde.fr" → ["le", "monde"].
 */
function words(text: string): string[] {
  const name = text.trim().replace(/\.(?:com|net|org|info|co\.uk|com\.vn|[a-z]{2})$/i, '');
  return foldText(name).match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Words a newsroom adds to its name in a credit: "BBC News", "VnExpress Online", "Tuổi Trẻ TV", "Dân trí Team".
const NEWSROOM_WORDS = new Set(
  'news online tv radio digital staff team desk newsroom reporters bao dien tu phong vien pv nhom the'.split(
    ' ',
  ),
);

/**
 * True when `byline` only names the site itself: one of `siteNames` ("BBC News" on a page of "BBC", "Báo Nam
 * Định" on "Báo Nam Định điện tử"), or the host's own name ("VnExpress" on vnexpress.net). A byline naming
 * another newsroom or agency ("Reuters", "TTXVN"), or a reporter of the site's own bureau ("Minh Hòa/VOV-Tây
 * Bắc" on vov.vn), is not the site.
 */
export function namesSite(
  byline: string,
  siteNames: readonly (string | null | undefined)[],
  host?: string,
): boolean {
  const b = words(byline);
  if (!b.length) return false;
  // The byline is the site's words in order, give or take newsroom words: nothing else is left.
  const only = (site: string[]) => {
    const at = site.length ? b.findIndex((_, i) => site.every((w, j) => b[i + j] === w)) : -1;
    if (at < 0) return false;
    return [...b.slice(0, at), ...b.slice(at + site.length)].every((w) => NEWSROOM_WORDS.has(w));
  };
  const within = (site: string[]) => site.some((_, i) => b.every((w, j) => site[i + j] === w));
  for (const name of siteNames) {
    const s = name ? words(name) : [];
    if (s.length && (s.join('') === b.join('') || only(s) || within(s))) return true;
  }
  const label =
    (host ?? '')
      .toLowerCase()
      .replace(/^www\d?\./, '')
      .split('.')[0] ?? '';
  return label.length >= 3 && (b.join('') === label || only([label]));
}

/**
 * `byline` without the site's name printed after the reporter's ("Elliot Brownstein Florida Today",
 * "Jane Doe, BBC News", "Minh Hòa | VnExpress" on that site): the tail must be all of one of `siteNames` (or
 * the host's name), give or take newsroom words, and a name must be left before it. As given otherwise.
 */
export function withoutSiteName(
  byline: string,
  siteNames: readonly (string | null | undefined)[],
  host?: string,
): string {
  const tokens = byline.split(/\s+/);
  const label =
    (host ?? '')
      .toLowerCase()
      .replace(/^www\d?\./, '')
      .split('.')[0] ?? '';
  const sites = [...siteNames.map((n) => (n ? words(n) : [])), label.length >= 3 ? [label] : []].filter(
    (s) => s.length > 0,
  );
  for (let cut = 1; cut < tokens.length; cut++) {
    const tail = words(tokens.slice(cut).join(' ')).filter((w) => !NEWSROOM_WORDS.has(w));
    const whole = words(tokens.slice(cut).join(' ')).join('');
    const isSite = sites.some((s) => {
      const core = s.filter((w) => !NEWSROOM_WORDS.has(w));
      return (core.length > 0 && core.join(' ') === tail.join(' ')) || s.join('') === whole;
    });
    if (!isSite) continue;
    const head = tokens
      .slice(0, cut)
      .join(' ')
      .replace(/[\s,;|/·•–—-]+$/u, '');
    if (head && /\p{L}/u.test(head)) return head;
  }
  return byline;
}

/**
 * The first of `candidates` (in order of trust) that is a byline: not empty, not a run of text that swallowed
 * a time line ("Hoàng Mai Thứ tư, 08/03/2023 - 07:15", as a guess may), and not the site's own name — unless
 * `people` (the names the page declares as persons) has it: a personal blog is named after its author. The
 * site's name printed after a reporter's is cut (`withoutSiteName`).
 */
export function pickByline(
  candidates: readonly (string | null | undefined)[],
  siteNames: readonly (string | null | undefined)[],
  host: string,
  people: readonly string[] = [],
): string | null {
  const person = new Set(people.map((p) => foldText(p)));
  for (const candidate of candidates) {
    const text = cleanText(candidate);
    if (!text || parsePrintedDate(text)) continue;
    const byline = person.has(foldText(text)) ? text : withoutSiteName(text, siteNames, host);
    if (person.has(foldText(byline)) || !namesSite(byline, siteNames, host)) return byline;
  }
  return null;
}
