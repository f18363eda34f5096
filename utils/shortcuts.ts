/**
 * Every key Clipmark answers to, in one list: the shortcut list (`?` over the toolbar, the popup, the first-run
 * and options pages) is drawn from it, so it cannot drift from the keys the code reads. Pure data; the labels
 * are message keys (`_locales`).
 */
import type { MessageKey } from './i18n';

/** Where a key works. */
export type ShortcutScope = 'selection' | 'page' | 'browser';

export interface Shortcut {
  /** The keys as printed (`+` between keys pressed together). */
  keys: string;
  /** What it does. */
  label: MessageKey;
  /** A browser command (manifest `commands`): the user may have changed its keys; `commands.getAll` says. */
  command?: string;
}

/**
 * The keys of the page tools: moving between a page's highlights. Alt with J/K (the next/previous convention of
 * feed readers and Vim) rather than the bare letters many sites take for themselves; read as `event.code`, so
 * the key is the same on every keyboard layout and with macOS's Option, which changes `event.key`.
 */
export const NEXT_HIGHLIGHT = { code: 'KeyJ', keys: 'Alt+J' } as const;
export const PREVIOUS_HIGHLIGHT = { code: 'KeyK', keys: 'Alt+K' } as const;

export const SHORTCUT_GROUPS: readonly {
  scope: ShortcutScope;
  title: MessageKey;
  keys: readonly Shortcut[];
}[] = [
  {
    scope: 'selection',
    title: 'keysSelection',
    keys: [
      { keys: 'H', label: 'keyHighlight' },
      { keys: 'N', label: 'keyNote' },
      { keys: 'T', label: 'keyTags' },
      { keys: 'Esc', label: 'keyDismiss' },
      { keys: '?', label: 'keyHelp' },
    ],
  },
  {
    scope: 'page',
    title: 'keysPage',
    keys: [
      { keys: NEXT_HIGHLIGHT.keys, label: 'keyNext' },
      { keys: PREVIOUS_HIGHLIGHT.keys, label: 'keyPrevious' },
      { keys: 'Enter', label: 'keyOpenEditor' },
      { keys: 'Esc', label: 'keyLeave' },
    ],
  },
  {
    scope: 'browser',
    title: 'keysBrowser',
    keys: [
      { keys: 'Alt+Shift+H', label: 'keyCommandHighlight', command: 'highlight-selection' },
      { keys: 'Alt+Shift+K', label: 'keyCommandPopup', command: '_execute_action' },
    ],
  },
];
