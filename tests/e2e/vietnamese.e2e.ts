/**
 * The interface in Vietnamese, as a user whose Chromium speaks Vietnamese sees it: toolbar, popup (with the
 * article card) and library page, saved as screenshots (test-output/*-vi.png) beside the English ones.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loadFixtures, ROOT, startPageServer } from '../../scripts/browser-harness.mjs';
import { executablePath } from './chromium';
import { dragSelect, openPopup, tabIdOf, toolbarGone, waitForHighlights } from './page-helpers';

const fixture = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!fixture) throw new Error('fixture baonamdinh-article is missing');
const ARTIFACTS = join(ROOT, 'test-output');
const vi: Record<string, { message: string }> = JSON.parse(
  readFileSync(join(ROOT, 'public/_locales/vi/messages.json'), 'utf8'),
);
const say = (key: string, ...values: string[]) =>
  values.reduce((text, value, i) => text.replace(`$${i + 1}`, value), vi[key]?.message ?? key);

describe.skipIf(!executablePath)('the interface in Vietnamese (Chromium)', () => {
  let server: Awaited<ReturnType<typeof startPageServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startPageServer();
    browser = await launchBrowser({
      executablePath: executablePath as string,
      port: server.port,
      lang: 'vi',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the toolbar, the popup and the library in Vietnamese', async () => {
    const page = await browser.context.newPage();
    await page.goto(fixture.url);
    await dragSelect(page, '[data-testid="quote-target"]');
    const toolbar = page.locator('clipmark-toolbar');
    const highlight = toolbar.getByRole('button', { name: say('highlight'), exact: true });
    await highlight.waitFor({ state: 'visible' });
    await page.screenshot({ path: join(ARTIFACTS, 'toolbar-vi.png') });
    await highlight.click();
    await toolbarGone(page);
    await waitForHighlights(page, 1);

    const popup = await openPopup(
      browser.context,
      browser.extensionId,
      await tabIdOf(browser.worker, fixture.url),
    );
    const card = popup.locator('.card');
    await expect.poll(() => card.locator('.byline').count(), { timeout: 15_000 }).toBe(1);
    expect(await card.locator('.badge').textContent()).toBe(say('cardArticle'));
    // Day first, in the paper's own time zone: 07:45 on 9 November 2026.
    expect(await card.locator('.facts').first().textContent()).toBe(
      `${fixture.expected.siteName} · 07:45, 09/11/2026 (GMT+7)`,
    );
    expect(await popup.locator('.count').first().textContent()).toBe(say('highlightCount', '1'));
    expect(await popup.getByRole('searchbox').getAttribute('placeholder')).toBe(say('searchPlaceholder'));
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-vi.png') });

    const library = await browser.context.newPage();
    await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
    await library.locator('.group').first().waitFor();
    expect(await library.locator('h1').textContent()).toBe(say('libraryTitle'));
    expect(await library.title()).toBe(say('libraryTitle'));
    await library.screenshot({ path: join(ARTIFACTS, 'library-vi.png'), fullPage: true });
    await library.close();
    await popup.close();
    await page.close();
  });
});
