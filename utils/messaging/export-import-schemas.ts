/**
 * What an export or import request may ask for (`library.export`, `library.exportPart`, `library.import`,
 * `library.importChunk`), validated where it is received: part of background-schemas.ts, and the message map
 * (background-map.ts) takes their types.
 */
import { z } from 'zod';
import { EXPORT_FORMATS, IMPORT_KINDS } from '../export/formats';
import { PageUrlSchema } from '../schema';
import { MAX_CHUNK_CHARS, MAX_UPLOAD_CHUNKS } from './limits';

export { EXPORT_FORMATS, type ExportFormat } from '../export/formats';

export const ExportRequestSchema = z.object({
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('page'), url: PageUrlSchema }),
    z.object({ kind: z.literal('highlights'), ids: z.array(z.uuid()).max(200_000) }),
    z.object({ kind: z.literal('all') }),
  ]),
  format: z.enum(EXPORT_FORMATS),
  lang: z.enum(['en', 'vi']).optional(),
});
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

/**
 * An import: the file's text whole (a small file, one message), or the id of an upload whose chunks were sent
 * with `library.importChunk`. The size limit is the importer's own check, with a clearer message than a
 * schema's; the cap here only keeps one message under Chromium's limit (see limits.ts).
 */
export const ImportRequestSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    text: z.string().max(MAX_CHUNK_CHARS).optional(),
    uploadId: z.uuid().optional(),
    /** Chosen by the page, which asks `library.progress` with it while the import runs. */
    progressId: z.uuid().optional(),
    /**
     * The token of the preview the user confirmed: the import then replaces and trashes what that preview said,
     * if it is still exactly what this file would do (entrypoints/background/export/merge.ts). Without it, a file that would
     * replace or trash anything of the library is answered with its preview and nothing is written.
     */
    confirm: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .refine((r) => (r.text === undefined) !== (r.uploadId === undefined), {
    message: 'give the text or an uploadId, not both',
  });
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

/** One slice of a file's text on its way to `library.import {uploadId}`; sent in order, 0 … count − 1. */
export const ImportChunkSchema = z
  .object({
    uploadId: z.uuid(),
    index: z.number().int().min(0),
    count: z.number().int().min(1).max(MAX_UPLOAD_CHUNKS),
    chunk: z.string().max(MAX_CHUNK_CHARS),
  })
  .refine((r) => r.index < r.count, { message: 'index must be less than count', path: ['index'] });
export type ImportChunk = z.infer<typeof ImportChunkSchema>;

/** One part of an exported file announced by `library.export` (`ExportedFile`'s `parts`). */
export const ExportPartRequestSchema = z.object({
  exportId: z.uuid(),
  file: z.number().int().min(0).max(200_000),
  index: z.number().int().min(0).max(1_000_000),
});
export type ExportPartRequest = z.infer<typeof ExportPartRequestSchema>;
