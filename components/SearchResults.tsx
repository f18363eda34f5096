/**
 * Library-wide search results: the quote with matched words marked, its page, tags. The quote is a link to the
 * passage (the address the user visited, with a text fragment): a click opens it in the current tab,
 * Ctrl/Cmd/Shift-click or a middle click in a new one, as links do.
 */
import { COLOR_SWATCHES } from '@/utils/colors';
import { textFragmentLink } from '@/utils/export/deep-link';
import { t } from '@/utils/i18n';
import type { SearchHitRecord } from '@/utils/messaging/background-map';
import type { ArticleNoteHit } from '@/utils/search/article-notes';
import { matchRanges } from '@/utils/search/fold';
import { isBookKey } from '@/utils/url';
import { TagList } from './TagList';

export function SearchResults({
  total,
  hits,
  notes = [],
  onOpen,
}: {
  total: number;
  hits: SearchHitRecord[];
  /** Articles whose own note matches. */
  notes?: ArticleNoteHit[];
  onOpen(hit: SearchHitRecord, newTab: boolean): void;
}) {
  if (hits.length === 0 && notes.length === 0) return <p class="empty">{t('noResults')}</p>;
  return (
    <section aria-label={t('searchResults')}>
      {notes.length > 0 ? (
        <>
          <h2 class="muted count">{t('articleNotesFound', String(notes.length))}</h2>
          <ol class="highlights article-note-hits">
            {notes.map((n) => (
              <li key={n.url} class="highlight article-note-hit">
                {/* The article itself (no passage to land on): a link, in a new tab. */}
                <a class="quote open" href={n.url} target="_blank" rel="noopener noreferrer">
                  {n.title || n.url}
                </a>
                <p class="note">
                  <Marked text={n.note} terms={n.matches} />
                </p>
                <p class="source muted">{n.site}</p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <p class="muted count">{t('resultCount', String(total))}</p>
      <ol class="highlights">
        {hits.map((hit) => {
          const { highlight: h, article, matches } = hit;
          const book = isBookKey(article.url);
          return (
            <li key={h.id} class="highlight" style={{ borderInlineStartColor: COLOR_SWATCHES[h.color] }}>
              {book ? (
                // A book (Kindle, Readwise) has no page to open.
                <p class="quote">
                  <Marked text={h.quote.exact} terms={matches.quote ?? []} />
                </p>
              ) : (
                <a
                  class="quote open"
                  href={textFragmentLink(article.openUrl, h.quote)}
                  onClick={(event) => {
                    event.preventDefault();
                    onOpen(hit, event.ctrlKey || event.metaKey || event.shiftKey);
                  }}
                  onAuxClick={(event) => {
                    if (event.button !== 1) return;
                    event.preventDefault();
                    onOpen(hit, true);
                  }}
                >
                  <Marked text={h.quote.exact} terms={matches.quote ?? []} />
                </a>
              )}
              {h.note ? (
                <p class="note">
                  <Marked text={h.note} terms={matches.note ?? []} />
                </p>
              ) : null}
              <p class="source muted">
                {book ? (
                  <>
                    {article.title} · {t('bookNoPage')}
                  </>
                ) : (
                  <>
                    {article.title || article.url} · {article.site}
                  </>
                )}
              </p>
              <TagList tags={h.tags} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Text with the matched words in <mark>: built from text nodes, never HTML. */
export function Marked({ text, terms }: { text: string; terms: readonly string[] }) {
  const ranges = terms.length > 0 ? matchRanges(text, terms) : [];
  if (ranges.length === 0) return <>{text}</>;
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
