/**
 * The reader page's address: the path that opens an article in it, and the article read back from it. In its own
 * module so the popup and library link to the reader without loading the sanitiser.
 */

/** The reader page's path for the article at `url` (pass it to `browser.runtime.getURL`). */
export function readerPath(url: string): `/reader.html?${string}` {
  return `/reader.html?url=${encodeURIComponent(url)}`;
}

/** The article address in a reader page's query string (`?url=…`), or null when there is none. */
export function articleUrlFrom(search: string): string | null {
  const url = new URLSearchParams(search).get('url')?.trim();
  return url && /^https?:\/\//i.test(url) ? url : null;
}
