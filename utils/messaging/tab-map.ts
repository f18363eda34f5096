/**
 * The other direction: Clipmark's extension pages (popup, library) and the background ask the content script of
 * one tab, through `tabs.sendMessage`. Types only; the content script validates each request with `zod/mini`
 * (tab-schemas.ts) in the same router the background uses (router.ts, tab-router.ts).
 */
import type { ReasonId } from '../article/types';
import type { HighlightColor } from '../colors';

export interface TabMessageMap {
  /** What the page shows: its URL, which highlights were found on it, and whether it is an article. */
  'page.status': { request: Record<string, never>; response: PageStatus & { detection: PageDetection } };
  /** Reload this page's highlights from the library (after an edit, delete or undo elsewhere). */
  'page.sync': { request: Record<string, never>; response: PageStatus };
  /** Highlight the page's current selection (context menu, keyboard command). */
  'page.highlightSelection': { request: Record<string, never>; response: { id: string | null } };
  /** Scroll the highlight into view and flash it. */
  'page.scrollTo': { request: { id: string }; response: { found: boolean } };
  /** Scroll to the highlight and open its editor over the page (the popup's Edit). */
  'page.edit': { request: { id: string }; response: { opened: boolean } };
  /** The editor over the page is done: close it and redraw (relayed by the background, see `editor.close`). */
  'page.editorClosed': { request: Record<string, never>; response: { closed: boolean } };
  /**
   * Shows at once what the editor over the page is saving — a new colour, or the highlight gone — before the
   * background has written it (relayed, see `editor.preview`). Not a write: the redraw when the editor closes
   * (`page.sync`) shows what was stored, so a change that was cancelled or failed does not stay on the page.
   */
  'page.preview': { request: PagePreview; response: { shown: boolean } };
}

/** A change the editor shows on the page before it is saved. */
export interface PagePreview {
  id: string;
  color?: HighlightColor;
  hidden?: boolean;
}

export interface PageStatus {
  url: string;
  /**
   * The `rel=canonical` address the page names, when the page's highlights are kept under it (the background
   * allowed it: entrypoints/background/library/evidence.ts); the popup passes it on, as the page does.
   */
  canonical?: string;
  /** Ids of the highlights drawn on the page. */
  anchored: string[];
  /** Ids of the page's highlights whose text was not found; they are kept, never deleted. */
  orphans: string[];
  /** Highlights found only approximately because the text changed, with the text there now. */
  changed: { id: string; current: string }[];
}

/** Whether the page is an article, and why (see `detectArticle`). */
export interface PageDetection {
  isArticle: boolean;
  score: number;
  reasons: DetectionReason[];
}
export interface DetectionReason {
  id: ReasonId;
  points: number;
}

export type TabMessageType = keyof TabMessageMap;
