/** What the reader page shows around the clipping: its highlight colours, the paper's name, the saving date. */
import { highlightCss } from '../highlighter';

/**
 * Gives `doc` the highlight colours (`highlightCss`) as a constructed style sheet, and says whether it could: the
 * extension pages' Content Security Policy (`style-src 'self'`, wxt.config.ts) refuses the `<style>` element the
 * highlighter would add, not a sheet built through the CSSOM. Pass the result as the highlighter's `styled`.
 */
export function adoptHighlightStyles(doc: Document): boolean {
  const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
  if (!Sheet || !Array.isArray(doc.adoptedStyleSheets)) return false;
  try {
    const sheet = new Sheet();
    sheet.replaceSync(highlightCss());
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return true;
  } catch {
    return false;
  }
}

/** The paper's name: the site's own, else the article's host without "www.". */
export function paperName(siteName: string | null | undefined, url: string): string {
  if (siteName?.trim()) return siteName.trim();
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** When a clipping was saved, in the reader's language and time zone: "12 Nov 2026, 14:05". */
export function formatSavedDate(time: number, lang: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(lang.startsWith('vi') ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(time));
}
