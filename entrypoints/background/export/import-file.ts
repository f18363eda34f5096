/**
 * An import into the library: the file read and checked by its importer (nothing written if it is refused),
 * then its records merged in one transaction (merge.ts).
 */

import { parseBackup } from '@/utils/export/import-backup';
import { parseHypothesis } from '@/utils/export/import-hypothesis';
import { parseKindle } from '@/utils/export/import-kindle';
import { parseOmnivore } from '@/utils/export/import-omnivore';
import { parseReadwise } from '@/utils/export/import-readwise';
import type { ImportAnswer, ImportOptions, ParsedImport, ParseOptions } from '@/utils/export/import-records';
import { parseWebAnnotations } from '@/utils/export/import-web-annotation';
import type { ClipmarkDB } from '../database';
import { mergeRecords } from './merge';

/** Imports a file's text read by `parse`; throws the importer's `ImportError` when the file is refused. */
async function importWith(
  parse: (text: string, options: ParseOptions) => Promise<ParsedImport>,
  db: ClipmarkDB,
  text: string,
  options: ImportOptions,
): Promise<ImportAnswer> {
  const { records, progress, times } = await parse(text, options);
  // A file with parts left out is previewed, so the user sees what and why before anything is written.
  const ask = options.ask && { ...options.ask, always: options.ask.always || times.leftOutCount > 0 };
  return mergeRecords(db, records, progress, times, options.now, options.keepAnswer, ask);
}

/** Imports a Clipmark JSON backup's text into `db` (import-backup.ts). */
export const importBackup = (db: ClipmarkDB, text: string, options: ImportOptions = {}) =>
  importWith(parseBackup, db, text, options);

/** Imports Kindle's "My Clippings.txt" into `db` (import-kindle.ts). */
export const importKindle = (db: ClipmarkDB, text: string, options: ImportOptions = {}) =>
  importWith(parseKindle, db, text, options);

/** Imports Readwise's CSV export into `db` (import-readwise.ts). */
export const importReadwise = (db: ClipmarkDB, text: string, options: ImportOptions = {}) =>
  importWith(parseReadwise, db, text, options);

/** Imports Omnivore's export metadata JSON into `db` (import-omnivore.ts). */
export const importOmnivore = (db: ClipmarkDB, text: string, options: ImportOptions = {}) =>
  importWith(parseOmnivore, db, text, options);

/** Imports a W3C Web Annotation file's text into `db` (import-web-annotation.ts). */
export const importWebAnnotations = (db: ClipmarkDB, text: string, options: ImportOptions = {}) =>
  importWith(parseWebAnnotations, db, text, options);

/** Imports a Hypothesis export or API result's text into `db` (import-hypothesis.ts). */
export const importHypothesis = (db: ClipmarkDB, text: string, options: ImportOptions = {}) =>
  importWith(parseHypothesis, db, text, options);
