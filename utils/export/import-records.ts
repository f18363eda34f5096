/**
 * What an importer reads from a file and what an import answers: the records, validated (the importers:
 * import-backup.ts, import-web-annotation.ts), the counts of what was added, replaced, skipped and refused,
 * and the answer — applied, or a preview to confirm (the merge that writes them is the background's
 * `export/merge.ts`).
 *
 * Times from the future (issue 15): since the later time wins, a file's record dated in 2090 would replace
 * the library's copy — a note, a title, a saved article — or delete it through a trash entry, and win again
 * over every edit the user makes afterwards. So the importers check every record's times against this
 * computer's clock (`FileTimes`): a record holding any time later than now plus a day (`MAX_AHEAD_MS`, room
 * for another computer's clock being ahead) is refused — left out of the import, counted in `refused` and
 * named with its reason in `refusedRecords` — and the rest of the file is imported as usual.
 *
 * Refused, not clamped: clamping such a time to now + 1 day would still make it later than every record in
 * the library (theirs are at most now), so the file would still win every merge, the very attack; and as the
 * clock moves, importing the same file again would clamp to a later time and replace the library's copies
 * again, breaking "importing the same file again changes nothing". A refused record is refused every time.
 * Its creation time is checked too, though only updates decide merges: a clock that far ahead makes none of
 * the record's times trustworthy, and one rule is easier to explain than two.
 */
import type { Article, Clipping, Highlight, SettingRow, TagRecord, TrashEntry } from '../schema';
import type { Progress } from './progress';

export interface ImportRecords {
  articles: Article[];
  highlights: Highlight[];
  tags: TagRecord[];
  trash: TrashEntry[];
  /** Absent for formats that carry none (W3C Web Annotation). */
  clippings?: Clipping[];
  /** Setting rows, keys unique (the importer checks). */
  settings?: SettingRow[];
}

export interface Counts {
  articles: number;
  highlights: number;
  tags: number;
  trash: number;
  clippings: number;
}

/** A record of the file that was not imported, and why. */
export interface RefusedRecord {
  /** Where it is in the file: "highlights[12]", "first.items[3]". */
  path: string;
  /** "updatedAt is 2090-01-01T00:00:00.000Z, more than a day after this computer's clock (…): …". */
  reason: string;
}

export interface ImportResult {
  added: Counts;
  updated: Counts;
  skipped: Counts;
  /** Records of the file left out because a time in them is in the future (see `FileTimes`). */
  refused: Counts;
  /** The first `MAX_REFUSED_LISTED` of them, with their reasons. */
  refusedRecords: RefusedRecord[];
  /**
   * What of the file an importer could not take at all, and why ("a reply whose parent is not in the file", "an
   * annotation on a PDF"): counted, the first `MAX_REFUSED_LISTED` listed. Absent when nothing was left out.
   */
  leftOut?: { count: number; records: RefusedRecord[] };
  /** Live highlights a file's trash entry moved to the trash (the user's version is what the trash holds). */
  trashed: number;
  /** Records of the library replaced or trashed, whose previous version is kept in `replaced`. */
  kept: number;
}

/**
 * What an import answers: `applied`, with what it did; or `confirm`, with what it would do — nothing was
 * written — and the token that applies exactly that (`changed`: a token was given, and no longer matched).
 */
export type ImportAnswer =
  | (ImportResult & { status: 'applied' })
  | (ImportResult & { status: 'confirm'; token: string; changed: boolean });

/** Asks before replacing or trashing anything of the library (see the background's export/merge.ts). */
export interface AskFirst {
  /** The file's `textDigest`: the token binds the plan to this file. */
  fileDigest: string;
  /**
   * Preview even a plan that only adds (a file from another tool: the user sees what it will add and what it
   * leaves out before anything is written).
   */
  always?: boolean;
  /** The token of the preview the user confirmed, if any. */
  token?: string;
}

/** What the importers take while they read a file. */
export interface ParseOptions {
  /** Progress: `done` of `total` steps; every record counts once when validated and once when written. */
  onProgress?: (done: number, total: number) => void;
  /** Clock for tag records the import creates, and for refusing times from the future. */
  now?: () => number;
}

