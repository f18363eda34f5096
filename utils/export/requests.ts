/**
 * What an export or import request may ask for, validated where it is received. Kept apart from the handlers
 * so the message map's schemas can import it without a cycle through the router.
 */
import { z } from 'zod';
import { PageUrlSchema } from '../schema';

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

// The size limit is the importer's own check, with a clearer message than a schema's.
export const ImportRequestSchema = z.object({
  kind: z.enum(['backup', 'web-annotation']),
  text: z.string(),
  /** Chosen by the page, which asks `library.progress` with it while the import runs. */
  progressId: z.uuid().optional(),
});
export type ImportRequest = z.infer<typeof ImportRequestSchema>;
