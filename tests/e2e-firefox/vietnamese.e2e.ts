/**
 * The interface in Vietnamese in Firefox, as in tests/e2e/vietnamese.e2e.ts for Chromium (the flow is shared,
 * tests/e2e/user-flows.ts): toolbar, popup card with the date day first, library page. Firefox runs in
 * Vietnamese (`locale: 'vi'`; see `useLocale` in scripts/firefox-harness.mjs for how, without a language pack).
 */
import { describe, it } from 'vitest';
import { showsTheInterfaceInVietnamese } from '../e2e/user-flows';
import { executablePath, firefoxSession } from './firefox';
import { firefoxDriver } from './page-helpers';

describe.skipIf(!executablePath)('the interface in Vietnamese (Firefox)', () => {
  const session = firefoxSession({ locale: 'vi' });

  it('shows the toolbar, the popup and the library in Vietnamese', () =>
    showsTheInterfaceInVietnamese(firefoxDriver(() => session.firefox)));
});
