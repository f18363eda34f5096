/** The reader's list beside the article: the highlights in reading order, then those not in the saved copy. */
import { COLOR_SWATCHES } from '@/utils/colors';
import { t } from '@/utils/i18n';
import type { HighlightRecord } from '@/utils/messaging/background-map';
import type { Placed } from '@/utils/reader';

export function ReaderList({
  placed,
  missing,
  onShow,
  onEdit,
}: {
  placed: Placed[];
  missing: HighlightRecord[];
  onShow(id: string): void;
  onEdit(id: string, from: HTMLElement): void;
}) {
  return (
    <aside class="reader-side" aria-labelledby="reader-list-title">
      <h2 id="reader-list-title">
        {t('readerHighlightsTitle')} <span class="count">{placed.length}</span>
      </h2>
      {placed.length === 0 ? <p class="muted">{t('readerEmpty')}</p> : null}
      <ol class="reader-list">
        {placed.map((p) => (
          <ListItem
            key={p.record.id}
            record={p.record}
            changedTo={p.changedTo}
            onShow={() => onShow(p.record.id)}
            onEdit={(from) => onEdit(p.record.id, from)}
          />
        ))}
      </ol>
      {missing.length > 0 ? (
        <section class="reader-missing" aria-labelledby="reader-missing-title">
          <h2 id="reader-missing-title">
            {t('readerMissingTitle')} <span class="count">{missing.length}</span>
          </h2>
          <p class="muted">{t('readerMissingHelp')}</p>
          <ol class="reader-list">
            {missing.map((record) => (
              <ListItem
                key={record.id}
                record={record}
                changedTo={null}
                onEdit={(from) => onEdit(record.id, from)}
              />
            ))}
          </ol>
        </section>
      ) : null}
    </aside>
  );
}

/** One highlight: its colour, quote, tags and note, and Edit. */
function ListItem({
  record,
  changedTo,
  onShow,
  onEdit,
}: {
  record: HighlightRecord;
  /** The text there now, when the highlight was found only approximately. */
  changedTo: string | null;
  /** Scrolls to the highlight in the text; absent when it is not in the saved copy. */
  onShow?: () => void;
  onEdit(from: HTMLElement): void;
}) {
  const swatch = (
    <span
      class="dot"
      role="img"
      aria-label={t(`color_${record.color}`)}
      style={{ background: COLOR_SWATCHES[record.color] }}
    />
  );
  return (
    <li class="reader-item" data-id={record.id} data-color={record.color}>
      {onShow ? (
        <button type="button" class="item-quote" onClick={onShow} title={t('readerShowInText')}>
          {swatch}
          <span class="quote-text">{record.quote.exact}</span>
        </button>
      ) : (
        <p class="item-quote">
          {swatch}
          <span class="quote-text">{record.quote.exact}</span>
        </p>
      )}
      {changedTo !== null ? (
        <p class="changed">
          {t('textChanged')} {t('textNow')} <q>{changedTo}</q>
        </p>
      ) : null}
      {record.tags.length > 0 ? (
        <ul class="item-tags" aria-label={t('tagsLabel')}>
          {record.tags.map((tag) => (
            <li key={tag} class="tag">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
      {record.note ? <p class="item-note">{record.note}</p> : null}
      <button
        type="button"
        class="item-edit"
        onClick={(e) => onEdit(e.currentTarget)}
        aria-label={t('readerEditHighlight')}
      >
        {t('readerEdit')}
      </button>
    </li>
  );
}
