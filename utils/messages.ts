/**
 * The one message map between Clipmark's contexts: content script → background, extension pages → background.
 * Types only — the content script imports this file, and zod stays out of its bundle. The schemas that validate
 * every request where it is received are in `utils/message-schemas.ts`, checked against this map by the compiler.
 */
import type { HighlightColor } from './colors';
import type { TextPositionSelector, TextQuoteSelector } from './selectors';

/** A highlight as the background returns it. */
export interface HighlightRecord {
  id: string;
  url: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  color: HighlightColor;
  tags: string[];
  note: string;
  createdAt: number;
  updatedAt: number;
}

export interface HighlightChanges {
  color?: HighlightColor;
  tags?: string[];
  note?: string;
}

export interface MessageMap {
  /** Save a new highlight on the sender's page; answers once it is written. */
  'highlight.create': {
    request: {
      url: string;
      pageTitle: string;
      quote: TextQuoteSelector;
      position: TextPositionSelector;
      color: HighlightColor;
      tags: string[];
      note?: string;
    };
    response: HighlightRecord;
  };
  /** This page's highlights, in reading order. */
  'highlight.listForPage': { request: { url: string }; response: HighlightRecord[] };
  'highlight.update': { request: { id: string; changes: HighlightChanges }; response: HighlightRecord };
  /** Moves a highlight to the trash; `highlight.restore` undoes it. */
  'highlight.delete': { request: { id: string }; response: { id: string } };
  'highlight.restore': { request: { id: string }; response: HighlightRecord };
  /** Every tag with how many highlights carry it, most used first. Extension pages only. */
  'tag.list': { request: Record<string, never>; response: TagSummary[] };
  /** Renames a tag everywhere; renaming onto an existing tag merges the two. Extension pages only. */
  'tag.rename': { request: { from: string; to: string }; response: { affected: number } };
  'tag.merge': { request: { from: string[]; into: string }; response: { affected: number } };
  'tag.delete': { request: { name: string }; response: { affected: number } };
  'tag.setColor': { request: { name: string; color: HighlightColor | null }; response: TagSummary };
}

export interface TagSummary {
  name: string;
  color: HighlightColor | null;
  count: number;
}

export type MessageType = keyof MessageMap;
export type RequestOf<K extends MessageType> = MessageMap[K]['request'];
export type ResponseOf<K extends MessageType> = MessageMap[K]['response'];

/** What travels over `runtime.sendMessage`. */
export interface Envelope<K extends MessageType = MessageType> {
  clipmark: 1;
  type: K;
  payload: RequestOf<K>;
}

/** Errors are values across contexts, never thrown through the channel. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };
export type ErrorCode = 'forbidden' | 'invalid' | 'not-found' | 'internal';
