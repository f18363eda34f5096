/** What the reader page shows around the clipping: the paper's name, the saving date. */
import { formatDateTime } from '../dates';

/** The paper's name: the site's own, else the article's host without "www.". */
export function paperName(siteName: string | null | undefined, url: string): string {
  if (siteName?.trim()) return siteName.trim();
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** When a clipping was saved, in the reader's language and time zone: "12 Nov 2026, 14:05", "14:05, 12/11/2026". */
export function formatSavedDate(time: number, lang: string, timeZone?: string): string {
  return formatDateTime(time, lang, timeZone);
}
