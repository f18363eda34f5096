/** The reader page's path for the article at `url` (pass it to `browser.runtime.getURL`). */
export function readerPath(url: string): `/reader.html?${string}` {
  return `/reader.html?url=${encodeURIComponent(url)}`;
}
