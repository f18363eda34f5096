/** "Copy as Markdown": puts this page's Markdown note (front matter, citation, highlights) on the clipboard. */
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

type CopyState = 'idle' | 'busy' | 'copied' | { error: string };

export function CopyMarkdownButton({ onCopy }: { onCopy(): Promise<void> }) {
  const [state, setState] = useState<CopyState>('idle');
  const run = async () => {
    setState('busy');
    try {
      await onCopy();
      setState('copied');
    } catch (e) {
      setState({ error: String((e as Error)?.message ?? e) });
    }
  };
  return (
    <div class="export copy-markdown">
      <button type="button" disabled={state === 'busy'} onClick={run}>
        {state === 'busy' ? t('working') : t('copyMarkdown')}
      </button>
      {state === 'copied' ? <span role="status">{t('copiedMarkdown')}</span> : null}
      {typeof state === 'object' ? (
        <p class="error" role="alert">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
