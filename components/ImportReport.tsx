/**
 * The library page's import dialogue (issue 15, finding 5): the preview of a file that would replace or trash
 * anything of the library, with its confirmation; what an import did, with the records it left out; and the
 * versions imports replaced, to put back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '@/utils/dates';
import type { ImportAnswer, ImportResult } from '@/utils/export/import-records';
import { type MessageKey, t } from '@/utils/i18n';
import type { ReplacedSummary } from '@/utils/messaging/background-map';

/** Refused records shown in a result; all are counted. */
const REFUSED_SHOWN = 3;

const sum = (counts: ImportResult['added']) => Object.values(counts).reduce((a, b) => a + b, 0);

/** "12 highlights would replace yours", … — one line per kind of change, the replacements first. */
export function previewLines(answer: ImportResult): string[] {
  const { added, updated } = answer;
  const lines: [number, MessageKey][] = [
    [updated.highlights, 'previewReplaceHighlights'],
    [answer.trashed, 'previewTrashHighlights'],
    [updated.trash, 'previewReplaceTrash'],
    [updated.articles, 'previewReplaceArticles'],
    [updated.clippings, 'previewReplaceClippings'],
    [updated.tags, 'previewChangeTags'],
  ];
  const out = lines.filter(([n]) => n > 0).map(([n, key]) => t(key, String(n)));
  if (added.clippings > 0) out.push(t('previewAddClippings', String(added.clippings)));
  const others = sum(added) - added.highlights;
  if (sum(added) > 0) out.push(t('previewAdded', [String(added.highlights), String(others)]));
  if (answer.skipped.highlights > 0) out.push(t('previewSkipped', String(answer.skipped.highlights)));
  if (out.length === 0) out.push(t('previewNothing'));
  return out;
}

/** Whether an answer replaces or trashes anything of the library (else it only adds). */
export function replacesAnything(answer: ImportResult): boolean {
  return answer.trashed > 0 || sum(answer.updated) > 0;
}

/** What an applied import did, in a sentence or three; `confirmed`: the user saw its preview first. */
export function importSummary(answer: ImportResult, confirmed = false): string {
  const parts = [
    t('importDone', [
      String(answer.added.highlights),
      String(answer.updated.highlights),
      String(answer.skipped.highlights),
    ]),
  ];
  if (answer.trashed > 0) parts.push(t('importDoneTrashed', String(answer.trashed)));
  const clippings = answer.added.clippings + answer.updated.clippings;
  if (clippings > 0) parts.push(t('importDoneClippings', String(clippings)));
  if (answer.leftOut?.count) parts.push(t('importDoneLeftOut', String(answer.leftOut.count)));
  parts.push(
    answer.kept > 0
      ? t('importDoneKept', String(answer.kept))
      : confirmed
        ? t('importDoneNothingReplaced')
        : t('importDoneOnlyAdded'),
  );
  return parts.join(' ');
}

