/**
 * The keys Clipmark answers to (`utils/shortcuts.ts`), grouped by where they work: shown by `?` over the
 * selection toolbar, from the popup, and on the first-run and options pages. `commandKeys`: the browser
 * commands' keys as the user set them (`commands.getAll`, extension pages only); the suggested ones otherwise.
 */
import { t } from '@/utils/i18n';
import { SHORTCUT_GROUPS, type ShortcutScope } from '@/utils/shortcuts';

export function ShortcutList({
  commandKeys = {},
  scopes,
  level = 2,
}: {
  commandKeys?: Record<string, string>;
  scopes?: readonly ShortcutScope[];
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div class="shortcut-list">
      {SHORTCUT_GROUPS.filter((g) => !scopes || scopes.includes(g.scope)).map((group) => (
        <section key={group.scope} data-scope={group.scope}>
          <Heading>{t(group.title)}</Heading>
          <dl>
            {group.keys.map((key) => {
              const keys = key.command ? (commandKeys[key.command] ?? key.keys) : key.keys;
              return (
                <div key={key.label} class="shortcut">
                  <dt>{keys ? <Keys keys={keys} /> : <span class="muted">{t('keyNotSet')}</span>}</dt>
                  <dd>{t(key.label)}</dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </div>
  );
}

/** `Alt+Shift+H` as <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>H</kbd> (a lone `+` stays a key). */
function Keys({ keys }: { keys: string }) {
  const parts = keys.length > 1 ? keys.split('+') : [keys];
  return (
    <>
      {parts.map((part, i) => (
        <span key={part}>
          {i > 0 ? '+' : null}
          <kbd>{part}</kbd>
        </span>
      ))}
    </>
  );
}
