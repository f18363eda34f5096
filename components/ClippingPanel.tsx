/**
 * The popup's clipping controls for the current page: save a copy of the article, open the saved copy, and —
 * when the page's text differs from the copy — which highlights the edit touched, the saved and the current
 * text side by side.
 */
import { useState } from 'preact/hooks';
import { formatDateTime } from '@/utils/dates';
import { t } from '@/utils/i18n';
import type { ArticleInfo, HighlightRecord } from '@/utils/messaging/background-map';

export interface ClippingPanelProps {
  info: ArticleInfo;
  highlights: HighlightRecord[];
  /** Highlights found only approximately on the page now: id → the text there now. */
  changed: Record<string, string>;
  /** Ids not found on the page; null when the page's content script did not answer. */
  orphans: string[] | null;
  lang: string;
  save(): Promise<{ savedAt: number }>;
  open(): void;
}

export function ClippingPanel({ info, highlights, changed, orphans, lang, save, open }: ClippingPanelProps) {
  const [savedAt, setSavedAt] = useState<number | null>(info.clipping?.savedAt ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSave = async () => {
    setBusy(true);
    setError(null);
    try {
      setSavedAt((await save()).savedAt);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  if (savedAt === null && !info.article) return null;
  // Differences are about the copy as first loaded; a copy saved just now is the page as it is.
  const differs = !!info.clipping?.differs && savedAt === info.clipping.savedAt;
  return (
    <section class="clipping" aria-label={t('clippingTitle')}>
      {savedAt === null ? (
        <button type="button" disabled={busy} onClick={onSave}>
          {busy ? t('working') : t('saveClipping')}
        </button>
      ) : (
        <p>
          <span class="muted">{t('clippingSavedAt', formatSavedAt(savedAt, lang))}</span>{' '}
          <button type="button" class="link" onClick={open}>
            {t('openClipping')}
          </button>
        </p>
      )}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {differs ? (
        <EditedSinceSaved highlights={highlights} changed={changed} orphans={orphans} onSaveAgain={onSave} />
      ) : null}
    </section>
  );
}

function EditedSinceSaved({
  highlights,
  changed,
  orphans,
  onSaveAgain,
}: {
  highlights: HighlightRecord[];
  changed: Record<string, string>;
  orphans: string[] | null;
  onSaveAgain(): void;
}) {
  const missing = new Set(orphans ?? []);
  const affected = highlights.filter((h) => h.id in changed || missing.has(h.id));
  return (
    <section class="edited" aria-labelledby="edited-title">
      <h3 id="edited-title">{t('editedSinceSaved')}</h3>
      {affected.length === 0 ? (
        <p class="muted">{t('editedNoneAffected')}</p>
      ) : (
        <ol class="changes">
          {affected.map((h) => (
            <li key={h.id} class="change" data-id={h.id}>
              <div>
                <span class="label">{t('editedSaved')}</span>
                <blockquote class="saved">{h.quote.exact}</blockquote>
              </div>
              <div>
                <span class="label">{t('editedNow')}</span>
                {h.id in changed ? (
                  <blockquote class="now">{changed[h.id]}</blockquote>
                ) : (
                  <p class="now gone">{t('editedGone')}</p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <button type="button" class="link" onClick={onSaveAgain}>
        {t('saveClippingAgain')}
      </button>
    </section>
  );
}

function formatSavedAt(ms: number, lang: string): string {
  return formatDateTime(ms, lang);
}
