/**
 * Export and import as message handlers for the background: validate the request, pick the scope, run the
 * format, turn a bad file into an `invalid` error. Pure functions over the database passed in.
 */

import { serializeBackup, toBackup } from '@/utils/export/backup';
import { selectionToBibtex, selectionToCslJson, selectionToRis } from '@/utils/export/citations';
import { fileNames, groupByArticle } from '@/utils/export/common';
import { selectionToCsv } from '@/utils/export/csv';
import { textDigest } from '@/utils/export/digest';
import { selectionToHtmlFiles } from '@/utils/export/html';
import { selectionToHypothesis } from '@/utils/export/hypothesis';
import { checkSize, ImportError } from '@/utils/export/import-errors';
import type { ImportAnswer, ImportOptions } from '@/utils/export/import-records';
import { selectionToMarkdown, selectionToMarkdownFiles } from '@/utils/export/markdown';
import type { ExportedFile, ExportFile, Selection } from '@/utils/export/types';
import { selectionToWebAnnotations } from '@/utils/export/web-annotation';
import type { RequestContext, SenderContext } from '@/utils/messaging/background-router';
import type {
  ExportPartRequest,
  ExportRequest,
  ImportChunk,
  ImportRequest,
} from '@/utils/messaging/export-import-schemas';
import { RouteError } from '@/utils/messaging/router';
import type { ClipmarkDB } from '../database';
import { assertExtensionPage } from '../library/access';
import {
  importBackup,
  importHypothesis,
  importKindle,
  importOmnivore,
  importReadwise,
  importWebAnnotations,
} from './import-file';
import { exportBackup, selectAll, selectHighlights, selectPage } from './select';
import { createExportParts, createUploads, type TransferOptions } from './uploads-and-parts';

export {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportRequest,
  ExportRequestSchema,
  type ImportRequest,
  ImportRequestSchema,
} from '@/utils/messaging/export-import-schemas';
export type { TransferOptions } from './uploads-and-parts';

const SINGLE: Record<
  string,
  [ext: string, mime: string, run: (s: Selection, r: ExportRequest, now: number) => string]
> = {
  markdown: [
    'md',
    'text/markdown;charset=utf-8',
    (s, r) => selectionToMarkdown(s, { lang: r.lang, clippings: s.clippings ?? [] }),
  ],
  csv: ['csv', 'text/csv;charset=utf-8', (s, r) => selectionToCsv(s, r)],
  'web-annotation': ['jsonld', 'application/ld+json', (s) => selectionToWebAnnotations(s)],
  // `.hypothesis.json`: the client's file picker takes any JSON file; the name says what it is for.
  hypothesis: ['hypothesis.json', 'application/json', (s, _r, now) => selectionToHypothesis(s, now)],
  bibtex: ['bib', 'application/x-bibtex;charset=utf-8', (s) => selectionToBibtex(s)],
  ris: ['ris', 'application/x-research-info-systems;charset=utf-8', (s) => selectionToRis(s)],
  'csl-json': ['json', 'application/vnd.citationstyles.csl+json', (s) => selectionToCslJson(s)],
};

/** Formats that show or hold the articles' clippings; the others do not read them. */
const WITH_CLIPPINGS = new Set<ExportRequest['format']>(['markdown', 'markdown-files', 'html', 'backup']);

/**
 * Runs an export; one file, or one per article for `markdown-files` and `html`. The selection carries the
 * clippings of its articles to the formats that use them: HTML and Markdown show the saved text, a partial
 * backup holds it.
 */
export async function runExport(
  db: ClipmarkDB,
  request: ExportRequest,
  now: () => number = Date.now,
): Promise<ExportFile[]> {
  const { scope, format } = request;
  const day = new Date(now()).toISOString().slice(0, 10);
  if (format === 'backup' && scope.kind === 'all') {
    const content = await exportBackup(db, now);
    return [{ filename: `clipmark-backup-${day}.json`, mimeType: 'application/json', content }];
  }
  const options = { clippings: WITH_CLIPPINGS.has(format) };
  const selection =
    scope.kind === 'all'
      ? await selectAll(db, options)
      : scope.kind === 'page'
        ? await selectPage(db, scope.url, options)
        : await selectHighlights(db, scope.ids, options);
  const { lang } = request;
  const clippings = selection.clippings ?? [];
  if (format === 'markdown-files') return selectionToMarkdownFiles(selection, { lang, clippings });
  if (format === 'html') return selectionToHtmlFiles(selection, { lang, clippings });
  // One page's file is named after the article; others after the scope and the day.
  const groups = scope.kind === 'page' ? groupByArticle(selection) : [];
  const base =
    groups.length === 1
      ? (fileNames(groups, 'x')[0] as string).slice(0, -2)
      : `clipmark-${scope.kind === 'all' ? 'library' : 'selection'}-${day}`;
  if (format === 'backup') {
    // A backup of part of the library: its records and its articles' clippings; no trash, no settings.
    const content = serializeBackup(toBackup(selection, [], now()));
    return [{ filename: `${base}.backup.json`, mimeType: 'application/json', content }];
  }
  const [ext, mimeType, run] = SINGLE[format] as (typeof SINGLE)[string];
  return [{ filename: `${base}.${ext}`, mimeType, content: run(selection, request, now()) }];
}

