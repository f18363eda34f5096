/**
 * Interface strings come from the extension's locale files (public/_locales/<lang>/messages.json), following the
 * browser's language. A missing key shows the key itself.
 */
import { browser, type WxtI18n } from 'wxt/browser';

/**
 * A message name: a key of public/_locales/en/messages.json. WXT generates the list from that file
 * (`.wxt/types/i18n.d.ts`, written by `wxt prepare`), so a misspelt or deleted key fails the type-check.
 */
export type MessageKey = Parameters<WxtI18n['getMessage']>[0];

/** `og-not-article` → `og_not_article`: ids may have dashes, message names may not. */
export type Underscored<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : S;

/** The message name for an id with dashes: `keyOf('reason_', 'og-article')` is `reason_og_article`. */
export function keyOf<P extends string, S extends string>(prefix: P, id: S): `${P}${Underscored<S>}` {
  return `${prefix}${id.replaceAll('-', '_')}` as `${P}${Underscored<S>}`;
}

export function t(key: MessageKey, substitutions?: string | string[]): string {
  try {
    return browser.i18n.getMessage(key, substitutions) || key;
  } catch {
    return key;
  }
}
