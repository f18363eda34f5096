/**
 * Clippings in Firefox, as in tests/e2e/clipping.e2e.ts and tests/e2e/reader.e2e.ts for Chromium (the flows are
 * shared, tests/e2e/user-flows.ts): save a copy from the popup; the popup's "edited since saved" view lists
 * exactly the highlights an edit touched; with the article gone (404) the reader page shows the saved copy and
 * its highlights, and a highlight made there is found again on the live page. One Firefox for all three.
 */
import { describe, it } from 'vitest';
import { articleCopies } from '../e2e/sample-article';
import {
  listsTheHighlightsAnEditTouched,
  readsTheSavedCopyOffline,
  savesACopyFromThePopup,
} from '../e2e/user-flows';
import { executablePath, firefoxSession } from './firefox';
import { firefoxDriver } from './page-helpers';

describe.skipIf(!executablePath)('clippings and the reader page (Firefox)', () => {
  const session = firefoxSession();
  const driver = firefoxDriver(() => session.firefox);
  /** Each popup test gets its own article URL; the reader test uses the article's own. */
  const serve = articleCopies(() => session.server).serve;

  it('saves a copy of an article from the popup', () => savesACopyFromThePopup(driver, serve));

  it('lists exactly the highlights an edit touched, saved and current text side by side', () =>
    listsTheHighlightsAnEditTouched(driver, serve));

  it('shows the saved copy offline with its highlights, and a highlight made there appears on the live page', () =>
    readsTheSavedCopyOffline(driver, session.server));
});
