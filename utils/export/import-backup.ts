/**
 * Reading a Clipmark JSON backup to import (see backup.ts): checked whole before anything is written — size,
 * JSON, format and version, then every record against the schemas of `utils/schema.ts`; the background merges
 * the records in one transaction (its export/merge.ts). A valid record holding a time from the future is
 * refused on its own, and the result names it (`FileTimes` in import-records.ts).
 */
import { z } from 'zod';
import {
  ArticleSchema,
  ClippingSchema,
  HighlightSchema,
  type SettingRow,
  SettingsSchema,
  TagRecordSchema,
  TrashEntrySchema,
} from '../schema';
import { BACKUP_FORMAT, BACKUP_VERSION } from './backup';
import { checkSize, formatPath, ImportError, Problems, parseJson } from './import-errors';
import { FileTimes, type ImportRecords, type ParsedImport, type ParseOptions } from './import-records';
import { Progress } from './progress';

const FileSchema = z.object({
  exportedAt: z.iso.datetime({ offset: true }).optional(),
  articles: z.array(z.unknown()),
  highlights: z.array(z.unknown()),
  tags: z.array(z.unknown()),
  trash: z.array(z.unknown()).optional(),
  clippings: z.array(z.unknown()).optional(),
  settings: z.array(z.unknown()).optional(),
});

const TABLES = [
  ['articles', ArticleSchema],
  ['highlights', HighlightSchema],
  ['tags', TagRecordSchema],
  ['trash', TrashEntrySchema],
  ['clippings', ClippingSchema],
] as const;

/** A stored setting row; its value is checked against `SettingsSchema` by its key. */
const SettingRowSchema = z.object({ key: z.string().min(1).max(100), value: z.unknown().optional() });
const PartialSettings = SettingsSchema.partial();

/**
 * Reads a backup file's text for an import. Throws an `ImportError` naming the first problems when the file is
 * too large, not JSON, not a Clipmark backup, from a newer version, or holds an invalid record. A setting this
 * version does not know (a newer Clipmark's) is left out, not refused.
 */
export async function parseBackup(text: string, options: ParseOptions = {}): Promise<ParsedImport> {
  checkSize(text);
  const data = parseJson(text);
  const head = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (head.format !== BACKUP_FORMAT) {
    throw new ImportError(
      'wrong-format',
      `This is not a Clipmark backup (its "format" should be "${BACKUP_FORMAT}").`,
    );
  }
  if (head.version !== BACKUP_VERSION) {
    const newer = typeof head.version === 'number' && head.version > BACKUP_VERSION;
    throw new ImportError(
      'unsupported-version',
      newer
        ? `This backup was made by a newer Clipmark (format version ${head.version}); update Clipmark to import it.`
        : `Unknown backup version ${JSON.stringify(head.version)}; this Clipmark reads version ${BACKUP_VERSION}.`,
    );
  }
  const problems = new Problems();
  const file = FileSchema.safeParse(head);
  if (!file.success) problems.addIssues('', file.error);
  problems.throwIfAny('This backup is damaged');
  const raw = file.data as z.infer<typeof FileSchema>;

  const total =
    raw.articles.length +
    raw.highlights.length +
    raw.tags.length +
    (raw.trash?.length ?? 0) +
    (raw.clippings?.length ?? 0) +
    (raw.settings?.length ?? 0);
  const progress = new Progress(2 * total, options.onProgress);
  const records: ImportRecords = {
    articles: [],
    highlights: [],
    tags: [],
    trash: [],
    clippings: [],
    settings: [],
  };
  const times = new FileTimes(options.now);
  for (const [table, schema] of TABLES) {
    const list = raw[table] ?? [];
    const out = records[table] as unknown[];
    for (let i = 0; i < list.length; i++) {
      const path = `${table}[${i}]`;
      const parsed = schema.safeParse(list[i]);
      if (!parsed.success) problems.addIssues(path, parsed.error);
      else if ('highlight' in parsed.data && parsed.data.highlight.id !== parsed.data.id) {
        problems.add(`${path}.highlight.id`, `must be the same as ${path}.id`);
      } else if (times.admit(table, parsed.data, path)) out.push(parsed.data);
      progress.tick();
      await progress.breathe();
    }
  }
  records.settings = checkSettings(raw.settings ?? [], problems, progress);
  problems.throwIfAny('This backup has an invalid record');
  return { records, progress, times };
}

/** Setting rows whose value fits `SettingsSchema`; problems are named `settings[i].value`. */
function checkSettings(list: readonly unknown[], problems: Problems, progress: Progress): SettingRow[] {
  const rows: SettingRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    progress.tick();
    const row = SettingRowSchema.safeParse(list[i]);
    if (!row.success) {
      problems.addIssues(`settings[${i}]`, row.error);
      continue;
    }
    const { key, value } = row.data;
    if (value === undefined) {
      problems.add(`settings[${i}].value`, 'Invalid input: expected a value, received undefined');
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      problems.add(`settings[${i}].key`, `"${key}" is already set by settings[${first}]`);
      continue;
    }
    seen.set(key, i);
    // An unknown key is stripped by the schema: a setting of a newer Clipmark, left out.
    const parsed = PartialSettings.safeParse(Object.fromEntries([[key, value]]));
    if (!parsed.success) {
      // The schema's path starts with the key; the file's record names it `value`.
      for (const issue of parsed.error.issues) {
        problems.add(formatPath(`settings[${i}].value`, issue.path.slice(1)), issue.message);
      }
      continue;
    }
    for (const [k, v] of Object.entries(parsed.data)) {
      if (v !== undefined) rows.push({ key: k, value: v } as SettingRow);
    }
  }
  return rows;
}
