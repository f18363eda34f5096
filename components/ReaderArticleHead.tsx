/**
 * The saved article's head in the reader: its paper and dates, the headline, the byline, the way to the original
 * and when it was saved. Only the headline is the article's text; the lines around it are skipped by the
 * anchoring, as the page's words about the article.
 */
import { type ComponentChildren, createElement } from 'preact';
import { formatArticleDate } from '@/utils/article-display';
import { t } from '@/utils/i18n';
import type { ClippingRecord } from '@/utils/messaging/background-map';
import { formatSavedDate, paperName } from '@/utils/reader';

/** Text the anchoring skips (a `clipmark-*` element): the page's words about the article, not the article's. */
function Meta({ class: className, children }: { class: string; children: ComponentChildren }) {
  return createElement('clipmark-meta', { class: className }, children);
}

/** `lang`: the interface language, for dates. */
export function ReaderArticleHead({ clipping, lang }: { clipping: ClippingRecord; lang: string }) {
  const { article } = clipping;
  const published = formatArticleDate(article.publishedAt, lang);
  const modified = formatArticleDate(article.modifiedAt, lang);
  return (
    <>
      <Meta class="paper-line">
        <span class="paper">{paperName(article.siteName, article.url)}</span>
        {published ? (
          <>
            {' · '}
            <time dateTime={article.publishedAt ?? undefined}>{published}</time>
          </>
        ) : null}
        {modified && modified !== published ? (
          <span class="modified"> · {t('cardUpdated', modified)}</span>
        ) : null}
      </Meta>
      <h1 id="reader-headline" class="headline" lang={article.lang ?? undefined}>
        {article.title}
      </h1>
      <Meta class="meta-line">
        {article.byline ? <span class="byline">{t('cardByline', article.byline)}</span> : null}
        <a class="original" href={article.url} target="_blank" rel="noopener noreferrer">
          {t('readerOriginal')}
        </a>
        <span class="saved">{t('readerSaved', formatSavedDate(clipping.savedAt, lang))}</span>
      </Meta>
    </>
  );
}
