/**
 * The words printed dates are made of, per language: month names (full and abbreviated), zone abbreviations,
 * and the labels that say a date is an update or the reader's "today" rather than the article's time.
 * Data only; `dates.ts` builds its patterns from these.
 */

// Month number → names in the languages Clipmark meets (lower case, NFC). Abbreviations may end with a dot.
const MONTHS: Record<number, string> = {
  1: 'january jan janvier janv januar jänner enero gennaio janeiro januari',
  2: 'february feb février fevrier févr fevr februar febrero febbraio fevereiro februari',
  3: 'march mar mars märz maerz mär marzo março maart',
  4: 'april apr avril avr abril aprile',
  5: 'may mai mayo maggio maio mei',
  6: 'june jun juin juni junio giugno junho',
  7: 'july jul juillet juil juli julio luglio julho',
  8: 'august aug août aout agosto augustus',
  9: 'september sept sep septembre septiembre setiembre settembre setembro',
  10: 'october oct octobre oktober okt octubre ottobre outubro',
  11: 'november nov novembre noviembre novembro',
  12: 'december dec décembre decembre déc dezember dez diciembre dicembre dezembro',
};

// Thai months, full and abbreviated; Thai pages often count years in the Buddhist era (CE + 543).
const THAI_MONTHS: Record<number, string> = {
  1: 'มกราคม ม.ค.',
  2: 'กุมภาพันธ์ ก.พ.',
  3: 'มีนาคม มี.ค.',
  4: 'เมษายน เม.ย.',
  5: 'พฤษภาคม พ.ค.',
  6: 'มิถุนายน มิ.ย.',
  7: 'กรกฎาคม ก.ค.',
  8: 'สิงหาคม ส.ค.',
  9: 'กันยายน ก.ย.',
  10: 'ตุลาคม ต.ค.',
  11: 'พฤศจิกายน พ.ย.',
  12: 'ธันวาคม ธ.ค.',
};

function index(table: Record<number, string>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [month, names] of Object.entries(table)) {
    for (const name of names.split(' ')) map.set(name, Number(month));
  }
  return map;
}

/** Month name (lower case) → month number, Latin-script languages. */
export const MONTH_NUMBER = index(MONTHS);
/** Thai month name → month number. */
export const THAI_MONTH_NUMBER = index(THAI_MONTHS);

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so "sept" is tried before "sep" and "march" before "mar".
const alternation = (names: Iterable<string>) =>
  [...names]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|');

/** A regex source matching one Latin month name. */
export const MONTH_NAME = alternation(MONTH_NUMBER.keys());
/** A regex source matching one Thai month name. */
export const THAI_MONTH_NAME = alternation(THAI_MONTH_NUMBER.keys());

/** Zone abbreviations printed after a time, with their offsets; ambiguous ones (CST, IST) are left out. */
export const ZONE_ABBREVIATIONS: Record<string, string> = {
  ict: '+07:00',
  wib: '+07:00',
  cet: '+01:00',
  cest: '+02:00',
  mez: '+01:00',
  mesz: '+02:00',
  wet: '+00:00',
  west: '+01:00',
  bst: '+01:00',
  eet: '+02:00',
  eest: '+03:00',
  est: '-05:00',
  edt: '-04:00',
  pst: '-08:00',
  pdt: '-07:00',
  jst: '+09:00',
  kst: '+09:00',
  hkt: '+08:00',
  sgt: '+08:00',
};

/**
 * Labels that introduce an update time: "Cập nhật", "Updated", "Mis à jour", "Aktualisiert", "Actualizado",
 * "Aggiornato", "Atualizado", "更新", "수정".
 */
export const UPDATED_LABEL =
  /cập nhật|updated?|last modified|mis à jour|mise à jour|aktualisiert|actualizado|aggiornato|atualizado|bijgewerkt|更新|수정/iu;

/**
 * Labels that introduce a publication time: "Đăng lúc", "Ngày đăng", "Published", "Posted", "Publié",
 * "Veröffentlicht", "Publicado", "Pubblicato", "发布", "公開", "입력", "등록".
 */
export const PUBLISHED_LABEL =
  /đăng lúc|đăng ngày|ngày đăng|xuất bản|published|posted|publié|veröffentlicht|publicado|pubblicato|发布|發佈|发表|發表|公開|掲載|입력|등록|작성/iu;

/** Labels of the reader's own date in a site header: "Hôm nay", "Today", "Aujourd'hui", "Heute". */
export const TODAY_LABEL = /hôm nay|today|aujourd[’']hui|heute|hoy|oggi|hoje|vandaag|今日|今天|오늘/iu;
