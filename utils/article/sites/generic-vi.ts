/**
 * Vietnamese news sites without an adapter of their own: national sites with JSON-LD and date-stamped ids
 * (`…-20261109073000123.htm`), provincial papers with none. Selectors are the class names seen across
 * Vietnamese CMSs; each is only a hint, checked before use.
 */
import type { SiteAdapter, UrlKind } from '../types';
import { genericUrlKind, isHeadlineSlug } from '../url-shape';

// Ids at the end of a slug: "-4712345.html", "-20261109073000123.htm", "-post812345.html", "-2540155.vov".
const ARTICLE_ID = /-(?:post|p|a|n|d)?\d{5,}(?:\.[a-z]{2,5})?$/i;
// A section page: one or two dashed words, no id ("/thoi-su/", "/kinh-te.htm", "/the-thao/bong-da").
const SECTION = /^\/[a-z0-9-]+(?:\.html?)?\/?(?:[a-z0-9-]+(?:\.html?)?\/?)?$/i;

function urlKind(url: URL): UrlKind | null {
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  if (ARTICLE_ID.test(last)) return 'article';
  const kind = genericUrlKind(url);
  if (kind) return kind;
  if (SECTION.test(url.pathname) && !isHeadlineSlug(last)) return 'listing';
  return null;
}

export const genericVi: SiteAdapter = {
  id: 'generic-vi',
  exampleUrls: [
    { url: 'https://vnexpress.net/xe-dien-tang-toc-o-do-thi-4712345.html', kind: 'article' },
    { url: 'https://tuoitre.vn/nguoi-dan-don-mua-lu-som-20261109073000123.htm', kind: 'article' },
    { url: 'https://thanhnien.vn/gia-lua-tang-nhe-185261109073000123.htm', kind: 'article' },
    { url: 'https://nhandan.vn/khai-mac-hoi-cho-nong-san-post812345.html', kind: 'article' },
    { url: 'https://thoisu.example.vn/xa-hoi/mo-duong-ven-song-20261109073000123.htm', kind: 'article' },
    { url: 'https://tuoitre.vn/', kind: 'home' },
    { url: 'https://vnexpress.net/thoi-su', kind: 'listing' },
    { url: 'https://dantri.com.vn/kinh-te.htm', kind: 'listing' },
    { url: 'https://vnexpress.net/tim-kiem?q=lua', kind: 'listing' },
  ],
  // .vn hosts plus the big Vietnamese sites on other domains; any page declaring lang="vi" is routed here too
  // (see adapterFor).
  matches: (url) =>
    /(?:^|\.)(?:[a-z0-9-]+\.)*vn$/i.test(url.hostname) || /(?:^|\.)vnexpress\.net$/i.test(url.hostname),
  urlKind,
  defaultOffset: '+07:00',
  vietnamese: true,
  selectors: {
    title: 'h1.detail-title, h1.title-detail, h1.title_news_detail, h1.article-title, h1.detail__title',
    time: '.detail-time, .date-time, .publish-date, .detail__time, .time-detail, [data-role="publishdate"], .article-date, .date, .time',
    lead: '.detail-sapo, .sapo, .article-sapo, .detail__summary, .short_intro, [data-role="sapo"], .description, .chapeau, .lead',
    author: '.author, .detail-author, .author-name, .article-author, .tac-gia, .tacgia',
    // Related-news, comment and share boxes (box-tinlienquan, binh-luan, chia-se…) are caught by the class
    // words in noise.ts; a selector list here would cost a full-page query on large national pages.
    noise: [],
  },
};
