// Every unit test gets an in-memory IndexedDB, a fresh fake `browser`, and the English interface strings.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const english: Record<string, { message: string }> = JSON.parse(
  readFileSync(resolve(__dirname, '../../public/_locales/en/messages.json'), 'utf8'),
);

/** `i18n.getMessage` as the browser does it: positional `$1`… substitutions, '' for an unknown key. */
function getMessage(key: string, substitutions?: string | string[]): string {
  const subs = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
  return (english[key]?.message ?? '').replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '');
}

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = getMessage as typeof fakeBrowser.i18n.getMessage;
});
