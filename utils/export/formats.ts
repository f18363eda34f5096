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

/** The importers, one per format a file may be in. */
export const IMPORT_KINDS = [
  'backup',
  'web-annotation',
  'hypothesis',
  'kindle',
  'readwise',
  'omnivore',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** True when the bytes begin as a zip does (a local file header, or the end record of an empty zip). */
export function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && head[3] === head[2] + 1;
}

/** The marker of the text the library page sends for an Omnivore zip (utils/export/omnivore-zip.ts). */
export const OMNIVORE_ZIP_FORMAT = 'clipmark-omnivore-zip';

/**
 * Which importer a file needs, from its content: our backup names its format; a Hypothesis export or API result
 * begins with one of its own keys (import-hypothesis.ts); Kindle's clippings have their separator lines,
 * Readwise's CSV its header, Omnivore's metadata its `slug` and `savedAt`; anything else is tried as W3C. Each
 * importer checks the whole file again.
 */
export function importKindOf(text: string): ImportKind {
  const head = text.slice(0, 4000).replace(/^\ufeff/, '');
  if (/"format"\s*:\s*"clipmark-backup"/.test(head.slice(0, 2000))) return 'backup';
  if (/^\s*\{\s*"(?:export_date|export_userid|client_version|total|rows)"\s*:/.test(head))
    return 'hypothesis';
  const first = head.trimStart()[0];
  if (first !== '{' && first !== '[') {
    if (/^={10}\s*$/m.test(text.slice(0, 200_000))) return 'kindle';
    const header = (head.split(/\r\n|\r|\n/, 1)[0] ?? '').toLowerCase();
    if (/(^|,)"?highlight"?(,|$)/.test(header) && /(^|,)"?book title"?(,|$)/.test(header)) return 'readwise';
  }
  if (first === '[' && /"slug"\s*:/.test(head) && /"savedAt"\s*:/.test(head)) return 'omnivore';
  return 'web-annotation';
}
