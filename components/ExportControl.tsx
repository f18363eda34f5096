/** A format picker and an Export button; the caller decides the scope and saves the files. */
import { useState } from 'preact/hooks';
import { EXPORT_FORMATS, type ExportFormat } from '@/utils/export/formats';
import { keyOf, t } from '@/utils/i18n';

/** The export formats in the order offered: the exporter's own list. */
export const FORMAT_CHOICES = EXPORT_FORMATS;
export type FormatChoice = ExportFormat;

export function ExportControl({
  onExport,
  label,
}: {
  onExport(format: FormatChoice): Promise<void>;
  label: string;
}) {
  const [format, setFormat] = useState<FormatChoice>('markdown');
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const run = async () => {
    setState({ busy: true, error: null });
    try {
      await onExport(format);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: String((e as Error)?.message ?? e) });
    }
  };
  return (
    <div class="export">
      <select
        aria-label={t('exportFormat')}
        value={format}
        onChange={(e) => setFormat(e.currentTarget.value as FormatChoice)}
      >
        {FORMAT_CHOICES.map((f) => (
          <option key={f} value={f}>
            {t(keyOf('format_', f))}
          </option>
        ))}
      </select>
      <button type="button" disabled={state.busy} onClick={run}>
        {state.busy ? t('working') : label}
      </button>
      {state.error ? (
        <p class="error" role="alert">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
