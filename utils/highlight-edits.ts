/**
 * What an editor changes on a highlight — its colour, tags and note — and when two states agree on them. Shared
 * by the editor, which merges a draft with a version saved elsewhere, and the background, which accepts a stale
 * save that changes nothing.
 */
import type { HighlightColor } from './colors';

/** The fields an editor changes. */
export const EDIT_FIELDS = ['color', 'tags', 'note'] as const;

export interface EditedFields {
  color: HighlightColor;
  tags: string[];
  note: string;
}

/** Whether two values of one edited field agree (tags in order). */
export function sameField(a: EditedFields[keyof EditedFields], b: EditedFields[keyof EditedFields]): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.join('\u0000') === b.join('\u0000') : a === b;
}

/** Whether two states of a highlight agree on everything an editor changes. */
export function sameEdit(a: EditedFields, b: EditedFields): boolean {
  return EDIT_FIELDS.every((field) => sameField(a[field], b[field]));
}
