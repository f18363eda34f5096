/**
 * The synthetic article key of a book (`BOOK_KEY` in utils/url.ts, which says why no page can reach it). Kept
 * apart from url.ts so the content script, which imports url.ts, does not carry the hash.
 */
import { Sha256 } from './digest';

/** The key of a book by its title and author: NFC, spaces collapsed and case folded, so spellings agree. */
export function bookKey(title: string, author: string): string {
  const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return `book:${new Sha256()
    .update(`${fold(title)}\u0000${fold(author)}`)
    .hex()
    .slice(0, 32)}`;
}
