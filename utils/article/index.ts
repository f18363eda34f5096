/**
 * Article detection and extraction. Pure functions over a document passed in; nothing here reads the
 * global `document` or `window`.
 */
export { parseBylineLine } from './byline';
export { parseIsoDate, parseVietnameseDate } from './dates';
export { ARTICLE_THRESHOLD, describeDetection, detectArticle, REASON_TEXT } from './detect';
export { extractArticle } from './extract';
export { readMetadata } from './metadata';
export { ADAPTERS, adapterFor } from './sites';
export type { Article, Detection, DetectionReason, ReasonId, SiteAdapter } from './types';
