/**
 * The popup's card for the current page: whether it is an article and why, and what extraction found —
 * headline, site, publication date, byline. All of it is text from the page, shown as text.
 */
import { formatArticleDate } from '@/utils/article-display';
import { keyOf, t } from '@/utils/i18n';
import type { ArticleSummary } from '@/utils/messaging/background-map';
import type { DetectionReason, PageDetection } from '@/utils/messaging/tab-map';
import { siteOf } from '@/utils/url';

export interface ArticleCardProps {
  url: string;
  /** The tab's title, shown until (or unless) the article's own headline is known. */
  tabTitle: string;
  /** Null when the page's content script did not answer (opened before Clipmark was installed). */
  detection: PageDetection | null;
  /** What extraction found; null when no article text was found, undefined when not (yet) read. */
  article: ArticleSummary | null | undefined;
  /** True while the article is being read. */
  reading: boolean;
  /** Why reading the article failed, if it did. */
  readError?: string | null;
  count: number;
  lang: string;
}

export function ArticleCard({
  url,
  tabTitle,
  detection,
  article,
  reading,
  readError,
  count,
  lang,
}: ArticleCardProps) {
  const isArticle = detection?.isArticle ?? !!article;
  const published = formatArticleDate(article?.publishedAt, lang);
  const modified = formatArticleDate(article?.modifiedAt, lang);
  const facts = [article?.siteName || siteOf(url), published].filter(Boolean).join(' · ');
  return (
    <section class="card" aria-labelledby="page-title" data-kind={isArticle ? 'article' : 'page'}>
      <p class="kind">
        <span class={isArticle ? 'badge article' : 'badge'}>
          {t(isArticle ? 'cardArticle' : 'cardNotArticle')}
        </span>
        {reading ? <span class="muted"> {t('cardReading')}</span> : null}
      </p>
      <h2 id="page-title" class="page-title" lang={article?.lang ?? undefined}>
        {article?.title || tabTitle}
      </h2>
      <p class="facts muted">{facts}</p>
      {article?.byline ? <p class="byline">{t('cardByline', article.byline)}</p> : null}
      {modified && modified !== published ? <p class="muted facts">{t('cardUpdated', modified)}</p> : null}
      {readError ? <p class="muted">{t('cardReadFailed')}</p> : null}
      <p class="muted count">{t('highlightCount', String(count))}</p>
      {detection ? (
        <details class="why">
          <summary>{t(isArticle ? 'cardWhyArticle' : 'cardWhyNotArticle')}</summary>
          <Reasons title={t('cardFor')} reasons={detection.reasons.filter((r) => r.points > 0)} />
          <Reasons title={t('cardAgainst')} reasons={detection.reasons.filter((r) => r.points < 0)} />
        </details>
      ) : null}
    </section>
  );
}

/**
 * Detection's reasons in words, the weightiest first; the points that weighed them stay internal (issue #20: "Why?
 * (score 125)" told the user nothing).
 */
function Reasons({ title, reasons }: { title: string; reasons: DetectionReason[] }) {
  if (reasons.length === 0) return null;
  const sorted = [...reasons].sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return (
    <>
      <p class="reasons-title">{title}</p>
      <ul>
        {sorted.map((r) => (
          <li key={r.id} data-reason={r.id}>
            {t(keyOf('reason_', r.id))}
          </li>
        ))}
      </ul>
    </>
  );
}
