/** zod schemas for every request in the message map, used by the receiver (the background). */
import { z } from 'zod';
import {
  ColorSchema,
  HighlightDraftSchema,
  MAX_NOTE,
  PageUrlSchema,
  RawTextPositionSchema,
  SettingsSchema,
  TagSchema,
  TagsSchema,
  TimestampSchema,
} from '../schema';
import type { MessageMap, MessageType } from './background-map';
import {
  ExportPartRequestSchema,
  ExportRequestSchema,
  ImportChunkSchema,
  ImportRequestSchema,
} from './export-import-schemas';

const IdSchema = z.uuid();

/**
 * A sync server's address: https, or http on this computer only (a password never crosses a network in clear);
 * no user or password inside it, no query or fragment.
 */
export const SyncServerSchema = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((address) => {
    const url = new URL(address);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return (
      (url.protocol === 'https:' || loopback) && !url.username && !url.password && !url.search && !url.hash
    );
  }, 'an https:// address (http:// only for this computer), without a user, password, query or fragment');

export const requestSchemas = {
  'highlight.create': HighlightDraftSchema,
  'highlight.get': z.object({ id: IdSchema }),
  'highlight.listForPage': z.object({ url: PageUrlSchema, canonical: PageUrlSchema.optional() }),
  'highlight.setRawPositions': z.object({
    url: PageUrlSchema,
    canonical: PageUrlSchema.optional(),
    positions: z
      .array(z.object({ id: IdSchema, rawPosition: RawTextPositionSchema }))
      .min(1)
      .max(5000),
  }),
  'highlight.update': z.object({
    id: IdSchema,
    changes: z
      .object({
        color: ColorSchema.optional(),
        tags: TagsSchema.optional(),
        note: z.string().max(50_000).optional(),
      })
      .strict(),
    /** The `updatedAt` the edit started from (see the message map). */
    version: TimestampSchema.optional(),
  }),
  'highlight.delete': z.object({ id: IdSchema }),
  'highlight.restore': z.object({ id: IdSchema }),
  'library.search': z.object({
    query: z.string().max(1000),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
    notes: z.boolean().optional(),
  }),
  'highlight.bulkTag': z.object({ ids: z.array(IdSchema).min(1).max(10_000), tags: TagsSchema.min(1) }),
  'highlight.bulkDelete': z.object({ ids: z.array(IdSchema).min(1).max(10_000) }),
  'highlight.bulkRestore': z.object({ ids: z.array(IdSchema).min(1).max(10_000) }),
  'library.export': ExportRequestSchema,
  'library.exportPart': ExportPartRequestSchema,
  'library.import': ImportRequestSchema,
  'library.importChunk': ImportChunkSchema,
  'library.progress': z.object({ id: z.uuid() }),
  'replaced.list': z.object({
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  }),
  'replaced.restore': z.object({ seq: z.number().int().min(1) }),
  'tag.list': z.object({}).strict(),
  'tag.rename': z.object({ from: TagSchema, to: TagSchema }),
  'tag.merge': z.object({ from: z.array(TagSchema).min(1).max(1000), into: TagSchema }),
  'tag.delete': z.object({ name: TagSchema }),
  'tag.setColor': z.object({ name: TagSchema, color: ColorSchema.nullable() }),
  'article.extract': z.object({ tabId: z.number().int().nonnegative() }),
  'article.getNote': z.object({ url: PageUrlSchema }).strict(),
  'article.setNote': z
    .object({
      url: PageUrlSchema,
      note: z.string().max(MAX_NOTE),
      version: TimestampSchema.nullable().optional(),
      title: z.string().max(1000).optional(),
    })
    .strict(),
  'clipping.save': z.object({ tabId: z.number().int().nonnegative() }),
  'clipping.get': z.object({ url: PageUrlSchema }),
  'clipping.delete': z.object({ url: PageUrlSchema }),
  'settings.get': z.object({}).strict(),
  'settings.set': SettingsSchema.partial().strict(),
  'editor.close': z.object({}).strict(),
  'editor.preview': z
    .object({ id: IdSchema, color: ColorSchema.optional(), hidden: z.boolean().optional() })
    .strict(),
  'page.loadTools': z
    .object({ part: z.enum(['tools', 'ui', 'detect', 'tools+ui', 'tools+detect', 'cite']) })
    .strict(),
  'citation.source': z.object({ url: PageUrlSchema, canonical: PageUrlSchema.optional() }).strict(),
  'sync.status': z.object({}).strict(),
  'sync.configure': z
    .object({
      config: z
        .object({
          server: SyncServerSchema,
          // CouchDB's rule for database names.
          database: z
            .string()
            .max(238)
            .regex(/^[a-z][a-z0-9_$()+/-]*$/, 'a database name: lower-case letters, digits and _$()+-/'),
          username: z.string().max(256).optional(),
          password: z.string().max(1024).optional(),
          passphrase: z
            .string()
            .max(1024)
            .refine((p) => p === '' || p.length >= 8, 'an encryption passphrase of at least 8 characters')
            .optional(),
        })
        .strict()
        .nullable(),
    })
    .strict(),
  'sync.now': z.object({}).strict(),
  'sync.noteConflicts': z.object({ id: z.uuid() }).strict(),
  'sync.resolveNote': z.object({ id: z.uuid(), text: z.string().max(50_000) }).strict(),
} satisfies { [K in MessageType]: z.ZodType<unknown, MessageMap[K]['request']> };

export const EnvelopeSchema = z.object({
  clipmark: z.literal(1),
  type: z.enum(Object.keys(requestSchemas) as [MessageType, ...MessageType[]]),
  payload: z.unknown(),
  /** A write's id, the same on its retries (utils/messaging/retry-safety.ts); the answer log is keyed by it. */
  requestId: z.uuid().optional(),
});
