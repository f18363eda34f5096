/**
 * "Deleted. Undo" after a highlight was deleted (popup, side panel). The button that was pressed is gone with
 * its highlight, so Undo takes the focus: one key away.
 */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/utils/i18n';

export function UndoNotice({ onUndo }: { onUndo(): void }) {
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    undoRef.current?.focus();
  }, []);
  return (
    <div class="undo" role="status">
      <span>{t('deleted')}</span>
      <button type="button" ref={undoRef} onClick={onUndo}>
        {t('undo')}
      </button>
    </div>
  );
}
