/**
 * Removes what is never part of an article from a clone of the page before Readability sees it: related-news
 * lists, share bars, comment forms, footers. By the adapter's selectors, by class/id words (Vietnamese CMS
 * names Readability does not know, such as `box-tinlienquan`, `binh-luan`), and by section labels
 * ("Tin liên quan", "Ý kiến bạn đọc"). Nothing holding the headline or much of the page's prose is removed.
 */
import type { SiteAdapter } from './types';

const NOISE_WORDS =
  /(?:^|[\s_-])(?:related|relate|tin-?lien-?quan|tinlienquan|lienquan|tin-?khac|tinkhac|bai-?viet-?khac|other-?news|more-?news|xem-?them|xemthem|doc-?them|most-?read|doc-?nhieu|docnhieu|xem-?nhieu|xemnhieu|share|sharing|chia-?se|chiase|social|comments?|binh-?luan|binhluan|y-?kien|ykien|footer|breadcrumbs?|toolbar|tools|newsletter|subscribe|quang-?cao|banner)(?:$|[\s_-])/i;

/** True when a class or id names a widget that is never part of an article ("box-tinlienquan", "comments"). */
export function isNoiseName(name: string): boolean {
  return NOISE_WORDS.test(name);
}

/** Section labels that head a box of links or a form, lower case, without the trailing colon. */
const LABELS = new Set([
  'tin liên quan',
  'bài liên quan',
  'tin cùng chuyên mục',
  'tin cùng chủ đề',
  'bài viết khác',
  'bài viết liên quan',
  'các tin khác',
  'các bài khác',
  'tin khác',
  'tin mới',
  'tin mới nhất',
  'tin mới hơn',
  'tin cũ hơn',
  'tin đã đưa',
  'đọc nhiều nhất',
  'xem nhiều nhất',
  'đọc nhiều',
  'xem nhiều',
  'đọc thêm',
  'xem thêm',
  'có thể bạn quan tâm',
  'ý kiến bạn đọc',
  'gửi ý kiến',
  'gửi bình luận',
  'bình luận',
  'ý kiến',
  'chia sẻ bài viết',
  'chia sẻ',
  'từ khóa',
  'related',
  'related articles',
  'related stories',
  'related news',
  'more stories',
  'read more',
  'recommended',
  'comments',
  'leave a comment',
  'leave a reply',
  'share this',
  'share this article',
  'most read',
  'most popular',
  'you may also like',
]);

const KEEP = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE', 'H1']);
// Elements whose class or id may name a widget; text-level elements are not read, to keep the walk cheap.
const CONTAINER_TAGS = new Set([
  'DIV',
  'SECTION',
  'ASIDE',
  'NAV',
  'FOOTER',
  'HEADER',
  'UL',
  'OL',
  'TABLE',
  'FORM',
  'SPAN',
  'P',
]);
// Where section labels are written: headings and bold runs, or any container classed as a title.
const LABEL_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6', 'STRONG', 'B']);
const LABEL_CLASS = /title|heading|header|label|caption|tieu-?de/i;
const CONTROL_TAGS = new Set(['TEXTAREA', 'INPUT', 'BUTTON', 'SELECT', 'LABEL', 'IFRAME']);

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** The label text of a short element: NFC, lower case, no trailing colon or count ("Bình luận (3)"). */
export function labelOf(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\(\d+\)\s*$|\s*[:：]\s*$/g, '')
    .trim();
}

/** True when `text` is a section label such as "Tin liên quan" or "Related stories". */
export function isNoiseLabel(text: string): boolean {
  return text.length <= 40 && LABELS.has(labelOf(text));
}

function linkDensity(el: Element): number {
  const total = textLength(el) || 1;
  let links = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) links += textLength(a);
  return links / total;
}

/** Removes noise from `doc` (a clone: this edits it). `headline` is never removed, nor its ancestors. */
export function removeNoise(doc: Document, adapter: SiteAdapter, headline: Element | null): void {
  const body = doc.body;
  if (!body) return;
  // "Much of the page's prose" is counted in paragraphs (cheap), or in characters on pages without them.
  const bodyParas = body.getElementsByTagName('p').length;
  const bodyChars = bodyParas >= 5 ? 0 : textLength(body) || 1;
  const safe = (el: Element) =>
    !KEEP.has(el.tagName.toUpperCase()) &&
    !(headline && el.contains(headline)) &&
    (bodyParas >= 5
      ? el.getElementsByTagName('p').length < bodyParas * 0.4
      : textLength(el) < bodyChars * 0.4);
  const remove = (el: Element) => {
    if (body.contains(el) && safe(el)) el.remove();
  };

  if (adapter.selectors.noise.length) {
    for (const el of Array.from(body.querySelectorAll(adapter.selectors.noise.join(', ')))) remove(el);
  }
  // One walk sorts the elements; attributes are read only on containers, text only on label candidates.
  const labels: Element[] = [];
  const controls: Element[] = [];
  const forms: Element[] = [];
  for (const el of Array.from(body.getElementsByTagName('*'))) {
    const tag = el.tagName.toUpperCase();
    if (CONTROL_TAGS.has(tag)) {
      controls.push(el);
      continue;
    }
    if (tag === 'FORM') forms.push(el);
    // A <nav> that is mostly links (a breadcrumb, a menu) is the site's, whatever its class says.
    if (tag === 'NAV' && linkDensity(el) > 0.5) {
      remove(el);
      continue;
    }
    const container = CONTAINER_TAGS.has(tag);
    const cls = container || LABEL_TAGS.has(tag) ? (el.getAttribute('class') ?? '') : '';
    if (LABEL_TAGS.has(tag) || (container && LABEL_CLASS.test(cls))) labels.push(el);
    if (!container) continue;
    const id = el.getAttribute('id');
    // Ids made from headings ("sharing-with-a-single-developer") are prose, not widget names.
    const widgetId = id && id.split(/[-_]+/).length <= 3 ? id : '';
    if ((cls && NOISE_WORDS.test(cls)) || (widgetId && NOISE_WORDS.test(widgetId))) remove(el);
  }
  // A label heads a box: drop the box when the label opens it and the rest is links or a small form; else
  // drop the label and the link list right after it.
  for (const el of labels) {
    if (el.children.length > 2 || !body.contains(el)) continue;
    const label = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!isNoiseLabel(label)) continue;
    const box = el.parentElement;
    const opens = box && (box.textContent ?? '').replace(/\s+/g, ' ').trim().startsWith(label);
    if (
      box &&
      box !== body &&
      opens &&
      safe(box) &&
      (linkDensity(box) > 0.5 || (textLength(box) < 800 && box.querySelector('form, textarea')))
    ) {
      box.remove();
      continue;
    }
    const next = el.nextElementSibling;
    if (next && /^(?:UL|OL)$/i.test(next.tagName) && linkDensity(next) > 0.5) next.remove();
    remove(el);
  }
  for (const el of controls) el.remove();
  // ASP.NET pages wrap the whole page in one <form>; only small forms are comment or search boxes.
  for (const form of forms) if (body.contains(form) && textLength(form) < 300) form.remove();
}
