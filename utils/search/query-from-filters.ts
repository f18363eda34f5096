/**
 * The library page's filters as search syntax (see utils/search/query.ts), so the page has one query path:
 * what the user typed plus `tag:`, `color:`, `site:`, `after:` and `before:` from the controls.
 */
import type { HighlightColor } from '../colors';

export interface LibraryFilters {
  text: string;
  tags: string[];
  color: HighlightColor | null;
  site: string;
  /** yyyy-mm-dd, both inclusive. */
  after: string;
  before: string;
}

export const EMPTY_FILTERS: LibraryFilters = {
  text: '',
  tags: [],
  color: null,
  site: '',
  after: '',
  before: '',
};

const quote = (value: string) => (/[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value);

export function filtersToQuery(f: LibraryFilters): string {
  const parts = [f.text.trim()];
  for (const tag of f.tags) parts.push(`tag:${quote(tag)}`);
  if (f.color) parts.push(`color:${f.color}`);
  if (f.site.trim()) parts.push(`site:${quote(f.site.trim())}`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.after)) parts.push(`after:${f.after}`);
  // `until:` includes its day, as a date picker labelled "Until" promises (`before:` would exclude it).
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.before)) parts.push(`until:${f.before}`);
  return parts.filter(Boolean).join(' ');
}
