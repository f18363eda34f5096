/**
 * "Copy with citation": a passage as a quotation with its in-text citation, the article's reference and the
 * deep link to the passage — formatted by citeproc-js from the article's CSL item (`citationItem`) with the
 * bundled CSL styles and locales (utils/citation/csl/, CC BY-SA 3.0, verbatim from the Citation Style
 * Language project, https://citationstyles.org/; nothing is loaded from the network).
 *
 * citeproc-js and the style files are large (~1 MB unminified): this module is imported only where a
 * citation is made — the popup loads it on its first "Cite" (a dynamic import), and the page's toolbar key
 * injects `page-cite.js`, which holds it, into the page on the first press (docs/architecture.md). Never import
 * it from the content-script core, the page tools or UI, or the background.
 */
import CSL from 'citeproc';
import apa from './csl/apa.csl?raw';
import chicagoAuthorDate from './csl/chicago-author-date.csl?raw';
import enUS from './csl/locales-en-US.xml?raw';
import viVN from './csl/locales-vi-VN.xml?raw';
import mla from './csl/modern-language-association.csl?raw';
import type { CslItem } from './item';
import type { CitationLocale, CitationStyle } from './styles';

const STYLES: Record<CitationStyle, string> = {
  apa,
  'chicago-author-date': chicagoAuthorDate,
  mla,
};
const LOCALES: Record<CitationLocale, string> = { 'en-US': enUS, 'vi-VN': viVN };

export interface QuotationRequest {
  item: CslItem;
  style: CitationStyle;
  locale: CitationLocale;
  /** The passage, as selected. */
  quote: string;
  /** The article's address with a text fragment for the passage (utils/export/deep-link.ts). */
  link: string;
}

export interface Quotation {
  /** Plain text: the quotation and its in-text citation; the reference; the link. */
  text: string;
  /** The same as HTML (the reference's italics kept), for editors that paste formatted text. */
  html: string;
  /** The parts, for tests and for showing. */
  inText: string;
  reference: string;
}

/** One engine per style and locale, kept: parsing a style takes longer than formatting with it. */
const engines = new Map<string, { engine: InstanceType<typeof CSL.Engine>; items: Map<string, CslItem> }>();

function engineFor(style: CitationStyle, locale: CitationLocale) {
  const key = `${style} ${locale}`;
  let entry = engines.get(key);
  if (!entry) {
    const items = new Map<string, CslItem>();
    const sys = {
      // Only the two bundled locales exist; a style asking for another one gets the citation's own.
      retrieveLocale: (lang: string) => LOCALES[lang as CitationLocale] ?? LOCALES[locale],
      retrieveItem: (id: string) => items.get(id),
    };
    // forceLang: the citation is written in the interface's language, whatever default the style names.
    entry = { engine: new CSL.Engine(sys, STYLES[style], locale, true), items };
    engines.set(key, entry);
  }
  return entry;
}

const oneLine = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The reference and in-text citation of one item, as text or HTML. */
function render(item: CslItem, style: CitationStyle, locale: CitationLocale, format: 'text' | 'html') {
  const { engine, items } = engineFor(style, locale);
  items.clear();
  items.set(item.id, item);
  engine.setOutputFormat(format);
  engine.updateItems([item.id]);
  const bibliography = engine.makeBibliography();
  const entries = bibliography ? bibliography[1] : [];
  let reference = entries.join('').trim();
  if (format === 'html') {
    // citeproc wraps each entry in <div class="csl-entry">; the clipboard gets the entry's inside.
    reference = reference.replace(/^<div class="csl-entry">([\s\S]*)<\/div>$/, '$1').trim();
  }
  const inText = engine.previewCitationCluster(
    { citationItems: [{ id: item.id }], properties: { noteIndex: 0 } },
    [],
    [],
    format,
  );
  return { reference, inText: inText.trim() };
}

/**
 * Citeproc reads a few HTML-like tags in field values as rich text (`<i>`, `<b>`, `<sup>`, `<span …>`): a title
 * that holds them literally would lose them. `<` and `>` go through citeproc as two private-use characters
 * and come back as themselves (text) or escaped (HTML).
 */
function shielded(item: CslItem): CslItem {
  const shield = (s: string) => s.replace(/</g, '\u{E000}').replace(/>/g, '\u{E001}');
  // A site's address standing for a missing title ("example.vn") is not to be title-cased ("Example.Vn").
  const title = item.title && (HOSTNAME.test(item.title) ? nocase(item.title) : shield(item.title));
  return {
    ...item,
    ...(title ? { title } : {}),
    ...(item['container-title'] ? { 'container-title': shield(item['container-title']) } : {}),
    ...(item.author
      ? {
          author: item.author.map((n) =>
            Object.fromEntries(Object.entries(n).map(([k, v]) => [k, shield(v as string)])),
          ),
        }
      : {}),
  };
}
const HOSTNAME = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
const nocase = (text: string) => `<span class="nocase">${text}</span>`;
const unshield = (s: string, html: boolean) =>
  s.replace(/\u{E000}/gu, html ? '&lt;' : '<').replace(/\u{E001}/gu, html ? '&gt;' : '>');

export function formatQuotation({ item, style, locale, quote, link }: QuotationRequest): Quotation {
  const safe = shielded(item);
  const text = render(safe, style, locale, 'text');
  const html = render(safe, style, locale, 'html');
  const passage = oneLine(quote);
  const reference = unshield(text.reference, false);
  const inText = unshield(text.inText, false);
  return {
    text: `“${passage}” ${inText}\n\n${reference}\n${link}\n`,
    html:
      `<p>“${escapeHtml(passage)}” ${unshield(html.inText, true)}</p>\n` +
      `<p>${unshield(html.reference, true)}</p>\n` +
      `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>\n`,
    inText,
    reference,
  };
}
