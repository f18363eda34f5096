/**
 * What can go wrong with a file to import, said so the user can find the problem: the record and the field
 * ("highlights[12].quote.exact: Too small: …"), not "invalid input".
 */
import type { z } from 'zod';

/**
 * Largest file accepted, checked before parsing: 500 MiB, a library of about 10,000 saved articles (~50 KB of
 * text and HTML each) with their highlights. The file travels to the background in chunks and comes back from
 * an export in parts (`utils/messaging/chunked-files.ts`), so Chromium's 64 MiB message limit no longer bounds it. What does:
 * the page reads the file as one string and the background joins the chunks into one, and V8's longest string
 * is 2^29 − 24 UTF-16 units (~512 Mi); 500 MiB of UTF-8 is at most 500 Mi units, under it with room to spare.
 */
export const MAX_IMPORT_BYTES = 500 * 1024 * 1024;

export type ImportErrorCode = 'too-large' | 'not-json' | 'wrong-format' | 'unsupported-version' | 'invalid';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** Every problem found (first 20), each "path: message". */
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Rejects a file over the limit without reading it; `text.length` is a lower bound of its UTF-8 size. */
export function checkSize(text: string, limit = MAX_IMPORT_BYTES): void {
  // A UTF-16 unit is 1 to 3 bytes of UTF-8: count bytes only when the length leaves a doubt (never read a
  // text longer than the limit: its length says enough).
  const size = text.length > limit ? text.length : text.length * 3 > limit ? utf8Length(text, limit) : 0;
  if (size > limit) throw new ImportError('too-large', tooLargeMessage(limit, size));
}

/** "The file is too large to import (over 500 MB; it has 612 MB)."; the size when it is known. */
export function tooLargeMessage(limit: number, size?: number): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  const has = size === undefined ? '' : `; it has ${mb(size)} MB`;
  return `The file is too large to import (over ${mb(limit)} MB${has}).`;
}

/** UTF-8 byte length, counting no further than `stop`. */
function utf8Length(text: string, stop = Number.POSITIVE_INFINITY): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= stop; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new ImportError('not-json', `The file is not valid JSON (${(error as Error).message}).`);
  }
}

/** "highlights[12].quote.exact" from a base and a zod path. */
export function formatPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out || '(file)';
}

/** Collects problems while validating every record, then throws one error naming the first ones. */
export class Problems {
  private readonly list: string[] = [];
  private count = 0;

  add(path: string, message: string): void {
    this.count++;
    if (this.list.length < 20) this.list.push(`${path}: ${message}`);
  }

  addIssues(base: string, error: z.ZodError): void {
    for (const issue of error.issues) this.add(formatPath(base, issue.path), issue.message);
  }

  /** Throws an `invalid` ImportError if anything was added. */
  throwIfAny(what: string): void {
    if (this.count === 0) return;
    const more =
      this.count > 1 ? ` (and ${this.count - 1} more ${this.count === 2 ? 'problem' : 'problems'})` : '';
    throw new ImportError('invalid', `${what}: ${this.list[0]}${more}. Nothing was imported.`, this.list);
  }
}