/** The records of the file left out (times in the future), counted, with the first reasons. */
function Refused({ answer }: { answer: ImportResult }) {
  const count = sum(answer.refused);
  if (count === 0) return null;
  return (
    <div class="import-refused">
      <p>{t('importRefused', String(count))}</p>
      <ul>
        {answer.refusedRecords.slice(0, REFUSED_SHOWN).map((r) => (
          <li key={r.path}>
            <code>{r.path}</code>: {r.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * What of the file the importer could not take (a Kindle bookmark, a W3C reply…), counted, with where each
 * entry is and why.
 */
function LeftOut({ answer, shown, done }: { answer: ImportResult; shown: number; done?: boolean }) {
  if (!answer.leftOut?.count) return null;
  const { count, records } = answer.leftOut;
  return (
    <div class="import-left-out">
      <p>{t(done ? 'importLeftOutDone' : 'importLeftOut', String(count))}</p>
      <ul>
        {records.slice(0, shown).map((r, i) => (
          <li key={`${i}:${r.path}`}>
            <code>{r.path}</code>: {r.reason}
          </li>
        ))}
      </ul>
      {count > shown ? (
        <p class="muted">{t('importLeftOutMore', String(count - Math.min(shown, records.length)))}</p>
      ) : null}
    </div>
  );
}

/** Left-out entries a preview lists; all are counted. */
const LEFT_OUT_SHOWN = 20;

/**
 * The preview of a file that would replace or trash something, or of another tool's file (what it adds, what
 * is already there, what is left out and why): nothing happens until the user confirms.
 */
export function ImportPreview({
  answer,
  onConfirm,
  onCancel,
}: {
  answer: ImportAnswer & { status: 'confirm' };
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const box = useRef<HTMLElement>(null);
  const replaces = replacesAnything(answer);
  // Where the keyboard is when the question appears (and again when a changed preview replaces it).
  useEffect(() => box.current?.focus(), [answer.token]);
  return (
    <section
      class={replaces ? 'import-preview' : 'import-preview adds-only'}
      role="alertdialog"
      aria-labelledby="import-preview-title"
      aria-describedby="import-preview-lines"
      tabIndex={-1}
      ref={box}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h2 id="import-preview-title">{t(replaces ? 'importPreviewTitle' : 'importPreviewAddTitle')}</h2>
      {answer.changed ? <p class="import-changed">{t('importPreviewChanged')}</p> : null}
      <ul id="import-preview-lines">
        {previewLines(answer).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {replaces ? <p class="muted">{t('importPreviewKept')}</p> : null}
      <LeftOut answer={answer} shown={LEFT_OUT_SHOWN} />
      <Refused answer={answer} />
      <div class="import-actions">
        <button type="button" class="primary" onClick={onConfirm}>
          {t(replaces ? 'importConfirm' : 'importConfirmAdd')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}

/**
 * After an import: what it did is the status line; here, what it left out, and the way to what it replaced
 * (`onShowReplaced`, absent while that list is open).
 */
export function ImportDone({
  answer,
  onShowReplaced,
}: {
  answer: ImportResult;
  onShowReplaced?: () => void;
}) {
  const button = answer.kept > 0 && onShowReplaced;
  if (!button && sum(answer.refused) === 0 && !answer.leftOut?.count) return null;
  return (
    <div class="import-done">
      <LeftOut answer={answer} shown={REFUSED_SHOWN} done />
      <Refused answer={answer} />
      {button ? (
        <button type="button" onClick={onShowReplaced}>
          {t('replacedShow')}
        </button>
      ) : null}
    </div>
  );
}

export interface ReplacedApi {
  replaced(): Promise<{ total: number; items: ReplacedSummary[] }>;
  putBack(seq: number): Promise<void>;
}

const LABELS: Record<ReplacedSummary['kind'], MessageKey> = {
  highlight: 'replacedKindHighlight',
  article: 'replacedKindArticle',
  clipping: 'replacedKindClipping',
};

function when(item: ReplacedSummary): string {
  const lang = document.documentElement.lang || 'en';
  const date = formatDateTime(item.at, lang);
  if (item.cause === 'put-back') return t('replacedByPutBack', date);
  return t(item.change === 'trashed' ? 'replacedTrashedByImport' : 'replacedByImport', date);
}

/** The versions imports replaced, newest first, each with Put back. `version` reloads the list. */
export function ReplacedPanel({
  api,
  version,
  onChanged,
  onError,
}: {
  api: ReplacedApi;
  version: number;
  onChanged: () => void;
  onError: (message: string) => void;
}) {
  const [list, setList] = useState<{ total: number; items: ReplacedSummary[] } | null>(null);
  useEffect(() => {
    api.replaced().then(setList, (e) => onError(String(e?.message ?? e)));
  }, [api, version, onError]);
  return (
    <section class="replaced" aria-labelledby="replaced-title">
      <h2 id="replaced-title">{t('replacedTitle')}</h2>
      <p class="muted">{t('replacedIntro')}</p>
      {list && list.total === 0 ? <p class="empty">{t('replacedEmpty')}</p> : null}
      <ul class="replaced-list">
        {(list?.items ?? []).map((item) => (
          <li key={item.seq} class="replaced-item">
            <p>
              <strong>{t(LABELS[item.kind])}</strong> <span class="muted">{when(item)}</span>
            </p>
            <p class="quote">{item.text || item.url}</p>
            {item.note ? <p class="note">{item.note}</p> : null}
            {item.tags?.length ? <p class="muted">{item.tags.join(', ')}</p> : null}
            <button
              type="button"
              onClick={() => api.putBack(item.seq).then(onChanged, (e) => onError(String(e?.message ?? e)))}
            >
              {t('putBack')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
