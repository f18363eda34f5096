/**
 * Interface strings come from the extension's locale files (public/_locales/<lang>/messages.json), following the
 * browser's language. A missing key shows the key itself, which a test would catch.
 */
import { browser } from 'wxt/browser';

export type MessageKey = string;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  try {
    return browser.i18n.getMessage(key as never, substitutions) || key;
  } catch {
    return key;
  }
}
