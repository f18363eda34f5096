/**
 * The library page's Sync section (issue 23, docs/sync.md): the settings — server address, database, user name,
 * password, encryption passphrase —, "Sync now", the last sync's time and outcome (a failure says what to do),
 * and the notes two computers wrote differently, to choose from. The password and passphrase go to the
 * background and are never read back: the page is told only whether one is saved.
 */
import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import { formatDateTime } from '@/utils/dates';
import { keyOf, type MessageKey, t } from '@/utils/i18n';
import type { HighlightRecord, SyncSettingsRequest, SyncStatus } from '@/utils/messaging/background-map';

export interface SyncApi {
  syncStatus(): Promise<SyncStatus>;
  /** Saves the settings (null: sync off); asks the browser for the server's origin first, when there is one. */
  syncConfigure(config: SyncSettingsRequest['config']): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
  /** A highlight with the notes waiting beside its note, newest first. */
  noteConflict(
    id: string,
  ): Promise<{ highlight: HighlightRecord; alternatives: { text: string; at: number }[] }>;
  resolveNote(id: string, text: string): Promise<SyncStatus>;
}

const ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'missing',
  'too-large',
  'full',
  'local-full',
  'unreachable',
  'server',
  'stopped',
  'wrong-passphrase',
  'passphrase-needed',
  'not-encrypted',
  'rekey',
] as const;

/** The advice for a failed run's code (the background's message is shown beside it as the detail). */
export function syncAdvice(code: string): string | null {
  const known = ERROR_CODES.find((c) => c === code);
  return known ? t(keyOf('syncError_', known) as MessageKey) : null;
}

/** How often the section asks again while a run is under way (another page or the alarm started it). */
const POLL_MS = 1000;

export function SyncSection({ api, lang, onSynced }: { api: SyncApi; lang: string; onSynced?: () => void }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [server, setServer] = useState('');
  const [database, setDatabase] = useState('clipmark');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [removePassword, setRemovePassword] = useState(false);
  const [removePassphrase, setRemovePassphrase] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const ids = { passphraseHint: useId(), title: useId() };

  const show = useCallback(
    (next: SyncStatus, fill = false) => {
      setStatus(next);
      if (fill && next.configured) {
        setServer(next.server ?? '');
        setDatabase(next.database ?? 'clipmark');
        setUsername(next.username ?? '');
      }
      if (next.lastRun?.ok) onSynced?.();
    },
    [onSynced],
  );
  useEffect(() => {
    api.syncStatus().then(
      (s) => show(s, true),
      (e) => setError(messageOf(e)),
    );
  }, [api, show]);
  // A run started elsewhere (the alarm, a write, another page): its outcome shows when it is done.
  useEffect(() => {
    if (!status?.running || busy) return;
    const timer = setTimeout(
      () =>
        api.syncStatus().then(
          (s) => show(s),
          () => {},
        ),
      POLL_MS,
    );
    return () => clearTimeout(timer);
  }, [api, status, busy, show]);

  const act = async (work: () => Promise<SyncStatus>) => {
    setBusy(true);
    setError(null);
    try {
      show(await work());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const save = (event: Event) => {
    event.preventDefault();
    // Nothing awaited before the API call: it asks the browser for the server's origin, which needs the click.
    const config = {
      server: server.trim(),
      database: database.trim(),
      ...(username.trim() ? { username: username.trim() } : {}),
      ...(password ? { password } : removePassword ? { password: '' } : {}),
      ...(passphrase ? { passphrase } : removePassphrase ? { passphrase: '' } : {}),
    };
    act(async () => {
      const saved = await api.syncConfigure(config);
      setPassword('');
      setPassphrase('');
      setRemovePassword(false);
      setRemovePassphrase(false);
      show(saved);
      return api.syncNow();
    });
  };

  const last = status?.lastRun ?? null;
  const advice = last && !last.ok && last.error ? syncAdvice(last.error.code) : null;
  return (
    <section class="sync" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('syncTitle')}</h2>
      <p class="muted">{t('syncIntro')}</p>
      <form class="sync-form" onSubmit={save}>
        <label>
          {t('syncServerLabel')}
          <input
            type="url"
            required
            placeholder={t('syncServerPlaceholder')}
            name="server"
            value={server}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => setServer(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('syncDatabaseLabel')}
          <input
            type="text"
            required
            name="database"
            value={database}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => setDatabase(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('syncUserLabel')}
          <input
            type="text"
            name="username"
            value={username}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('syncPasswordLabel')}
          <input
            type="password"
            name="password"
            value={password}
            autoComplete="new-password"
            placeholder={status?.hasPassword ? t('syncSavedSecret') : ''}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {status?.hasPassword && !password ? (
          <label class="setting">
            <input
              type="checkbox"
              checked={removePassword}
              onChange={(e) => setRemovePassword(e.currentTarget.checked)}
            />{' '}
            {t('syncRemoveSecret', t('syncPasswordLabel').toLowerCase())}
          </label>
        ) : null}
        <label>
          {t('syncPassphraseLabel')}
          <input
            type="password"
            name="passphrase"
            value={passphrase}
            autoComplete="new-password"
            minLength={8}
            aria-describedby={ids.passphraseHint}
            placeholder={status?.encrypted ? t('syncSavedSecret') : ''}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </label>
        <span class="hint muted" id={ids.passphraseHint}>
          {t('syncPassphraseHint')}
        </span>
        {status?.encrypted && !passphrase ? (
          <label class="setting">
            <input
              type="checkbox"
              checked={removePassphrase}
              onChange={(e) => setRemovePassphrase(e.currentTarget.checked)}
            />{' '}
            {t('syncRemoveSecret', t('syncPassphraseLabel').toLowerCase())}
          </label>
        ) : null}
        <div class="sync-actions">
          <button type="submit" disabled={busy}>
            {t('syncSave')}
          </button>
          {status?.configured ? (
            <button type="button" disabled={busy} onClick={() => act(api.syncNow)}>
              {t('syncNow')}
            </button>
          ) : null}
          {status?.configured ? (
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={() => act(() => api.syncConfigure(null))}
            >
              {t('syncTurnOff')}
            </button>
          ) : null}
        </div>
      </form>
      <div
        class="sync-state"
        role="status"
        aria-live="polite"
        aria-busy={busy || !!status?.running}
        data-last-run={last?.at ?? ''}
      >
        {status && !status.configured ? <p>{t('syncOff')}</p> : null}
        {status?.configured ? (
          <p>
            {t('syncOn', [status.server ?? '', status.database ?? ''])} ·{' '}
            {status.encrypted ? t('syncEncrypted') : t('syncNotEncrypted')}
          </p>
        ) : null}
        {busy || status?.running ? <p>{t('syncRunning')}</p> : null}
        {status?.configured && !busy && !status.running ? (
          last === null ? (
            <p>{t('syncNever')}</p>
          ) : last.ok ? (
            <p class="sync-ok">
              {t('syncLastOk', [
                formatDateTime(last.at, lang),
                String(last.result?.pushed ?? 0),
                String(last.result?.applied ?? 0),
              ])}
            </p>
          ) : (
            <div class="sync-error" role="alert">
              <p>{t('syncLastFailed', formatDateTime(last.at, lang))}</p>
              <p>{advice ?? last.error?.message}</p>
              {advice && last.error?.message ? (
                <p class="muted">{t('syncErrorDetail', last.error.message)}</p>
              ) : null}
              <p class="muted">{t('syncLocalKeepsWorking')}</p>
            </div>
          )
        ) : null}
        {status?.configured && status.pending > 0 && !busy ? (
          <p class="muted">{t('syncPending', String(status.pending))}</p>
        ) : null}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {status && status.conflicts > 0 ? (
        <p class="sync-conflicts">
          {t('syncConflicts', String(status.conflicts))}{' '}
          <button type="button" aria-expanded={reviewing} onClick={() => setReviewing((v) => !v)}>
            {t('syncReview')}
          </button>
        </p>
      ) : null}
      {reviewing && status && status.conflicts > 0 ? (
        <ConflictReview
          api={api}
          ids={status.conflictIds}
          lang={lang}
          onResolve={(id, text) => act(() => api.resolveNote(id, text))}
        />
      ) : null}
    </section>
  );
}

