/** Limits on tags, shared by the toolbar (to guide the user) and the schema (to enforce). */
export const MAX_TAG_LENGTH = 64;
export const MAX_TAGS = 32;

/**
 * Turns what the user typed ("kinh tế, nông nghiệp  ,lúa") into clean tags: split on commas, trimmed,
 * inner whitespace collapsed, NFC so the same tag typed from NFD text is one tag, duplicates (ignoring
 * case) removed, first spelling kept.
 */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of input.split(',')) {
    const tag = raw.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, MAX_TAG_LENGTH);
    const key = tag.toLocaleLowerCase('vi');
    if (tag && !seen.has(key)) {
      seen.add(key);
      tags.push(tag);
    }
  }
  return tags.slice(0, MAX_TAGS);
}
