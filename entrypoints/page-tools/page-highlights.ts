/**
 * This page's highlights in the content script: loads them from the background, anchors and draws them, and
 * creates new ones. Holds no storage of its own — the background is the source of truth.
 */

import type { FirstLoad } from '@/entrypoints/content/handoff';
import {
  anchorAll,
  describe,
  type PageMatch,
  rangeFromOffsets,
  rawPositionOf,
  readPageText,
} from '@/utils/anchoring';
import { type CanonicalChoice, canonicalOf, chooseCanonical } from '@/utils/canonical';
import { DEFAULT_COLOR, type HighlightColor } from '@/utils/colors';
import type { Highlighter } from '@/utils/highlighter';
import type {
  ContentMessageType,
  ContentRequestOf,
  ContentResponseOf,
  DrawnHighlightRecord,
} from '@/utils/messaging/background-map';
import { randomUuid } from '@/utils/messaging/retry-safety';
import type { PageStatus } from '@/utils/messaging/tab-map';
import type { RawTextPosition, TextQuoteSelector } from '@/utils/selectors';
import { articleKey } from '@/utils/url';

/** Raw positions sent in one `highlight.setRawPositions` (the background takes up to 5,000). */
const RAW_POSITIONS_PER_MESSAGE = 1000;

/** Sends to the background; its answers hold what drawing needs of each highlight, never notes or tags. */
export type Send = <K extends ContentMessageType>(
  type: K,
  payload: ContentRequestOf<K>,
) => Promise<ContentResponseOf<K>>;

export class PageHighlights {
  /** Highlights drawn on the page, by id. */
  readonly anchored = new Map<string, DrawnHighlightRecord>();
  /** Highlights of this page whose text was not found (kept, never deleted). */
  readonly orphans = new Map<string, DrawnHighlightRecord>();
  /** Highlights found only approximately (the site edited the text): id → the text there now. */
  readonly changed = new Map<string, string>();
  /**
   * Highlights drawn the moment the user asked, whose write the background has not acknowledged yet: never
   * listed as saved (`status`), never opened in the editor (`hitTest`), taken off the page if the write fails.
   */
  private readonly pending = new Set<string>();
  private generation = 0;
  /** The address this page's highlights belong to. */
  private url = '';
  /** The canonical address the page names, unless stale after in-page navigation (`chooseCanonical`). */
  private canonicalChoice: CanonicalChoice | null = null;
  private get canonical(): string | undefined {
    return this.canonicalChoice?.used;
  }
  /** Called whenever the set of this page's highlights changed (loaded, created, cleared). */
  onChange: () => void = () => {};

  /**
   * @param afterPaint runs a function once the browser has painted what was drawn (the content script: an
   *   animation frame, then a task, bound to WXT's `ctx`), so that the work a new highlight needs comes after
   *   the user saw it.
   */
  constructor(
    private readonly doc: Document,
    private readonly highlighter: Highlighter,
    private readonly send: Send,
    private readonly afterPaint: (run: () => void) => void = (run) => setTimeout(run, 0),
  ) {}

  /** The article's root for anchoring; the whole body for now (issue #3 narrows it to the article). */
  get root(): HTMLElement {
    return this.doc.body;
  }

  /**
   * Takes over from the content script's core (entrypoints/content/core.ts): the canonical address it chose last,
   * and the highlights it already loaded for this address, if it did — drawn without asking again.
   */
  start(previous: CanonicalChoice | null, known: FirstLoad | null): Promise<void> {
    this.canonicalChoice = previous;
    return this.load(known);
  }

  /** Loads and draws the highlights of the page's address (`known`: already loaded for it). */
  async load(known: FirstLoad | null = null): Promise<void> {
    const generation = ++this.generation;
    const url = this.doc.location?.href ?? '';
    this.url = url;
    if (known?.url === url) {
      this.canonicalChoice = known.canonicalChoice;
      this.placeAll(known.list);
      this.onChange();
      return;
    }
    this.canonicalChoice = chooseCanonical(this.canonicalChoice, url, canonicalOf(this.doc));
    if (!/^https?:/.test(url)) return;
    const list = await this.send('highlight.listForPage', { url, canonical: this.canonical });
    if (generation !== this.generation) return; // the URL changed while we waited
    this.placeAll(list);
    this.onChange();
  }

