/**
 * A saved copy's images: at save time the background fetches the `<img src>` of the extracted, sanitised HTML
 * and keeps them with the copy, so the reader shows the figures offline without loading anything remote.
 * Pure logic: the `fetch` to use is passed in (the background's; tests pass a fake). No DOM needed (the
 * service worker has none): the HTML is the sanitiser's serialisation, so its attributes are read with a
 * small tokenizer.
 *
 * What is kept: https addresses only (the extension's CSP lets the background connect to https, not to http),
 * the first `maxImages` distinct ones in document order, each at most `maxBytes`, in all at most `maxTotal`;
 * a PNG, JPEG, GIF, WebP or AVIF by its bytes' magic number, which must agree with the response's
 * content-type (SVG is not kept: it could carry script, and showing it safely is not worth the code). Fetched
 * without cookies (`credentials: 'omit'`) and without referrer, each with a timeout, within an overall budget.
 * Anything not kept stays what it was: a placeholder with its link in the reader.
 */

/** The image types a copy keeps, by magic number. */
export const STORED_IMAGE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
] as const;
export type StoredImageType = (typeof STORED_IMAGE_TYPES)[number];

/** One stored image: its type (by its bytes), the bytes in base64, and their count. */
export interface StoredImage {
  type: StoredImageType;
  data: string;
  bytes: number;
}

/** A copy's images by their absolute address as the reader resolves the `src` (`webAddress`). */
export type StoredImages = Record<string, StoredImage>;

export interface ImageLimits {
  /** Distinct addresses fetched at most (the first in document order). */
  maxImages: number;
  /** Largest image kept, in bytes. */
  maxBytes: number;
  /** Largest sum of a copy's images, in bytes. */
  maxTotal: number;
  /** Per image, from the request to the last byte, in ms. */
  timeoutMs: number;
  /** For all of a copy's images, in ms: what has not started by then is not fetched. */
  budgetMs: number;
  /** Requests at once. */
  concurrency: number;
}

export const IMAGE_LIMITS: ImageLimits = {
  maxImages: 30,
  maxBytes: 2 * 1024 * 1024,
  maxTotal: 8 * 1024 * 1024,
  // Under the ~30 s an idle service worker is given: the last image starts before 20 s and ends by 28 s.
  timeoutMs: 8_000,
  budgetMs: 20_000,
  concurrency: 4,
};

/** Why an image was not kept. */
export type SkipReason =
  | 'not-https'
  | 'too-many'
  | 'too-large'
  | 'over-total'
  | 'not-an-image'
  | 'type-mismatch'
  | 'http-error'
  | 'failed'
  | 'timeout'
  | 'out-of-time';

