/** Where saved highlights land in the rendered clipping, and their reading order there. */
import { anchorInIndex, buildTextIndex, rangeFromOffsets } from '../anchoring';
import type { Highlighter } from '../highlighter';
import type { HighlightRecord } from '../messaging/background-map';

/** A highlight's place in the rendered clipping. */
export interface Placed {
  record: HighlightRecord;
  range: Range;
  /** Offset in the clipping's normalised text: the reading order. */
  start: number;
  /** The text there when the match is only approximate (the quote was edited), else null. */
  changedTo: string | null;
}

/**
 * Anchors each highlight in `root` by its selectors and, given a highlighter, draws it. Position selectors made
 * on the live page count from its whole body, so most land by their quote and context instead. One text index
 * serves all (the Highlight API leaves the DOM alone); the `<mark>` fallback splits text nodes, so with it the
 * index is rebuilt after each draw. Returns the placed ones in reading order, and those the clipping lacks.
 */
export function placeHighlights(
  root: Node,
  records: readonly HighlightRecord[],
  highlighter?: Highlighter,
): { placed: Placed[]; missing: HighlightRecord[] } {
  const placed: Placed[] = [];
  const missing: HighlightRecord[] = [];
  if (records.length === 0) return { placed, missing };
  let index = buildTextIndex(root);
  // The live page's offsets count its whole body, the clipping's only the article: every position is off by
  // about the same amount. Records in reading order let each one's shift guide the search for the next.
  const ordered = [...records].sort((a, b) => a.position.start - b.position.start);
  let shift = 0;
  for (const record of ordered) {
    const match = anchorInIndex(index, [record.quote, record.position], shift);
    if (match) shift = match.start - record.position.start;
    const found = match && rangeFromOffsets(index, match.start, match.end);
    if (!match || !found) {
      missing.push(record);
      continue;
    }
    const changedTo = match.exactMatch ? null : index.text.slice(match.start, match.end);
    let range = found;
    if (highlighter) {
      highlighter.draw(record.id, found, record.color);
      range = highlighter.rangeOf(record.id) ?? found;
      if (highlighter.mode === 'marks') index = buildTextIndex(root);
    }
    placed.push({ record, range, start: match.start, changedTo });
  }
  placed.sort(byReadingOrder);
  return { placed, missing };
}

/** Reading order in the clipping; highlights on the same words, oldest first. */
export function byReadingOrder(a: Placed, b: Placed): number {
  return a.start - b.start || a.record.createdAt - b.record.createdAt;
}
