/**
 * The reader's editor of one highlight (colour, tags, note, delete): the same editor as on web pages, in a dialog
 * next to the highlight instead of a frame, talking to the library directly.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { HighlightChanges, HighlightRecord, TagSummary } from '@/utils/messaging/background-map';
import { type Size, viewportOf } from '@/utils/placement';
import { type EditorApi, HighlightEditor } from './HighlightEditor';
import type { Editing } from './reader-state';

const EDITOR_WIDTH = 360;

/** What the editor needs from the library (part of the reader page's `ReaderApi`). */
export interface ReaderEditApi {
  get(id: string): Promise<HighlightRecord>;
  tags(): Promise<TagSummary[]>;
  /** `version`: the `updatedAt` the edit started from; rejects with `code: 'conflict'` when it changed since. */
  update(id: string, changes: HighlightChanges, version?: number): Promise<HighlightRecord>;
  remove(id: string): Promise<void>;
}

export function ReaderEditDialog({
  editing,
  api,
  onSaved,
  onRemoved,
  onClose,
}: {
  editing: Editing;
  api: ReaderEditApi;
  onSaved(record: HighlightRecord): void;
  onRemoved(id: string): void;
  onClose(): void;
}) {
  const { id } = editing;
  const dialogRef = useRef<HTMLDivElement>(null);
  // One API object per opened highlight: the editor loads again when it changes.
  const editorApi = useMemo<EditorApi>(
    () => ({
      async load() {
        const [highlight, tags] = await Promise.all([api.get(id), api.tags()]);
        return { highlight, tags };
      },
      async save(changes, version) {
        onSaved(await api.update(id, changes, version));
      },
      async remove() {
        await api.remove(id);
        onRemoved(id);
      },
      close: onClose,
    }),
    [id, api, onSaved, onRemoved, onClose],
  );

  useEffect(() => {
    dialogRef.current?.focus();
  }, [id]);

  return (
    <div
      class="reader-dialog"
      role="dialog"
      aria-modal="true"
      aria-label={t('readerEditHighlight')}
      tabIndex={-1}
      ref={dialogRef}
      style={dialogPosition(editing.rect, viewportOf(document))}
    >
      <HighlightEditor key={id} api={editorApi} focus={editing.focus} />
    </div>
  );
}

/** Below the highlight, or above it when there is no room, inside the window. */
function dialogPosition(rect: DOMRect | null, view: Size): Record<string, string> {
  const width = Math.min(EDITOR_WIDTH, view.width - 16);
  if (!rect || (rect.width === 0 && rect.height === 0)) {
    return { width: `${width}px`, left: `${Math.max(8, (view.width - width) / 2)}px`, top: '15vh' };
  }
  const left = Math.max(8, Math.min(rect.left, view.width - width - 8));
  const below = rect.bottom + 8;
  const style: Record<string, string> = { width: `${width}px`, left: `${left}px` };
  if (below + 280 < view.height) style.top = `${below}px`;
  else style.bottom = `${Math.max(8, view.height - rect.top + 8)}px`;
  return style;
}