const IMPORTERS = {
  backup: importBackup,
  'web-annotation': importWebAnnotations,
  hypothesis: importHypothesis,
  kindle: importKindle,
  readwise: importReadwise,
  omnivore: importOmnivore,
} satisfies Record<ImportRequest['kind'], unknown>;

/** Files from other tools: previewed even when they only add. */
const FOREIGN_KINDS = new Set<ImportRequest['kind']>(['hypothesis', 'kindle', 'readwise', 'omnivore']);

/**
 * Runs an import of a file's text, asking first: a file that would replace or trash anything of the library
 * is answered with its preview and token (nothing written) unless `confirm` is the token of that very plan for
 * this very file (entrypoints/background/export/merge.ts). A bad file becomes an `invalid` error carrying the importer's message.
 */
export async function runImport(
  db: ClipmarkDB,
  request: { kind: ImportRequest['kind']; text: string; confirm?: string },
  options: ImportOptions = {},
): Promise<ImportAnswer> {
  try {
    const run = IMPORTERS[request.kind];
    checkSize(request.text); // before hashing a file the importer would refuse
    // Another tool's file is always previewed first: what it adds, and what it leaves out and why.
    const always = FOREIGN_KINDS.has(request.kind);
    const ask = { fileDigest: await textDigest(request.text), token: request.confirm, always };
    return await run(db, request.text, { ...options, ask });
  } catch (error) {
    if (error instanceof ImportError) throw new RouteError('invalid', error.message);
    throw error;
  }
}

/** How far each running import is, by the id its page chose; an entry lives as long as its import. */
export type ImportProgress = Map<string, { done: number; total: number }>;

/**
 * Handlers for the router, extension pages only (see docs/architecture.md, "Who may ask what"). Files too
 * large for one message go in chunks (`library.importChunk`) and come back in parts (`library.exportPart`):
 * see `utils/messaging/chunked-files.ts` and `uploads-and-parts.ts`.
 */
export function exportHandlers(db: ClipmarkDB, now: () => number = Date.now, transfer: TransferOptions = {}) {
  const running: ImportProgress = new Map();
  const uploads = createUploads(transfer);
  const held = createExportParts(transfer);
  return {
    async 'library.export'(request: ExportRequest, sender: SenderContext): Promise<ExportedFile[]> {
      assertExtensionPage(sender);
      return held.offer(await runExport(db, request, now));
    },
    async 'library.exportPart'(request: ExportPartRequest, sender: SenderContext) {
      assertExtensionPage(sender);
      return held.part(request);
    },
    async 'library.importChunk'(request: ImportChunk, sender: SenderContext) {
      assertExtensionPage(sender);
      return uploads.add(request);
    },
    async 'library.import'(
      request: ImportRequest,
      sender: SenderContext,
      context?: RequestContext,
    ): Promise<ImportAnswer> {
      assertExtensionPage(sender);
      // The upload is forgotten as it is taken: from here the import holds the only copy of the text.
      const text = request.uploadId === undefined ? (request.text ?? '') : uploads.take(request.uploadId);
      const id = request.progressId;
      if (id) running.set(id, { done: 0, total: 0 });
      try {
        return await runImport(
          db,
          { kind: request.kind, text, confirm: request.confirm },
          {
            now,
            onProgress: id ? (done, total) => running.set(id, { done, total }) : undefined,
            // The answer log's: the answer commits with the import (see entrypoints/background/answer-log.ts).
            keepAnswer: context?.keepAnswer,
          },
        );
      } finally {
        if (id) running.delete(id);
      }
    },
    async 'library.progress'({ id }: { id: string }, sender: SenderContext) {
      assertExtensionPage(sender);
      return running.get(id) ?? null;
    },
  };
}