/** Each highlight whose note differs between computers: the note shown now and the others, to keep one. */
function ConflictReview({
  api,
  ids,
  lang,
  onResolve,
}: {
  api: SyncApi;
  ids: string[];
  lang: string;
  onResolve(id: string, text: string): void;
}) {
  const [items, setItems] = useState<Awaited<ReturnType<SyncApi['noteConflict']>>[]>([]);
  const key = ids.join(',');
  useEffect(() => {
    let current = true;
    Promise.all(
      key
        .split(',')
        .filter(Boolean)
        .map((id) => api.noteConflict(id).catch(() => null)),
    ).then((found) => current && setItems(found.filter((x) => x !== null)));
    return () => {
      current = false;
    };
  }, [api, key]);
  return (
    <div class="conflict-review">
      <p class="muted">{t('syncReviewHelp')}</p>
      <ul>
        {items.map(({ highlight, alternatives }) => (
          <li key={highlight.id} class="conflict-item">
            <blockquote class="quote">{highlight.quote.exact}</blockquote>
            <div class="conflict-choice">
              <h4>{t('syncNoteHere')}</h4>
              <p class="note">{highlight.note}</p>
              <button type="button" onClick={() => onResolve(highlight.id, highlight.note)}>
                {t('syncKeepNote')}
              </button>
            </div>
            {alternatives.map((alt) => (
              <div class="conflict-choice" key={`${alt.at}:${alt.text}`}>
                <h4>{t('syncNoteOther', formatDateTime(alt.at, lang))}</h4>
                <p class="note">{alt.text}</p>
                <button type="button" onClick={() => onResolve(highlight.id, alt.text)}>
                  {t('syncKeepNote')}
                </button>
              </div>
            ))}
            <button
              type="button"
              onClick={() =>
                onResolve(highlight.id, [highlight.note, ...alternatives.map((a) => a.text)].join('\n\n'))
              }
            >
              {t('syncKeepBoth')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
