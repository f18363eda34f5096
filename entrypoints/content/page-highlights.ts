/**
 * This page's highlights in the content script: loads them from the background, anchors and draws them, and
 * creates new ones. Holds no storage of its own — the background is the source of truth.
 */
import { anchor, describe } from '@/utils/anchoring';
import type { HighlightColor } from '@/utils/colors';
import type { Highlighter } from '@/utils/highlighter';
import type { HighlightRecord, MessageType, RequestOf, ResponseOf } from '@/utils/messages';

export type Send = <K extends MessageType>(type: K, payload: RequestOf<K>) => Promise<ResponseOf<K>>;

export class PageHighlights {
  /** Highlights drawn on the page, by id. */
  readonly anchored = new Map<string, HighlightRecord>();
  /** Highlights of this page whose text was not found (kept, never deleted). */
  readonly orphans = new Map<string, HighlightRecord>();
  private generation = 0;

  constructor(
    private readonly doc: Document,
    private readonly highlighter: Highlighter,
    private readonly send: Send,
  ) {}

  /** The article's root for anchoring; the whole body for now (issue #3 narrows it to the article). */
  get root(): HTMLElement {
    return this.doc.body;
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    const url = this.doc.location?.href ?? '';
    if (!/^https?:/.test(url)) return;
    const list = await this.send('highlight.listForPage', { url });
    if (generation !== this.generation) return; // the URL changed while we waited
    for (const record of list) this.place(record);
  }

  /** Saves the selection as a highlight; resolves once the background has written it. */
  async create(range: Range, color: HighlightColor, tags: string[]): Promise<HighlightRecord> {
    const selectors = describe(this.root, range);
    if (!selectors) throw new Error('empty selection');
    const [quote, position] = selectors;
    const record = await this.send('highlight.create', {
      url: this.doc.location.href,
      pageTitle: this.doc.title,
      quote,
      position,
      color,
      tags,
    });
    this.anchored.set(record.id, record);
    this.highlighter.draw(record.id, range, record.color);
    return record;
  }

  clear(): void {
    this.generation++;
    this.highlighter.clear();
    this.anchored.clear();
    this.orphans.clear();
  }

  private place(record: HighlightRecord): void {
    const range = anchor(this.root, [record.quote, record.position]);
    if (!range) {
      this.orphans.set(record.id, record);
      return;
    }
    this.anchored.set(record.id, record);
    this.highlighter.draw(record.id, range, record.color);
  }
}
