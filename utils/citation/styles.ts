/**
 * The citation styles "Copy with citation" offers, and the CSL locale a citation is written in. Small and
 * free of citeproc: the settings schema, the popup's chooser and the background import it; the formatter
 * (`format.ts`, with citeproc-js and the bundled style files) is loaded only where a citation is made.
 */

/** APA 7, Chicago 18 author-date, MLA 9 — the bundled CSL styles (utils/citation/csl/). */
export const CITATION_STYLES = ['apa', 'chicago-author-date', 'mla'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];
export const DEFAULT_CITATION_STYLE: CitationStyle = 'apa';

/** The bundled CSL locales: a citation follows the interface language (Vietnamese, else US English). */
export type CitationLocale = 'en-US' | 'vi-VN';

export function citationLocale(uiLanguage: string | null | undefined): CitationLocale {
  return /^vi\b/i.test(uiLanguage ?? '') ? 'vi-VN' : 'en-US';
}
