/**
 * The export formats, in the order the pickers offer them. No runtime dependencies, so the popup and the
 * library page can list them without loading the request schemas (zod).
 */
export const EXPORT_FORMATS = [
  'markdown',
  'markdown-files',
  'csv',
  'backup',
  'web-annotation',
  'bibtex',
  'ris',
  'csl-json',
  'html',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
