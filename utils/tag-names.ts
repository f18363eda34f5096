import { foldText } from './search/fold';

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

/** The identity of a tag: case and accents folded, so "Nông nghiệp", "nông nghiệp" and "nong nghiep" are one. */
export function tagKey(name: string): string {
  return foldText(name);
}

/**
 * Maps tags to their known spelling (`known`: key → name), registering new ones, and drops duplicates.
 * Used on every write so that one tag keeps one spelling across the library.
 */
export function canonicalTags(tags: readonly string[], known: Map<string, string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = tagKey(tag);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    let name = known.get(key);
    if (name === undefined) {
      name = tag.normalize('NFC');
      known.set(key, name);
    }
    out.push(name);
  }
  return out;
}
