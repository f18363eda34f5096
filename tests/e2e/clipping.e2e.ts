/**
 * Clippings from the popup, as a user meets them in Chromium: save a copy of an article from the popup; after
 * highlighting (which saves a copy by itself) the site edits the article — the popup says so and lists
 * exactly the highlights the edit touched, the saved and the current text side by side. The flows are shared
 * with Firefox (./user-flows.ts).
 */
import { describe, it } from 'vitest';
import { chromiumSession, executablePath } from './chromium';
import { chromiumDriver } from './page-helpers';
import { articleCopies } from './sample-article';
import { listsTheHighlightsAnEditTouched, savesACopyFromThePopup } from './user-flows';

describe.skipIf(!executablePath)('clippings in the popup (Chromium)', () => {
  const session = chromiumSession();
  const driver = chromiumDriver(() => session.browser);
  /** Each test gets its own article URL. */
  const serve = articleCopies(() => session.server).serve;

  it('saves a copy of an article from the popup', () => savesACopyFromThePopup(driver, serve));

  it('lists exactly the highlights an edit touched, saved and current text side by side', () =>
    listsTheHighlightsAnEditTouched(driver, serve));
});