export interface ImportOptions extends ParseOptions {
  /**
   * Keeps the import's answer for a retry whose first answer was lost (the background's answer log): called at
   * the end of the merge transaction, which then also holds `db.answers`, so the answer commits with the import.
   */
  keepAnswer?: (answer: ImportAnswer) => Promise<void>;
  /** Ask before replacing or trashing anything of the library; absent, the plan is applied as it is. */
  ask?: AskFirst;
}

/** A file read and checked by an importer, ready to merge: its records, the progress so far, its refusals. */
export interface ParsedImport {
  records: ImportRecords;
  progress: Progress;
  times: FileTimes;
}

export const zeroCounts = (): Counts => ({ articles: 0, highlights: 0, tags: 0, trash: 0, clippings: 0 });

/** How far ahead of this computer's clock a file's time may be: one day (another computer's clock, time zones). */
export const MAX_AHEAD_MS = 86_400_000;
/** Refused records listed in an import's result; all are counted. */
export const MAX_REFUSED_LISTED = 100;

/** The kind of record each table holds. */
type RecordOf<K extends keyof Counts> = {
  articles: Article;
  highlights: Highlight;
  tags: TagRecord;
  trash: TrashEntry;
  clippings: Clipping;
}[K];

/** The times a record holds, by the field's name in the record: every one is checked. */
type Times = Record<string, number>;
const TIMES: { [K in keyof Counts]: (r: RecordOf<K>) => Times } = {
  articles: (a) => ({
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    ...(a.noteUpdatedAt === undefined ? {} : { noteUpdatedAt: a.noteUpdatedAt }),
  }),
  highlights: (h) => ({ createdAt: h.createdAt, updatedAt: h.updatedAt }),
  tags: (t) => ({ createdAt: t.createdAt }),
  trash: (e) => ({
    deletedAt: e.deletedAt,
    'highlight.createdAt': e.highlight.createdAt,
    'highlight.updatedAt': e.highlight.updatedAt,
  }),
  clippings: (c) => ({ savedAt: c.savedAt }),
};

/**
 * The importers' check of a file's times against this computer's clock, read once when the import starts
 * (why records from the future are refused rather than clamped: the module comment).
 */
export class FileTimes {
  /** This computer's clock when the import started. */
  readonly now: number;
  /** The latest time a file's record may hold. */
  readonly limit: number;
  readonly refused: Counts = zeroCounts();
  readonly records: RefusedRecord[] = [];
  /** What of the file the importer could not take for another reason (`leave`). */
  readonly leftOut: RefusedRecord[] = [];
  leftOutCount = 0;

  /** Notes a part of the file the importer leaves out, with why (the result's `leftOut`). */
  leave(path: string, reason: string): void {
    this.leftOutCount++;
    if (this.leftOut.length < MAX_REFUSED_LISTED) this.leftOut.push({ path, reason });
  }

  constructor(now: () => number = Date.now) {
    this.now = now();
    this.limit = this.now + MAX_AHEAD_MS;
  }

  /**
   * Whether `record` may be imported: true when none of its times is after the limit; else it is counted as
   * refused, under `path`. `names` gives the file's own name of a field when the format has another (W3C:
   * `created`, `modified`).
   */
  admit(
    table: keyof Counts,
    record: RecordOf<keyof Counts>,
    path: string,
    names: Partial<Record<string, string>> = {},
  ): boolean {
    // The importers' loops pair tables and records at run time; `table` names the record's kind.
    const timesOf = TIMES[table] as (r: RecordOf<keyof Counts>) => Times;
    const late = Object.entries(timesOf(record)).find(([, time]) => time > this.limit);
    if (!late) return true;
    const [field, time] = late;
    this.refused[table]++;
    if (this.records.length < MAX_REFUSED_LISTED) {
      const at = (t: number) => new Date(t).toISOString(); // the schema keeps times within the Date range
      this.records.push({
        path,
        reason: `${names[field] ?? field} is ${at(time)}, more than a day after this computer's clock (${at(this.now)}): a time in the future would win over every change made here, so this record was not imported`,
      });
    }
    return false;
  }
}
