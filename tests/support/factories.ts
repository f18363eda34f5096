/** Small factories for test data: `fakeX(overrides)`. */

import type { AnswerLogOptions } from '@/entrypoints/background/answer-log';
import type { PageBadge } from '@/entrypoints/background/badge';
import { ClipmarkDB } from '@/entrypoints/background/database';
import type { TransferOptions } from '@/entrypoints/background/export/handlers';
import { libraryHandlers } from '@/entrypoints/background/handlers';
import type { ImageFetch } from '@/entrypoints/background/library/articles';
import { createSearchService } from '@/entrypoints/background/search-service';
import type { TabAccess } from '@/entrypoints/background/tab-access';
import type { HighlightRecord, MessageMap, MessageType, ResponseOf } from '@/utils/messaging/background-map';
import { createBackgroundRouter } from '@/utils/messaging/background-router';
import { needsRequestId, randomUuid } from '@/utils/messaging/retry-safety';
import type { MessageSenderLike } from '@/utils/messaging/router';
import type { ExtractedArticle } from '@/utils/schema';

export const ARTICLE_URL = 'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234/';

export function fakeDraft(
  overrides: Partial<MessageMap['highlight.create']['request']> = {},
): MessageMap['highlight.create']['request'] {
  return {
    url: ARTICLE_URL,
    pageTitle: 'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động',
    quote: { type: 'TextQuoteSelector', exact: 'lò sấy lúa', prefix: 'đưa ', suffix: ' mới' },
    position: { type: 'TextPositionSelector', start: 100, end: 110 },
    color: 'yellow',
    tags: ['nông nghiệp'],
    ...overrides,
  };
}

/** What the extractor returns for an article page (utils/schema.ts `ExtractedArticle`), minimal. */
export function fakeExtraction(
  url = ARTICLE_URL,
  overrides: Partial<ExtractedArticle> = {},
): ExtractedArticle {
  return {
    url,
    canonicalUrl: null,
    title: 'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động',
    byline: 'Thanh Bình',
    siteName: 'Báo Nam Định',
    lang: 'vi',
    publishedAt: '2026-11-09T07:45:00+07:00',
    modifiedAt: null,
    lead: null,
    excerpt: null,
    mainImage: null,
    wordCount: 4,
    html: '<p>Hợp tác xã đưa lò sấy lúa mới vào hoạt động.</p>',
    text: 'Hợp tác xã đưa lò sấy lúa mới vào hoạt động.',
    adapter: 'baonamdinh',
    ...overrides,
  };
}

/** A highlight as the background returns it, quoting `exact` at the start of the page. */
export function fakeRecord(id: string, exact = '', extra: Partial<HighlightRecord> = {}): HighlightRecord {
  return {
    id,
    url: ARTICLE_URL,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: exact.length },
    color: 'yellow',
    tags: [],
    note: '',
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  };
}

export const SELF = { id: 'clipmark-id', origin: 'chrome-extension://clipmark-id/' };

export const contentSender = (url = ARTICLE_URL, tabId = 7): MessageSenderLike => ({
  id: SELF.id,
  url,
  tab: { id: tabId, url },
  frameId: 0,
});

export const popupSender: MessageSenderLike = { id: SELF.id, url: `${SELF.origin}popup.html` };

export const envelope = (type: string, payload: unknown) => ({ clipmark: 1, type, payload });

/**
 * A fresh library over fake-indexeddb with a deterministic clock and ids, routed as the background does.
 * Call `close()` in afterEach.
 */
export function createTestLibrary({
  tabs,
  transfer,
  name = `test-${Math.random()}`,
  clock: start = 1_700_000_000_000,
  tick = 1,
  answers,
  now: realNow,
  badge,
  fetchImage,
}: {
  tabs?: TabAccess;
  transfer?: TransferOptions;
  /** An existing database's name: a library as the background would start on it after a restart. */
  name?: string;
  /**
   * Where the clock starts (it moves on 1 ms per read). Imports refuse records dated more than a day after
   * it: a library that imports the export fixtures (`T0`, November 2026) starts at `T0`.
   */
  clock?: number;
  /** How far the clock moves on each read (0: every write at the same millisecond). */
  tick?: number;
  /** The answer log's limits and clock (`entrypoints/background/answer-log.ts`). */
  answers?: AnswerLogOptions;
  /** A clock of its own instead of the ticking one (sync tests: two devices on one real clock). */
  now?: () => number;
  /** The toolbar icon's highlight count per tab (`entrypoints/background/badge.ts`). */
  badge?: PageBadge;
  /** Fetches a saved copy's images (a fake; absent: copies are saved without images). */
  fetchImage?: ImageFetch;
} = {}) {
  const db = new ClipmarkDB(name);
  const search = createSearchService(db);
  let clock = start;
  let ids = 0;
  const route = createBackgroundRouter(
    libraryHandlers({
      db,
      now:
        realNow ??
        (() => {
          const time = clock;
          clock += tick;
          return time;
        }),
      newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
      search,
      tabs,
      transfer,
      answers,
      badge,
      fetchImage,
    }),
    SELF,
  );
  /**
   * Sends a message and returns its value, throwing on an error result. Writes carry a fresh request id, as
   * `sendMessage` gives them, so they go through the answer log.
   */
  async function call<K extends MessageType>(
    type: K,
    payload: unknown,
    sender: MessageSenderLike = popupSender,
  ): Promise<ResponseOf<K>> {
    const message = needsRequestId(type)
      ? { ...envelope(type, payload), requestId: randomUuid() }
      : envelope(type, payload);
    const result = await route(message, sender);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as ResponseOf<K>;
  }
  return {
    db,
    route,
    call,
    search,
    close: async () => {
      await search.flush();
      await db.delete();
    },
  };
}
