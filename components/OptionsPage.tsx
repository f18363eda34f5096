/**
 * The options page (the browser's "Options" / "Preferences" of the extension): the settings that exist, each
 * saved the moment it changes, and the keys. One section per setting group, so another setting is one more
 * section. Sync, backups and imports stay in the library page, which this page links to.
 */
import { useEffect, useState } from 'preact/hooks';
import { CITATION_STYLES, type CitationStyle } from '@/utils/citation/styles';
import { COLOR_SWATCHES, HIGHLIGHT_COLORS } from '@/utils/colors';
import { keyOf, t } from '@/utils/i18n';
import type { SettingsRecord } from '@/utils/messaging/background-map';
import { ShortcutList } from './ShortcutList';

export interface OptionsApi {
  settings(): Promise<SettingsRecord>;
  setSettings(changes: Partial<SettingsRecord>): Promise<SettingsRecord>;
  /** The browser commands' keys as the user set them ('' when none). */
  commandKeys(): Promise<Record<string, string>>;
  openLibrary(): void;
}

export function OptionsPage({ api }: { api: OptionsApi }) {
  const [settings, setSettings] = useState<SettingsRecord | null>(null);
  const [status, setStatus] = useState<'saved' | 'failed' | 'loadFailed' | null>(null);
  const [commandKeys, setCommandKeys] = useState<Record<string, string>>({});
  useEffect(() => {
    api.settings().then(setSettings, () => setStatus('loadFailed'));
    api.commandKeys().then(setCommandKeys, () => {});
  }, [api]);
  const change = (changes: Partial<SettingsRecord>) => {
    setStatus(null);
    api.setSettings(changes).then(
      (saved) => {
        setSettings(saved);
        setStatus('saved');
      },
      () => setStatus('failed'),
    );
  };
  return (
    <main class="info-page options">
      <h1>{t('optionsTitle')}</h1>
      <section aria-labelledby="highlighting">
        <h2 id="highlighting">{t('optionsHighlighting')}</h2>
        <fieldset class="colors" disabled={!settings}>
          <legend>{t('optionDefaultColor')}</legend>
          {HIGHLIGHT_COLORS.map((c) => (
            <label key={c} class="color-choice">
              <input
                type="radio"
                name="default-color"
                value={c}
                checked={settings?.defaultColor === c}
                onChange={() => change({ defaultColor: c })}
              />
              <span class="swatch" aria-hidden="true" style={{ background: COLOR_SWATCHES[c] }} />
              {t(`color_${c}`)}
            </label>
          ))}
        </fieldset>
        <label class="toggle">
          <input
            type="checkbox"
            checked={settings?.autoClip ?? false}
            disabled={!settings}
            onChange={(e) => change({ autoClip: e.currentTarget.checked })}
          />
          {t('settingAutoClip')}
        </label>
        <label class="choice">
          {t('citationStyleLabel')}{' '}
          <select
            value={settings?.citationStyle ?? ''}
            disabled={!settings}
            onChange={(e) => change({ citationStyle: e.currentTarget.value as CitationStyle })}
          >
            {CITATION_STYLES.map((style) => (
              <option key={style} value={style}>
                {t(keyOf('citationStyle_', style))}
              </option>
            ))}
          </select>
        </label>
        <p class="status" role="status">
          {status === 'saved' ? t('optionsSaved') : null}
          {status === 'failed' ? t('optionsSaveFailed') : null}
          {status === 'loadFailed' ? t('optionsLoadFailed') : null}
        </p>
      </section>
      <section aria-labelledby="library-settings">
        <h2 id="library-settings">{t('optionsLibraryTitle')}</h2>
        <p>{t('optionsLibraryText')}</p>
        <button type="button" onClick={api.openLibrary}>
          {t('openLibrary')}
        </button>
      </section>
      <section aria-labelledby="keys" class="keys">
        <h2 id="keys">{t('shortcutsTitle')}</h2>
        <ShortcutList commandKeys={commandKeys} level={3} />
        <p class="muted">{t('keysChangeHint')}</p>
      </section>
    </main>
  );
}