export interface ImageCollection {
  images: StoredImages;
  skipped: { url: string; reason: SkipReason }[];
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

const IMG_TAG = /<img\b((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** An absolute http(s) address for `value` read on the page at `base`, or null (as the reader resolves it). */
function absolute(value: string, base: string): string | null {
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The distinct http(s) addresses of the HTML's `<img src>`, absolute against `base`, in document order. */
export function imageAddresses(html: string, base: string): string[] {
  const seen = new Set<string>();
  for (const tag of html.matchAll(IMG_TAG)) {
    for (const attr of (tag[1] ?? '').matchAll(ATTRIBUTE)) {
      if (attr[1]?.toLowerCase() !== 'src') continue;
      const raw = attr[2] ?? attr[3] ?? attr[4] ?? '';
      const url = absolute(decodeEntities(raw), base);
      if (url) seen.add(url);
      break;
    }
  }
  return [...seen];
}

/** The image type the bytes begin with, or null: PNG, JPEG, GIF, WebP, AVIF. */
export function sniffImageType(bytes: Uint8Array): StoredImageType | null {
  const at = (offset: number, ...expected: number[]) => expected.every((b, i) => bytes[offset + i] === b);
  const ascii = (offset: number, text: string) => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(4, 'ftypavif') || ascii(4, 'ftypavis')) return 'image/avif';
  return null;
}

/** Standard base64 of the bytes (no `Buffer` in a service worker). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

class Skip extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason);
  }
}

/** Reads the body, stopping (and failing) once it passes `max` bytes. */
async function readCapped(response: Response, max: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => {});
    throw new Skip('too-large');
  }
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    if (whole.length > max) throw new Skip('too-large');
    return whole;
  }
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > max) {
      await reader.cancel().catch(() => {});
      throw new Skip('too-large');
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** The declared type without parameters, lower case (`image/jpeg; charset=…` → `image/jpeg`). */
function declaredType(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

async function fetchOne(url: string, fetcher: Fetch, limits: ImageLimits): Promise<StoredImage> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  try {
    const response = await fetcher(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'follow',
      signal: controller.signal,
    });
    // A redirect to http: (the CSP refuses it anyway) or elsewhere than the web.
    if (response.url && !response.url.startsWith('https:')) throw new Skip('not-https');
    if (!response.ok) throw new Skip('http-error');
    const declared = declaredType(response);
    const jpegAlias = declared === 'image/jpg' || declared === 'image/pjpeg' ? 'image/jpeg' : declared;
    if (!(STORED_IMAGE_TYPES as readonly string[]).includes(jpegAlias)) {
      await response.body?.cancel().catch(() => {});
      throw new Skip('not-an-image');
    }
    const bytes = await readCapped(response, limits.maxBytes);
    const sniffed = sniffImageType(bytes);
    if (!sniffed) throw new Skip('not-an-image');
    if (sniffed !== jpegAlias) throw new Skip('type-mismatch');
    return { type: sniffed, data: toBase64(bytes), bytes: bytes.length };
  } catch (error) {
    if (error instanceof Skip) throw error;
    throw new Skip(timedOut ? 'timeout' : 'failed');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Fetches the images of a copy's HTML within `limits` and returns those kept, by address, with why each other
 * address was not kept. Never throws: a copy without its images is still a copy.
 */
export async function collectImages(
  html: string,
  base: string,
  fetcher: Fetch,
  limits: ImageLimits = IMAGE_LIMITS,
  clock: () => number = Date.now,
): Promise<ImageCollection> {
  const skipped: ImageCollection['skipped'] = [];
  const wanted: string[] = [];
  for (const url of imageAddresses(html, base)) {
    if (!url.startsWith('https:')) skipped.push({ url, reason: 'not-https' });
    else if (wanted.length >= limits.maxImages) skipped.push({ url, reason: 'too-many' });
    else wanted.push(url);
  }
  const results: (StoredImage | SkipReason)[] = new Array(wanted.length);
  const deadline = clock() + limits.budgetMs;
  let next = 0;
  let fetched = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const index = next++;
      const url = wanted[index] as string;
      if (clock() >= deadline) results[index] = 'out-of-time';
      else if (fetched >= limits.maxTotal) results[index] = 'over-total';
      else {
        try {
          const image = await fetchOne(url, fetcher, limits);
          fetched += image.bytes;
          results[index] = image;
        } catch (error) {
          results[index] = error instanceof Skip ? error.reason : 'failed';
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limits.concurrency) }, worker));
  // Kept in document order until the copy's total is reached; a later, smaller image may still fit.
  const images: StoredImages = {};
  let total = 0;
  wanted.forEach((url, i) => {
    const result = results[i];
    if (typeof result === 'string') skipped.push({ url, reason: result });
    else if (result && total + result.bytes > limits.maxTotal) skipped.push({ url, reason: 'over-total' });
    else if (result) {
      total += result.bytes;
      images[url] = result;
    }
  });
  return { images, skipped };
}

/** A stored image as the address the reader may show (`img-src data:` in the extension pages' CSP). */
export const imageDataUrl = (image: StoredImage): string => `data:${image.type};base64,${image.data}`;
