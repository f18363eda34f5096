/**
 * Export and import (issue #7). Exporters are pure functions of a `Selection`; the caller picks the scope
 * (select.ts). Importers validate a whole file, then merge it in one transaction. `handlers.ts` wraps both
 * for the background's router.
 */
export { type Author, parseByline } from './authors';
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupFile,
  exportBackup,
  serializeBackup,
  toBackup,
} from './backup';
export { citationFacts, selectionToBibtex, selectionToCslJson, selectionToRis } from './citations';
export { selectionToCsv } from './csv';
export {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportRequest,
  ExportRequestSchema,
  exportHandlers,
  type ImportRequest,
  ImportRequestSchema,
  runExport,
  runImport,
} from './handlers';
export { articleToHtml, selectionToHtmlFiles } from './html';
export { importBackup } from './import-backup';
export { ImportError, type ImportErrorCode, MAX_IMPORT_BYTES } from './import-errors';
export { importWebAnnotations } from './import-web-annotation';
export { articleToMarkdown, selectionToMarkdown, selectionToMarkdownFiles } from './markdown';
export type { Counts, ImportAnswer, ImportOptions, ImportResult } from './merge';
export { type SelectOptions, selectAll, selectHighlights, selectPage } from './select';
export type { Clipping, ExportFile, ExportLang, Selection } from './types';
export { selectionToWebAnnotations } from './web-annotation';
