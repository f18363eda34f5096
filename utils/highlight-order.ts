/**
 * The orders a list of one article's highlights can be shown in: reading order (as the popup and the reader list
 * them), newest or oldest first, or by colour (in the swatches' order, then reading order).
 */
import { HIGHLIGHT_COLORS, type HighlightColor } from './colors';

export const HIGHLIGHT_ORDERS = ['reading', 'newest', 'oldest', 'color'] as const;
export type HighlightOrder = (typeof HIGHLIGHT_ORDERS)[number];

interface Orderable {
  id: string;
  color: HighlightColor;
  position: { start: number };
  createdAt: number;
}

const byId = (a: Orderable, b: Orderable) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const reading = (a: Orderable, b: Orderable) =>
  a.position.start - b.position.start || a.createdAt - b.createdAt || byId(a, b);

const COMPARE: Record<HighlightOrder, (a: Orderable, b: Orderable) => number> = {
  reading,
  newest: (a, b) => b.createdAt - a.createdAt || reading(a, b),
  oldest: (a, b) => a.createdAt - b.createdAt || reading(a, b),
  color: (a, b) => HIGHLIGHT_COLORS.indexOf(a.color) - HIGHLIGHT_COLORS.indexOf(b.color) || reading(a, b),
};

/** A sorted copy of `items` (each carrying a highlight, read by `of`). */
export function sortHighlights<T>(
  items: readonly T[],
  order: HighlightOrder,
  of: (item: T) => Orderable,
): T[] {
  const compare = COMPARE[order];
  return [...items].sort((a, b) => compare(of(a), of(b)));
}

export function isHighlightOrder(value: unknown): value is HighlightOrder {
  return (HIGHLIGHT_ORDERS as readonly unknown[]).includes(value);
}
