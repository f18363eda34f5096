/**
 * The clipping's HTML made safe to show in the reader page: sanitised again, nothing that loads from the network,
 * links that open in a new tab. The document is passed in; nothing here reaches for a global.
 */
import createDOMPurify, { type DOMPurify, type WindowLike } from 'dompurify';
import { FETCHING_TAGS, guardFetches, sanitizeUntilStable } from '../inert-html';
import { imageDataUrl, STORED_IMAGE_TYPES, type StoredImage, type StoredImages } from './clipping-images';

/** Interface text put into the article by `prepareClippingHtml` (localised by the caller). */
export interface ClippingLabels {
  /** Shown in place of an image, before its description. */
  image: string;
  /** Shown in place of a video or audio player. */
  media: string;
  /** The link to the image or media file; `$1` is its host. */
  openFrom: (host: string) => string;
  /** The link under an image shown from the saved copy, to where it was fetched from; `$1` is its host. */
  original?: (host: string) => string;
}

/**
 * The element name of the placeholders: anchoring skips `clipmark-*` elements, so the placeholder's text never
 * becomes part of the article's text (the live page has no such text, and selectors must match it).
 */
export const PLACEHOLDER_TAG = 'clipmark-media';

// What a stored article has no use for on display: styles (they can load URLs), forms, image maps, and whatever
// would load something (utils/inert-html.ts: frames, plug-ins, media sources, SVG that loads other files…).
const CONFIG = {
  RETURN_DOM: true as const,
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'option',
    'map',
    'area',
    ...FETCHING_TAGS,
  ],
  FORBID_ATTR: ['style', 'class', 'id', 'srcset', 'sizes', 'loading', 'ping', 'background', 'poster'],
  ALLOW_DATA_ATTR: false,
};

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** Block elements: between two of them the text gets a space, as the live page's source usually has. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

const purifiers = new WeakMap<object, DOMPurify>();
function purifierFor(view: WindowLike): DOMPurify {
  let purify = purifiers.get(view);
  if (!purify) {
    purify = guardFetches(createDOMPurify(view));
    purifiers.set(view, purify);
  }
  return purify;
}

