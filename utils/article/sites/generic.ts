/** The fallback adapter: any site, generic rules only. Always matches, so it is last in the registry. */
import type { SiteAdapter } from '../types';
import { genericUrlKind } from '../url-shape';

export const generic: SiteAdapter = {
  id: 'generic',
  exampleUrls: [
    { url: 'https://news.example.com/2026/11/09/council-approves-bridge-budget', kind: 'article' },
    { url: 'https://blog.example.org/posts/why-we-moved-our-servers-to-the-basement/', kind: 'article' },
    { url: 'https://www.example.co.uk/news/world-europe-12345678', kind: 'article' },
    { url: 'https://news.example.com/', kind: 'home' },
    { url: 'https://news.example.com/category/politics/', kind: 'listing' },
    { url: 'https://news.example.com/search?q=bridge', kind: 'listing' },
  ],
  matches: () => true,
  urlKind: genericUrlKind,
  defaultOffset: '+00:00',
  vietnamese: false,
  selectors: {
    lead: '.standfirst, .article-lead, .article__lead, .dek, .deck, .article-summary, .subheadline',
    author: '[rel="author"], .byline, .author-name',
    noise: [],
  },
};