  /** True while some of this page's highlights are not drawn (their text may still arrive). */
  get hasPending(): boolean {
    return this.orphans.size > 0;
  }

  /**
   * After the page changed: highlights whose drawn text the site removed go back to pending, and every pending
   * one is tried again on the page as it is now. Called by the late-content watcher, debounced.
   */
  retryPending(): void {
    for (const [id, record] of this.anchored) {
      const range = this.highlighter.rangeOf(id);
      if (range && !range.collapsed && range.startContainer.isConnected && range.endContainer.isConnected)
        continue;
      this.highlighter.remove(id);
      this.anchored.delete(id);
      this.changed.delete(id);
      this.orphans.set(id, record);
    }
    if (this.orphans.size === 0) return;
    const pending = [...this.orphans.values()];
    this.orphans.clear();
    this.placeAll(pending);
  }

  /**
   * Anchors all at once (`anchorAll`: each checked where it was, the whole page indexed only if one is not there):
   * the Highlight API leaves the DOM as it is. <mark> drawing splits text nodes, so with it the page is read again
   * after each draw.
   */
  private placeAll(records: readonly DrawnHighlightRecord[]): void {
    if (records.length === 0) return;
    if (this.highlighter.mode === 'marks') {
      for (const record of records)
        this.place(record, anchorAll(readPageText(this.root), [record])[0] ?? null);
      return;
    }
    const page = readPageText(this.root);
    const matches = anchorAll(page, records);
    const measured: { id: string; rawPosition: RawTextPosition }[] = [];
    records.forEach((record, i) => {
      const match = matches[i] ?? null;
      this.place(record, match);
      // Found exactly without a raw position (made before they existed, or in the reader): the whole page's
      // index was read for it, so its raw position costs nothing now and saves that index next time.
      if (!record.rawPosition && match?.exactMatch) {
        const rawPosition = rawPositionOf(page, match.start, match.end);
        if (rawPosition) measured.push({ id: record.id, rawPosition });
      }
    });
    for (let at = 0; at < measured.length; at += RAW_POSITIONS_PER_MESSAGE) {
      const positions = measured.slice(at, at + RAW_POSITIONS_PER_MESSAGE);
      this.send('highlight.setRawPositions', { url: this.url, canonical: this.canonical, positions })
        // A hint only: if it is not saved, the next visit measures it again.
        .catch((error) => console.warn('[clipmark] saving raw positions', error));
    }
  }

  /** The colour used last, for highlights made from the context menu or keyboard command. */
  lastColor: HighlightColor = DEFAULT_COLOR;

  /**
   * Draws the selection as a highlight at once, and saves it: `saved` resolves once the background has written
   * it, or rejects once the write failed after the sender's retries — the mark is then gone from the page again.
   * The user sees the mark on the key press, without waiting for a stopped background to start (issue #22), and
   * before the page's text is read for the selectors (`afterPaint`); it counts as this page's highlight only
   * once saved. Throws (nothing drawn) when the selection holds no text.
   */
  /**
   * What "Copy with citation" needs of a selection: its quote with context (for the deep link), the page's address
   * and the article's CSL item with the chosen style (`citation.source`; the background reads the page when the
   * library has no record of it yet). Throws when the selection holds no text.
   */
  async citationSource(range: Range): Promise<{
    quote: TextQuoteSelector;
    source: ContentResponseOf<'citation.source'>;
  }> {
    const selectors = describe(this.root, range, readPageText(this.root).index());
    if (!selectors) throw new Error('empty selection');
    const source = await this.send('citation.source', {
      url: this.doc.location.href,
      canonical: this.canonical,
    });
    return { quote: selectors[0], source };
  }

