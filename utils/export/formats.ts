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

/**
 * Which importer a file needs, from its content: our backup names its format; a Hypothesis export or API result
 * begins with one of its own keys (import-hypothesis.ts); anything else is tried as W3C.
 */
export function importKindOf(text: string): 'backup' | 'web-annotation' | 'hypothesis' {
  const head = text.slice(0, 2000);
  if (/"format"\s*:\s*"clipmark-backup"/.test(head)) return 'backup';
  if (/^\uFEFF?\s*\{\s*"(?:export_date|export_userid|client_version|total|rows)"\s*:/.test(head))
    return 'hypothesis';
  return 'web-annotation';
}
