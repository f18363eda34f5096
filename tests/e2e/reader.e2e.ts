/**
 * The reader page in Chromium: highlight on the live article (the background keeps a clipping), take the page
 * away (404), read the saved copy with its highlight on the right words, highlight there, and find that new
 * highlight on the live article once it is back. The flow is shared with Firefox (./user-flows.ts).
 */
import { describe, it } from 'vitest';
import { chromiumSession, executablePath } from './chromium';
import { chromiumDriver } from './page-helpers';
import { readsTheSavedCopyOffline } from './user-flows';

describe.skipIf(!executablePath)('reader page (Chromium)', () => {
  const session = chromiumSession();

  it('shows the saved copy offline with its highlights, and a highlight made there appears on the live page', () =>
    readsTheSavedCopyOffline(
      chromiumDriver(() => session.browser),
      session.server,
    ));
});
