/**
 * The interface in Vietnamese, as a user whose Chromium speaks Vietnamese sees it: toolbar, popup (with the
 * article card) and library page, saved as screenshots (test-output/*-vi.png) beside the English ones. The
 * flow is shared with Firefox (./user-flows.ts).
 */
import { describe, it } from 'vitest';
import { chromiumSession, executablePath } from './chromium';
import { chromiumDriver } from './page-helpers';
import { showsTheInterfaceInVietnamese } from './user-flows';

describe.skipIf(!executablePath)('the interface in Vietnamese (Chromium)', () => {
  const session = chromiumSession({ lang: 'vi' });

  it('shows the toolbar, the popup and the library in Vietnamese', () =>
    showsTheInterfaceInVietnamese(chromiumDriver(() => session.browser)));
});
