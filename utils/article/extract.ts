/**
 * `extractArticle(doc, url)`: the article in a page, as metadata, sanitised HTML and NFC text. Readability
 * finds the body on a clone (it edits what it is given); the site adapter and the page's metadata supply
 * what Readability reports poorly on Vietnamese news: headline, day-first time line, sapo, author line.
 */
import { Readability } from '@mozilla/readability';
import type { WindowLike } from 'dompurify';
import { fixBody } from './body';
import { readCredits } from './credits';
import { urlOf } from './jsonld';
import { removeMediaBoilerplate } from './media-noise';
import { absoluteUrl, metaValue, type PageMetadata, primaryLanguage, readMetadata } from './metadata';
import { readNearHeadline } from './near-headline';
import { removeNoise } from './noise';
import { readVisibleParts } from './parts';
import { findDates, pageDateOptions } from './published';
import { sanitize } from './sanitize';
import { adapterFor } from './sites';
import { blockText, cleanText, countWords, truncate } from './text';
import type { Article, SiteAdapter } from './types';

/** What a caller may pass in to save work, force an adapter, or supply a window. */
export interface ExtractOptions {
  /** Metadata already read from this document (e.g. by detection). */
  metadata?: PageMetadata;
  adapter?: SiteAdapter;
  /** The window DOMPurify works in; defaults to `doc.defaultView` (null for a DOMParser document). */
  window?: WindowLike;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * Extracts the article from `doc`, the page at `url`, or returns null when Readability finds no body. The
 * document is not modified (Readability and the clean-up work on a clone). DOMPurify needs a window: the
 * document's own (`doc.defaultView`), or `options.window` for a document parsed with DOMParser.
 */
export function extractArticle(doc: Document, url: string, options: ExtractOptions = {}): Article | null {
  const view = options.window ?? doc.defaultView;
  if (!view) throw new Error('extractArticle needs a window: pass options.window for a document without one');
  const meta = options.metadata ?? readMetadata(doc);
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return null;
  }
  const adapter = options.adapter ?? adapterFor(parsedUrl, meta.lang);
  const ogTitle = metaValue(meta.meta, 'og:title', 'twitter:title');
  const parts = readVisibleParts(doc, adapter, [ogTitle, str(meta.article?.headline), doc.title]);

  const clone = doc.cloneNode(true) as Document;
  const cloneHeadline = parts.headline ? findSame(clone, doc, parts.headline) : null;
  removeNoise(clone, adapter, cloneHeadline);
  if (clone.body) removeMediaBoilerplate(clone.body);
  const result = new Readability<Element>(clone, { serializer: (el) => el as Element }).parse();
  const body = result?.content;
  if (!result || !body) return null;

  const bodyByline = fixBody(body, {
    bareNames: adapter.vietnamese,
    lead: parts.lead,
    headline: parts.headline ? cleanText(parts.headline.textContent) : null,
  });
  removeComments(body);
  const clean = sanitize(body, view);
  if (!clean) return null;

  const text = blockText(clean);
  const near = parts.headline ? readNearHeadline(parts.headline) : null;
  const { title, siteName, byline } = readCredits({
    doc,
    meta,
    adapter,
    host: parsedUrl.hostname,
    headline: parts.title,
    near,
    bodyByline,
    adapterByline: parts.author,
    guess: result,
  });
  const dateOptions = pageDateOptions(adapter, parsedUrl, meta, near);
  const { published, modified } = findDates({
    meta,
    near,
    hint: parts.timeHint,
    guess: result.publishedTime,
    tail: text.split('\n\n').slice(-4),
    options: dateOptions,
  });
  const description = cleanText(metaValue(meta.meta, 'description', 'og:description', 'twitter:description'));
  const lead = parts.lead;
  const image =
    metaValue(meta.meta, 'og:image', 'og:image:url', 'twitter:image') ??
    urlOf(meta.article?.image) ??
    clean.querySelector('img')?.getAttribute('src');

  return {
    url,
    canonicalUrl: absoluteUrl(meta.canonical ?? metaValue(meta.meta, 'og:url'), url),
    title,
    byline,
    siteName,
    lang: primaryLanguage(meta.lang) ?? primaryLanguage(result.lang),
    publishedAt: published,
    modifiedAt: modified,
    lead,
    // A CMS often cuts the description from the lead mid-word; the lead itself reads better.
    excerpt:
      (lead && description && lead.startsWith(description.replace(/\S*$/, '').trim())
        ? truncate(lead, 300)
        : description) ||
      lead ||
      truncate(text, 200) ||
      null,
    mainImage: absoluteUrl(image, url),
    wordCount: countWords(text),
    html: clean.innerHTML.normalize('NFC'),
    text,
    adapter: adapter.id,
  };
}

/**
 * Removes the comments in `root`: never article text, and DOMPurify under happy-dom (the tests and `npm run
 * eval`) drops only one per pass, so a body with dozens of ad markers ("<!-- Begin Ad -->") ran out of
 * sanitising passes and gave no article there.
 */
function removeComments(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node);
  for (const node of comments) node.parentNode?.removeChild(node);
}

/** The element in `clone` at the same position as `el` in `original`. */
function findSame(clone: Document, original: Document, el: Element): Element | null {
  const path: number[] = [];
  for (let node: Element | null = el; node && node !== original.documentElement; node = node.parentElement) {
    const parent: Element | null = node.parentElement;
    if (!parent) return null;
    path.unshift(Array.prototype.indexOf.call(parent.children, node));
  }
  let node: Element | null = clone.documentElement;
  for (const i of path) node = node?.children[i] ?? null;
  return node;
}
