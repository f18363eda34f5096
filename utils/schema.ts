/**
 * zod schemas for everything that crosses a context boundary or enters the database.
 * Imported by the background and extension pages only — never by the content script, which stays small.
 */
import { z } from 'zod';
import { CITATION_STYLES, DEFAULT_CITATION_STYLE } from './citation/styles';
import { DEFAULT_COLOR, HIGHLIGHT_COLORS } from './colors';
import { IMAGE_LIMITS, STORED_IMAGE_TYPES, type StoredImages } from './reader/clipping-images';
import type { RawTextPosition, TextPositionSelector, TextQuoteSelector } from './selectors';
import { MAX_TAG_LENGTH, MAX_TAGS } from './tag-names';
import { BOOK_KEY } from './url';

const MAX_QUOTE = 20_000;
/** The longest note, on a highlight or an article. */
export const MAX_NOTE = 50_000;

export const TextQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(MAX_QUOTE),
  prefix: z.string().max(256),
  suffix: z.string().max(256),
}) satisfies z.ZodType<TextQuoteSelector>;

export const TextPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    astralBefore: z.number().int().nonnegative().optional(),
  })
  .refine((s) => s.end > s.start, {
    message: 'end must be after start',
  })
  .refine((s) => s.astralBefore === undefined || 2 * s.astralBefore <= s.start, {
    message: 'astralBefore counts characters of two UTF-16 units before start: at most start / 2',
  }) satisfies z.ZodType<TextPositionSelector>;

/** Where the highlight was in the page's raw text (`RawTextPosition`): a hint for anchoring, checked on use. */
export const RawTextPositionSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end > s.start, {
    message: 'end must be after start',
  }) satisfies z.ZodType<RawTextPosition>;

/** The largest distance from 1970 a JavaScript `Date` holds, in ms (ECMAScript: ±100,000,000 days). */
export const MAX_TIME = 8.64e15;
const NOT_A_DATE = 'not a date: a time must be within ±8.64e15 ms of 1970, what a JavaScript Date can hold';

/**
 * One of our timestamps (ms since 1970): an integer a `Date` can hold (20 April 271822 BC to 13 September
 * 275760), so formatting it cannot throw. The bounds are the `Date` range itself, not a "plausible" one:
 * every time Clipmark wrote came from `Date.now()` or from `Date.parse()` of an imported ISO date, inside the
 * range, so no record it stored is refused now — `highlight.update` validates the whole stored record again.
 * A lower bound of 0 would have refused, and made impossible to edit, a W3C annotation imported with a date
 * before 1970 (some tools write 0001-01-01 for "unknown"). Only a hand-made backup could hold more, and its
 * times cannot be formatted anyway. Exports write only what ISO 8601 with four-digit years can say
 * (`utils/export/common.ts`); imports also refuse times from the future (`utils/export/import-records.ts`).
 */
export const TimestampSchema = z.number().int().min(-MAX_TIME, NOT_A_DATE).max(MAX_TIME, NOT_A_DATE);

/** A page URL Clipmark may store highlights for: http(s) only. */
export const PageUrlSchema = z.url({ protocol: /^https?$/ }).max(4096);

/** A book's synthetic article key (`bookKey` in utils/url.ts): no web page has it, none can reach it. */
export const BookKeySchema = z.string().regex(BOOK_KEY, 'not a book key (book: and 32 hex digits)');

/**
 * What an article is keyed by in the library: a web page's address, or a book's synthetic key. Only the
 * library's own records and the extension pages' messages take a book key; content scripts' messages take
 * `PageUrlSchema`, so a page can never name one.
 */
export const ArticleKeySchema = z
  .string()
  .max(4096)
  .refine((key) => BookKeySchema.safeParse(key).success || PageUrlSchema.safeParse(key).success, {
    message: 'Invalid URL: an article is keyed by an http(s) address, or a book by its book: key',
  });

export const ColorSchema = z.enum(HIGHLIGHT_COLORS);

export const TagSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_TAG_LENGTH)
  .refine((t) => !t.includes(','), { message: 'a tag cannot contain a comma' });

