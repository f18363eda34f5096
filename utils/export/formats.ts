/**
 * The file formats: those an export writes, in the order the pickers offer them, and which importer reads a
 * file. No runtime dependencies, so the popup and the library page can use them without loading the request
 * schemas (zod).
 */
export const EXPORT_FORMATS = [
  'markdown',
  'markdown-files',
  'csv',
  'backup',
  'web-annotation',
  'hypothesis',
  'bibtex',
  'ris',
  'csl-json',
  'html',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which importer a file needs, from its content: our backup names its format; anything else is tried as W3C. */
export function importKindOf(text: string): 'backup' | 'web-annotation' {
  return /"format"\s*:\s*"clipmark-backup"/.test(text.slice(0, 2000)) ? 'backup' : 'web-annotation';
}
