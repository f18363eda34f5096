/**
 * When a page may use the records kept under another address — the canonical one it names. The page's word is
 * a hint; the evidence is checked by the background, from what the background reads itself:
 *
 * 1. **Same origin.** The address is on the page's own origin: scheme, host and port (`www.` aside, as keys
 *    fold it). `http:`, another port, `m.` or `amp.` are other origins, whatever their text.
 * 2. **The page's own text has what is kept there.** The background injects `page-text.js` into the tab's top
 *    frame (isolated world) and reads the page's text as anchoring does; the read must come from the page the
 *    sender speaks for (the tab may have moved on). Then *every* live highlight's quote under that address
 *    occurs in it, exactly (NFC, spacing aside), and, when a copy of the article is saved there, most of that
 *    copy's text does too (`SHARED_WORDS` of its five-word runs). A page that does not hold the article's text
 *    — including the passages this user highlighted, which it cannot know — is refused.
 * 3. **Nothing kept there yet** (no highlight, no saved copy, no article record): there is nothing to read or
 *    overwrite, so a page of that origin may start the records (a print page highlighted before its article).
 *    An article record with neither highlights nor a saved copy cannot be matched, and is refused.
 *
 * Refused means the page uses its own address's records, not an error. Limits: a page of the same origin that
 * copies the whole article (its script can fetch it) passes, and the origin itself is the browser's boundary —
 * a script there can also move its page to the article's address (`history.pushState`) or open the article and
 * read what is drawn. What such a page gets is what drawing needs (ids, selectors, colours): notes and tags never
 * reach a content script (entrypoints/background/handlers.ts).
 */
import { z } from 'zod';
import { normalizeText } from '@/utils/anchoring';
import { normalizeQuote } from '@/utils/anchoring/anchor';
import { normalizeUrl, originOf } from '@/utils/url';
import type { ClipmarkDB } from '../database';
import type { TabAccess } from '../tab-access';

/** The share of a saved copy's five-word runs the page must hold. Sites edit articles; another text shares few. */
export const SHARED_WORDS = 0.8;
/** Words per run compared between the saved copy and the page. */
const RUN = 5;
/** Runs of the saved copy compared, spread over its text (enough to tell, bounded for long articles). */
const SAMPLES = 400;

/** What `page-text.js` returns. */
const PageTextSchema = z.object({ url: z.string().max(4096), text: z.string() });

export interface PageEvidence {
  /**
   * Whether the page at `pageUrl`, in the top frame of tab `tabId`, may use the records kept under `key` (see
   * the top of this file). True at once when `key` is the page's own.
   */
  allows(tabId: number, pageUrl: string, key: string): Promise<boolean>;
}

export function createPageEvidence(db: ClipmarkDB, tabs: TabAccess | undefined): PageEvidence {
  /** The page's normalised text, read in the tab, or null when it cannot be read or is another page now. */
  async function readText(tabId: number, own: string): Promise<string | null> {
    if (!tabs) return null;
    let raw: unknown;
    try {
      raw = await tabs.readPage(tabId);
    } catch {
      return null; // closed, or a page extensions may not script
    }
    const read = PageTextSchema.safeParse(raw);
    if (!read.success || normalizeUrl(read.data.url) !== own) return null;
    return normalizeText(read.data.text);
  }

  return {
    async allows(tabId, pageUrl, key) {
      const own = normalizeUrl(pageUrl);
      if (!own) return false;
      if (own === key) return true;
      if (originOf(own) !== originOf(key)) return false;
      const [highlights, clipping, article] = await Promise.all([
        db.highlights.where('url').equals(key).toArray(),
        db.clippings.get(key),
        db.articles.get(key),
      ]);
      if (highlights.length === 0 && !clipping) return !article;
      const quotes = highlights.map((h) => normalizeQuote(h.quote).exact);
      // Something to match: a quote of at least one character (after spacing), or a saved copy.
      if (!clipping && !quotes.some(Boolean)) return false;
      const text = await readText(tabId, own);
      if (text === null) return false;
      if (!quotes.every((quote) => text.includes(quote))) return false;
      return !clipping || sharedWords(clipping.article.text, text) >= SHARED_WORDS;
    },
  };
}

/** Words compared: letters and digits, lower case, NFC; punctuation and spacing between them do not count. */
function words(text: string): string[] {
  return normalizeText(text)
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
}

/** The share of `copy`'s five-word runs (up to `SAMPLES`, spread over it) that occur in `page`. */
export function sharedWords(copy: string, page: string): number {
  const ours = words(copy);
  const theirs = words(page);
  if (ours.length < RUN) return ` ${theirs.join(' ')} `.includes(` ${ours.join(' ')} `) ? 1 : 0;
  const runs = new Set<string>();
  for (let i = 0; i + RUN <= theirs.length; i++) runs.add(theirs.slice(i, i + RUN).join(' '));
  const count = ours.length - RUN + 1;
  const step = Math.max(1, count / SAMPLES);
  let found = 0;
  let tried = 0;
  for (let at = 0; at < count; at += step) {
    const i = Math.floor(at);
    tried++;
    if (runs.has(ours.slice(i, i + RUN).join(' '))) found++;
  }
  return found / tried;
}
