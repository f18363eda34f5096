/** The popup: the current page and its highlights with their tags. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { HighlightRecord } from '@/utils/messages';
import { HighlightList } from './HighlightList';

export type PopupData =
  | { kind: 'page'; url: string; title: string; highlights: HighlightRecord[] }
  | { kind: 'unsupported' };

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: PopupData };

export function Popup({ load }: { load: () => Promise<PopupData> }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    load().then(
      (data) => setState({ status: 'ready', data }),
      (error) =>
        setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }, [load]);

  return (
    <main class="popup">
      <header class="brand">
        <span class="logo" aria-hidden="true" />
        <h1>Clipmark</h1>
      </header>
      {state.status === 'loading' ? <p class="muted">{t('loading')}</p> : null}
      {state.status === 'error' ? (
        <p class="error" role="alert">
          {t('loadFailed')} {state.message}
        </p>
      ) : null}
      {state.status === 'ready' && state.data.kind === 'unsupported' ? (
        <p class="muted">{t('pageUnsupported')}</p>
      ) : null}
      {state.status === 'ready' && state.data.kind === 'page' ? (
        <section aria-labelledby="page-title">
          <h2 id="page-title" class="page-title">
            {state.data.title}
          </h2>
          <p class="muted count">{t('highlightCount', String(state.data.highlights.length))}</p>
          {state.data.highlights.length === 0 ? (
            <p class="empty">{t('emptyPage')}</p>
          ) : (
            <HighlightList highlights={state.data.highlights} />
          )}
        </section>
      ) : null}
    </main>
  );
}
