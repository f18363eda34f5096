/** Where the toolbar goes next to a selection, on web pages and in the reader alike. */
import { describe, expect, it } from 'vitest';
import { placeNear, placeToolbar, TOOLBAR_SIZE, viewportOf } from '@/utils/placement';

const view = { width: 1200, height: 800 };
const rect = (left: number, top: number, bottom: number) => ({ left, top, bottom });

describe('placeToolbar', () => {
  it('goes below the selection, at its left edge', () => {
    expect(placeToolbar(rect(300, 200, 220), view)).toEqual({ x: 300, y: 228 });
  });

  it('goes above the selection when there is no room below', () => {
    // 8 below + 40 high + 8 to the edge: a selection ending at 744 still has room, at 745 it has not.
    expect(placeToolbar(rect(300, 700, 743), view).y).toBe(751);
    expect(placeToolbar(rect(300, 700, 744), view).y).toBe(652);
    // …and stays in the window when the selection fills it.
    expect(placeToolbar(rect(300, 20, 790), view).y).toBe(8);
  });

  it('keeps the whole toolbar in the window, however wide it grows', () => {
    const { x } = placeToolbar(rect(1100, 200, 220), view);
    expect(x).toBe(view.width - TOOLBAR_SIZE.width - 8);
    expect(x + TOOLBAR_SIZE.width).toBeLessThanOrEqual(view.width - 8);
    expect(placeToolbar(rect(-40, 200, 220), view).x).toBe(8);
  });
});

describe('placeNear', () => {
  it('places a box of any size the same way', () => {
    const size = { width: 340, height: 300 };
    expect(placeNear(rect(50, 100, 120), size, view)).toEqual({ x: 50, y: 128 });
    expect(placeNear(rect(1000, 500, 520), size, view)).toEqual({ x: 852, y: 192 });
  });
});

describe('viewportOf', () => {
  it('is the window without its scroll bars: the document element’s client size', () => {
    const doc = { documentElement: { clientWidth: 1185, clientHeight: 640 } } as Document;
    expect(viewportOf(doc)).toEqual({ width: 1185, height: 640 });
  });
});