export const TagsSchema = z.array(TagSchema).max(MAX_TAGS);

/** What a content script sends to create a highlight; ids and times are the background's to assign. */
export const HighlightDraftSchema = z.object({
  /** Chosen by the sender, so a create retried after a lost answer is recognised, not written twice. */
  id: z.uuid().optional(),
  url: PageUrlSchema,
  /** The page's `rel=canonical` address; the key when usable (see `articleKey` in utils/url.ts). */
  canonical: PageUrlSchema.optional(),
  pageTitle: z.string().max(1000),
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema,
  rawPosition: RawTextPositionSchema.optional(),
  color: ColorSchema,
  tags: TagsSchema,
  note: z.string().max(50_000).default(''),
});
export type HighlightDraft = z.input<typeof HighlightDraftSchema>;

/** A stored highlight. `url` is the normalised page URL (see utils/url.ts). */
export const HighlightSchema = z.object({
  id: z.uuid(),
  url: ArticleKeySchema,
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema,
  rawPosition: RawTextPositionSchema.optional(),
  color: ColorSchema,
  tags: TagsSchema,
  note: z.string().max(50_000),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Highlight = z.infer<typeof HighlightSchema>;

const IsoDate = z.iso.datetime({ offset: true });

/** The facts extraction reads about an article, as both the extractor's answer and the stored record hold them. */
const ARTICLE_FACTS = {
  byline: z.string().max(500).nullable(),
  siteName: z.string().max(500).nullable(),
  lang: z.string().max(35).nullable(),
  publishedAt: IsoDate.nullable(),
  modifiedAt: IsoDate.nullable(),
  lead: z.string().max(5000).nullable(),
  excerpt: z.string().max(5000).nullable(),
  mainImage: z.string().max(4096).nullable(),
};

/** What extraction found out about an article (all optional: a page may not say). */
export const ArticleMetaSchema = z
  .object({
    ...ARTICLE_FACTS,
    canonicalUrl: PageUrlSchema.nullable(),
    wordCount: z.number().int().nonnegative().nullable(),
  })
  .partial();
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;

/** A page the user highlighted on, keyed by normalised URL (one record per article, see utils/url.ts). */
export const ArticleSchema = z.object({
  url: ArticleKeySchema,
  /** Host without `www.`/`m.`, for `site:` filters and grouping. */
  site: z.string().max(255),
  title: z.string().max(1000),
  meta: ArticleMetaSchema.default({}),
  /**
   * The address the user last highlighted it at (`visitedAddress`: as visited, without fragment and tracking
   * parameters), for opening: the key may be an address the site does not answer. Not indexed (no new Dexie
   * version); absent on records made before it was kept, in the reader, or by an import — then the key opens.
   */
  visitedUrl: PageUrlSchema.optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /**
   * The user's note on the article as a whole (Hypothesis's "page note"): text, never markup. Kept on the
   * article record (no index needs it, so no schema version): backups, imports and sync carry it with the
   * record. Absent on records from before, and on articles nobody wrote one for.
   */
  note: z.string().max(MAX_NOTE).optional(),
  /** When the note was last saved: its version for editors (`article.setNote {version}`). */
  noteUpdatedAt: TimestampSchema.optional(),
});
export type Article = z.infer<typeof ArticleSchema>;

/**
 * What the extractor injected into a tab returns (`utils/article/extract.ts`'s `Article`). It comes from a
 * page's world, so it is checked like any other input; the HTML was sanitised there and is again where shown.
 */
export const ExtractedArticleSchema = z.object({
  ...ARTICLE_FACTS,
  url: z.string().max(4096),
  canonicalUrl: z.string().max(4096).nullable(),
  title: z.string().max(1000),
  wordCount: z.number().int().nonnegative(),
  html: z.string().max(5_000_000),
  text: z.string().max(2_000_000),
  adapter: z.string().max(100),
});
export type ExtractedArticle = z.infer<typeof ExtractedArticleSchema>;

/** The part of an extraction kept on the article record; a canonical address that is not http(s) is dropped. */
export function metaOfExtraction(article: ExtractedArticle): ArticleMeta {
  const canonical = PageUrlSchema.safeParse(article.canonicalUrl);
  return {
    canonicalUrl: canonical.success ? canonical.data : null,
    byline: article.byline,
    siteName: article.siteName,
    lang: article.lang,
    publishedAt: article.publishedAt,
    modifiedAt: article.modifiedAt,
    lead: article.lead,
    excerpt: article.excerpt,
    mainImage: article.mainImage,
    wordCount: article.wordCount,
  };
}

/**
 * A clipping: the article as it was when saved — metadata, sanitised HTML and plain text — so its text and
 * highlights stay readable after the site edits or deletes it. One per article, keyed like the article.
 */
/** One image kept with a saved copy (`utils/reader/clipping-images.ts`): a raster type, its bytes in base64. */
export const StoredImageSchema = z
  .object({
    type: z.enum(STORED_IMAGE_TYPES),
    data: z
      .string()
      .min(4)
      .max(Math.ceil(IMAGE_LIMITS.maxBytes / 3) * 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
    bytes: z.number().int().positive().max(IMAGE_LIMITS.maxBytes),
  })
  .refine((image) => Math.ceil(image.bytes / 3) * 4 === image.data.length, {
    message: 'bytes does not match the length of data',
  });

/**
 * A copy's images by their https address (as the reader resolves `<img src>` against the article's address):
 * at most 30, 8 MiB in all. Not indexed, so no Dexie version.
 */
export const StoredImagesSchema = z
  .record(z.url({ protocol: /^https$/ }).max(4096), StoredImageSchema)
  .refine((images) => Object.keys(images).length <= IMAGE_LIMITS.maxImages, {
    message: `at most ${IMAGE_LIMITS.maxImages} images per saved copy`,
  })
  .refine(
    (images) => Object.values(images).reduce((sum, image) => sum + image.bytes, 0) <= IMAGE_LIMITS.maxTotal,
    { message: 'the images of a saved copy are over 8 MiB in all' },
  ) satisfies z.ZodType<StoredImages>;

export const ClippingSchema = z.object({
  url: PageUrlSchema,
  savedAt: TimestampSchema,
  article: ExtractedArticleSchema,
  /**
   * The article's images, fetched when the copy was saved (absent: none kept, or saved before images were).
   * Left out of backups and of sync (docs/exports.md, docs/sync.md); the reader shows them as `data:` images.
   */
  images: StoredImagesSchema.optional(),
});
export type Clipping = z.infer<typeof ClippingSchema>;

/** The user's settings, one record each. */
export const SettingsSchema = z.object({
  /** Save a clipping of the article with the first highlight on it. */
  autoClip: z.boolean(),
  /** The style "Copy with citation" writes (utils/citation/styles.ts). */
  citationStyle: z.enum(CITATION_STYLES),
  /** The colour the selection toolbar and Alt+Shift+H start with on each page (the options page sets it). */
  defaultColor: ColorSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = {
  autoClip: true,
  citationStyle: DEFAULT_CITATION_STYLE,
  defaultColor: DEFAULT_COLOR,
};

/** One setting as stored (the database's `settings` table, and a backup's `settings`). */
export interface SettingRow<K extends keyof Settings = keyof Settings> {
  key: K;
  value: Settings[K];
}

/** A tag, unique by its folded name (case and accents ignored: "Nông nghiệp" = "nong nghiep"). */
export const TagRecordSchema = z.object({
  key: z
    .string()
    .min(1)
    .max(MAX_TAG_LENGTH * 2),
  name: TagSchema,
  color: ColorSchema.nullable(),
  createdAt: TimestampSchema,
});
export type TagRecord = z.infer<typeof TagRecordSchema>;

/** A deleted highlight, kept so the deletion can be undone. */
export const TrashEntrySchema = z.object({
  id: z.uuid(),
  deletedAt: TimestampSchema,
  highlight: HighlightSchema,
});
export type TrashEntry = z.infer<typeof TrashEntrySchema>;
