/**
 * Báo Nam Định điện tử (baonamdinh.vn): no JSON-LD, few Open Graph tags; `h1` title, a "08:02, 05/02/2020"
 * time line, a bold sapo, the caption repeated in the image's alt/title, the author line at the end.
 * Articles live at /channel/<channel>/<YYYYMM>/<slug>-<id>/; /channel/<channel>/ is a listing.
 */
import type { SiteAdapter, UrlKind } from '../types';
import { genericVi } from './generic-vi';

const ARTICLE = /^\/channel\/\d+\/\d{6}\/[^/]+-\d{5,}\/?$/;
const LISTING = /^\/(?:channel\/\d+|search|tim-kiem)\/?$/;

function urlKind(url: URL): UrlKind | null {
  if (url.pathname === '/' || url.pathname === '') return 'home';
  if (ARTICLE.test(url.pathname)) return 'article';
  if (LISTING.test(url.pathname)) return 'listing';
  return null;
}

export const baonamdinh: SiteAdapter = {
  id: 'baonamdinh',
  exampleUrls: [
    {
      url: 'https://baonamdinh.vn/channel/5083/202002/tap-trung-nang-cao-chat-luong-cong-tac-to-chuc-xay-dung-dang-2540155/',
      kind: 'article',
    },
    { url: 'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234/', kind: 'article' },
    { url: 'https://www.baonamdinh.vn/channel/5087/202410/giai-bong-da-thieu-nien-2555001', kind: 'article' },
    { url: 'https://baonamdinh.vn/channel/5083/', kind: 'listing' },
    { url: 'https://baonamdinh.vn/search/?q=l%C3%BAa', kind: 'listing' },
    { url: 'https://baonamdinh.vn/', kind: 'home' },
  ],
  matches: (url) => /(?:^|\.)baonamdinh\.vn$/i.test(url.hostname),
  urlKind,
  siteName: 'Báo Nam Định điện tử',
  defaultOffset: '+07:00',
  vietnamese: true,
  selectors: {
    title: 'h1.detail-title',
    time: '.detail-time',
    lead: '.detail-sapo',
    author: genericVi.selectors.author,
    noise: [
      '.detail-tools',
      '.detail-share',
      '.related-news',
      '.comment-box',
      '.box-most-read',
      '.box-ads',
      '.breadcrumb',
      '.footer',
    ],
  },
};
