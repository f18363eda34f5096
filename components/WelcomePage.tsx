/**
 * The first-run page (opened once, when Clipmark is installed): what it does, how to start, its keys, and that
 * nothing leaves the computer.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { ShortcutList } from './ShortcutList';

export interface WelcomeApi {
  commandKeys(): Promise<Record<string, string>>;
  openOptions(): void;
  openLibrary(): void;
}

export function WelcomePage({ api }: { api: WelcomeApi }) {
  const [commandKeys, setCommandKeys] = useState<Record<string, string>>({});
  useEffect(() => {
    api.commandKeys().then(setCommandKeys, () => {});
  }, [api]);
  return (
    <main class="info-page welcome">
      <h1>{t('welcomeTitle')}</h1>
      <p class="lead">{t('welcomeIntro')}</p>
      <section aria-labelledby="start">
        <h2 id="start">{t('welcomeStartTitle')}</h2>
        <ol class="steps">
          <li>{t('welcomeStepSelect')}</li>
          <li>{t('welcomeStepReturn')}</li>
          <li>{t('welcomeStepFind')}</li>
        </ol>
      </section>
      <section aria-labelledby="private" class="private">
        <h2 id="private">{t('welcomePrivateTitle')}</h2>
        <p>{t('welcomePrivateText')}</p>
      </section>
      <section aria-labelledby="keys" class="keys">
        <h2 id="keys">{t('shortcutsTitle')}</h2>
        <ShortcutList commandKeys={commandKeys} level={3} />
      </section>
      <p class="actions">
        <button type="button" onClick={api.openOptions}>
          {t('openOptions')}
        </button>
        <button type="button" onClick={api.openLibrary}>
          {t('openLibrary')}
        </button>
      </p>
    </main>
  );
}