/** An absolute http(s) address for `value` read on the page at `base`, or null. */
export function webAddress(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Images kept as they are: inline data (nothing is fetched). SVG in an <img> runs no script and loads nothing. */
function isInlineImage(src: string | null): boolean {
  return !!src && /^data:image\//i.test(src.trim());
}

/** A stored image the reader may show: a raster type and base64 data (checked again: it came in a message). */
function showable(image: StoredImage | undefined): image is StoredImage {
  return (
    !!image &&
    (STORED_IMAGE_TYPES as readonly string[]).includes(image.type) &&
    typeof image.data === 'string' &&
    /^[A-Za-z0-9+/]+={0,2}$/.test(image.data)
  );
}

/**
 * The clipping's body ready to insert into `doc`: sanitised again with DOMPurify (HTML is sanitised before it is
 * stored and again before it is shown), an image the copy kept (`images`, by address) shown from its `data:`
 * address with a link to where it came from, every other image or player that would load from the network
 * replaced by a placeholder with its description and a link to its address (opened only if the user clicks), links made
 * absolute against the article's address and opened in a new tab without referrer, and a space between blocks
 * so words of adjacent paragraphs do not run together in the text highlights are anchored to. `view` is the
 * window DOMPurify works in: the document's own, or another for tests (happy-dom's global window breaks it).
 */
export function prepareClippingHtml(
  html: string,
  doc: Document,
  articleUrl: string,
  labels: ClippingLabels,
  view: WindowLike | null = doc.defaultView as unknown as WindowLike | null,
  images: StoredImages = {},
): DocumentFragment {
  if (!view) throw new Error('prepareClippingHtml needs a window for DOMPurify');
  // Everything below works in DOMPurify's inert document; only the finished fragment joins ours (an image
  // created in a live document starts loading even before it is inserted).
  const purifier = purifierFor(view);
  // Sanitised until stable (utils/inert-html.ts); a tree DOMPurify refuses is shown empty.
  const body = sanitizeUntilStable(purifier, html, CONFIG) ?? (purifier.sanitize('', CONFIG) as HTMLElement);
  const inert = body.ownerDocument;
  const fragment = inert.createDocumentFragment();
  fragment.append(...body.childNodes);

  // <picture> keeps only its <img> (<source> is gone), handled here like any other. Besides links, images and
  // players are the only elements the sanitiser leaves an address on (utils/inert-html.ts).
  for (const media of [...fragment.querySelectorAll('img, video, audio')]) {
    const name = media.localName;
    const src = media.getAttribute('src');
    if (name === 'img' && isInlineImage(src)) continue;
    const address = webAddress(src, articleUrl);
    const stored = name === 'img' && address ? images[address] : undefined;
    if (address && showable(stored)) showStored(inert, media, address, stored, labels);
    else media.replaceWith(placeholder(inert, media, address, labels));
  }
  for (const link of [...fragment.querySelectorAll('a')]) {
    if (link.namespaceURI === HTML_NS && !link.closest(PLACEHOLDER_TAG)) fixLink(link, articleUrl);
  }
  spaceBlocks(inert, fragment);
  return doc.importNode(fragment, true);
}

function fixLink(link: HTMLAnchorElement, base: string): void {
  const raw = link.getAttribute('href');
  const href = webAddress(raw, base) ?? (raw && /^mailto:/i.test(raw.trim()) ? raw.trim() : null);
  for (const attr of ['href', 'ping', 'referrerpolicy', 'target', 'rel', 'download'])
    link.removeAttribute(attr);
  if (!href) return;
  link.setAttribute('href', href);
  link.setAttribute('target', '_blank');
  link.setAttribute('rel', 'noopener noreferrer');
}

/**
 * An image the copy kept: its `src` becomes the stored bytes' `data:` address (nothing is fetched), its alt
 * text stays, and a link under it (a `clipmark-media` box, so its text is not the article's) goes to the
 * original; inside a link, where a link may not go, the original's address is the image's title.
 */
function showStored(
  doc: Document,
  img: Element,
  address: string,
  image: StoredImage,
  labels: ClippingLabels,
): void {
  img.setAttribute('src', imageDataUrl(image));
  img.setAttribute('data-original', address);
  if (img.closest('a')) {
    img.setAttribute('title', address);
    return;
  }
  const box = doc.createElement(PLACEHOLDER_TAG);
  box.setAttribute('data-kind', 'original');
  const link = doc.createElement('a');
  link.className = 'placeholder-link';
  link.href = address;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  const host = new URL(address).host;
  link.textContent = labels.original ? labels.original(host) : labels.openFrom(host);
  box.append(link);
  img.after(box);
}

/** A placeholder for an image, video or audio element that would have loaded `address`. */
function placeholder(doc: Document, media: Element, address: string | null, labels: ClippingLabels): Element {
  const box = doc.createElement(PLACEHOLDER_TAG);
  const isImage = media.localName === 'img';
  box.setAttribute('data-kind', isImage ? 'image' : 'media');
  const description = (
    media.getAttribute('alt') ||
    media.getAttribute('title') ||
    media.getAttribute('aria-label') ||
    ''
  ).trim();
  const label = doc.createElement('span');
  label.className = 'placeholder-label';
  label.textContent = isImage ? labels.image : labels.media;
  box.append(label);
  if (description) {
    const text = doc.createElement('span');
    text.className = 'placeholder-alt';
    text.textContent = description;
    box.append(text);
  }
  if (address) {
    const host = new URL(address).host;
    // A link inside a link is not allowed: inside one, the address is only shown on hover.
    if (media.closest('a')) {
      box.setAttribute('title', address);
    } else {
      const link = doc.createElement('a');
      link.className = 'placeholder-link';
      link.href = address;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = labels.openFrom(host);
      box.append(link);
    }
  }
  return box;
}

/** Puts a line break between a block element and a neighbour when the HTML has no whitespace there. */
function spaceBlocks(doc: Document, fragment: DocumentFragment): void {
  const endsWithSpace = (node: Node | null) => node?.nodeType === 3 && /\s$/.test((node as Text).data);
  const startsWithSpace = (node: Node | null) => node?.nodeType === 3 && /^\s/.test((node as Text).data);
  for (const element of [...fragment.querySelectorAll('*')]) {
    if (!BLOCKS.has(element.localName)) continue;
    const before = element.previousSibling;
    if (before && !endsWithSpace(before)) element.before(doc.createTextNode('\n'));
    const after = element.nextSibling;
    if (after && !startsWithSpace(after)) element.after(doc.createTextNode('\n'));
  }
}
