/**
 * The Chromium tests' page steps, used with puppeteer's Firefox pages. The shared helpers call only
 * `page.evaluate(fn, arg)` and `page.mouse.move/down/up`, which puppeteer's `Page` has with the same signatures
 * as playwright's, so they are reused rather than copied.
 */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { dragSelect as sharedDragSelect } from '../../scripts/browser-harness.mjs';
import { type DrawnHighlight, drawnHighlights as sharedDrawnHighlights } from '../e2e/page-helpers';

const shared = (page: Page) => page as unknown as PlaywrightPage;

/** Selects the text of `selector` (or `phrase` inside it) by dragging the mouse across it. */
export function dragSelect(page: Page, selector: string, phrase?: string): Promise<void> {
  return sharedDragSelect(shared(page), selector, phrase);
}

/** The highlights drawn through the CSS Custom Highlight API (`clipmark-<colour>` entries of `CSS.highlights`). */
export function drawnHighlights(page: Page): Promise<DrawnHighlight[]> {
  return sharedDrawnHighlights(shared(page));
}

/** Waits until `count` highlights are drawn on the page. */
export async function waitForHighlights(page: Page, count: number): Promise<DrawnHighlight[]> {
  await expect.poll(async () => (await drawnHighlights(page)).length, { timeout: 15_000 }).toBe(count);
  return drawnHighlights(page);
}
