/** The highlight colours a user can pick, in toolbar order. Names are stable storage values. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];
export const DEFAULT_COLOR: HighlightColor = 'yellow';

/** Background colours used to draw each highlight; chosen to keep black text readable. */
export const COLOR_SWATCHES: Record<HighlightColor, string> = {
  yellow: '#fff176',
  green: '#b9f6ca',
  blue: '#b3e5fc',
  pink: '#f8bbd0',
  purple: '#e1bee7',
};
