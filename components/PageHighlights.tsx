/**
 * One page's highlights, as the popup and the side panel show them: those on the page (click: show it there;
 * Edit: its editor over the page), then those whose text was not found (kept, listed apart). In the order given
 * (reading order, as the background lists them).
 */
import { t } from '@/utils/i18n';
import type { HighlightRecord, SearchHitRecord } from '@/utils/messaging/background-map';
import { HighlightList } from './HighlightList';

export interface PageHighlightsProps {
  highlights: HighlightRecord[];
  /** Ids not found on the page; null when the page's content script did not answer. */
  orphans: string[] | null;
  /** Highlights found only approximately: id → the page's text now. */
  changed: Record<string, string>;
  onOpen(h: HighlightRecord): void;
  onEdit(h: HighlightRecord): void;
  onDelete(h: HighlightRecord): void;
  /** Copy the passage as a quotation with its citation (the popup). */
  onCite?(h: HighlightRecord): void;
  /** Words a search matched, per highlight id (the side panel's search). */
  matches?: Record<string, SearchHitRecord['matches']>;
}

export function PageHighlights({
  highlights,
  orphans,
  changed,
  onOpen,
  onEdit,
  onDelete,
  onCite,
  matches,
}: PageHighlightsProps) {
  const orphanIds = new Set(orphans ?? []);
  const found = highlights.filter((h) => !orphanIds.has(h.id));
  const missing = highlights.filter((h) => orphanIds.has(h.id));
  return (
    <>
      {found.length > 0 ? (
        <HighlightList
          highlights={found}
          changed={changed}
          onOpen={onOpen}
          onEdit={orphans === null ? undefined : onEdit}
          onDelete={onDelete}
          onCite={onCite}
          matches={matches}
        />
      ) : null}
      {missing.length > 0 ? (
        <section class="orphans" aria-labelledby="orphans-title">
          <h3 id="orphans-title">{t('orphansTitle')}</h3>
          <p class="muted">{t('orphansHelp')}</p>
          <HighlightList highlights={missing} onDelete={onDelete} onCite={onCite} matches={matches} />
        </section>
      ) : null}
    </>
  );
}
