/** The sample files of other tools' formats (tests/fixtures/imports/), read as the library page reads them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '..', 'fixtures', 'imports');

/** A fixture's text, as `File.text()` gives it (UTF-8; a BOM is kept, as the browser keeps it). */
export function importFixture(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

/** A day after the fixtures' latest time (May 2024): their times are all in the past. */
export const FIXTURE_NOW = Date.UTC(2026, 0, 1);