  create(
    range: Range,
    color: HighlightColor,
    tags: string[],
  ): { id: string; saved: Promise<DrawnHighlightRecord> } {
    if (!range.toString().trim()) throw new Error('empty selection');
    this.lastColor = color;
    // Not crypto.randomUUID: a content script on an http: page is not a secure context, and lacks it.
    const id = randomUuid();
    this.highlighter.draw(id, range, color);
    this.pending.add(id);
    const generation = this.generation;
    // What the page is now, at the key press; the selectors are worked out after the mark is painted.
    const page = {
      url: this.doc.location.href,
      canonical: this.canonical,
      // The schema takes 1,000 characters; a page with a longer title must not make every highlight fail.
      pageTitle: this.doc.title.slice(0, 1000),
    };
    const request = new Promise<void>((resolve) => this.afterPaint(resolve)).then(
      (): ContentRequestOf<'highlight.create'> => {
        const text = readPageText(this.root);
        const selectors = describe(this.root, range, text.index());
        if (!selectors) throw new Error('empty selection');
        const [quote, position] = selectors;
        const rawPosition = rawPositionOf(text, position.start, position.end);
        return { id, ...page, quote, position, ...(rawPosition && { rawPosition }), color, tags };
      },
    );
    const saved = request
      .then((payload) => this.send('highlight.create', payload))
      .then(
        (record) => {
          this.pending.delete(id);
          if (generation === this.generation) {
            this.anchored.set(id, record);
            this.onChange();
          } else {
            // Reloaded meanwhile (the popup synced the page, or the site moved to another address): the mark was
            // cleared, and the list read before the write may lack it. Read this address's highlights again.
            this.load().catch((error) => console.warn('[clipmark] reloading highlights', error));
          }
          return record;
        },
        (error: unknown) => {
          this.pending.delete(id);
          if (!this.anchored.has(id)) this.highlighter.remove(id);
          throw error;
        },
      );
    return { id, saved };
  }

  /**
   * The canonical address the page names, when the background keeps this page's highlights under it: it does
   * only with evidence that the page is that article (entrypoints/background/library/evidence.ts), and the
   * popup lists what this page lists.
   */
  private get canonicalInUse(): string | undefined {
    const key = this.canonical && articleKey(this.url, this.canonical);
    if (!key) return undefined;
    for (const records of [this.anchored, this.orphans])
      for (const record of records.values()) if (record.url === key) return this.canonical;
    return undefined;
  }

  /** What the popup needs to know about this page. */
  status(): PageStatus {
    return {
      url: this.url,
      canonical: this.canonicalInUse,
      anchored: [...this.anchored.keys()],
      orphans: [...this.orphans.keys()],
      changed: [...this.changed].map(([id, current]) => ({ id, current })),
    };
  }

  /** Reloads from the library: the popup or library page changed something. */
  async sync(): Promise<PageStatus> {
    this.clear();
    await this.load();
    return this.status();
  }

  /**
   * Shows a change the editor is saving before it is stored: the highlight in its new colour, or gone. Only the
   * drawing changes; `sync()` after the editor closes draws what was stored. False when it is not drawn here.
   */
  preview(id: string, change: { color?: HighlightColor; hidden?: boolean }): boolean {
    const range = this.highlighter.rangeOf(id);
    if (!range || !this.anchored.has(id)) return false;
    if (change.hidden) this.highlighter.remove(id);
    else if (change.color) this.highlighter.draw(id, range, change.color);
    return true;
  }

  /** Where highlight `id` is on screen, if drawn. */
  rectOf(id: string): DOMRect | undefined {
    return this.highlighter.rangeOf(id)?.getBoundingClientRect();
  }

  /** The highlight under a viewport point, if any (latest drawn on top). */
  hitTest(x: number, y: number): string | null {
    if (this.anchored.size === 0) return null;
    const id = this.highlighter.hitTest(x, y);
    return id && !this.pending.has(id) ? id : null;
  }

  /** Scrolls highlight `id` into the middle of the view; false when it is not on the page. */
  scrollTo(id: string, behavior: ScrollBehavior = 'smooth'): boolean {
    const range = this.highlighter.rangeOf(id);
    if (!range) return false;
    const node = range.startContainer;
    const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    element?.scrollIntoView({ block: 'center', behavior });
    return true;
  }

  clear(): void {
    this.generation++;
    this.highlighter.clear();
    this.anchored.clear();
    this.orphans.clear();
    this.changed.clear();
    this.onChange();
  }

  /** Draws one highlight where it was anchored, or keeps it as an orphan when its text was not found. */
  private place(record: DrawnHighlightRecord, match: PageMatch | null): void {
    const range = match && rangeFromOffsets(match.index, match.start, match.end);
    if (!match || !range) {
      this.orphans.set(record.id, record);
      return;
    }
    this.anchored.set(record.id, record);
    if (!match.exactMatch) this.changed.set(record.id, match.index.text.slice(match.start, match.end));
    this.highlighter.draw(record.id, range, record.color);
  }
}
