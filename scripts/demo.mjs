// @ts-check
/**
 * `npm run demo`: serves the bundled sample pages at their real https:// addresses and opens Chromium with the
 * built extension on the article. With a display, the browser is yours to use until you close it. Without
 * one, it runs headless: highlights a sentence with tags, reloads, and saves screenshots to demo-output/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  dragSelect,
  editorClosed,
  editorFrame,
  findChromium,
  launchBrowser,
  loadFixtures,
  openPopup,
  ROOT,
  startPageServer,
  tabIdOf,
} from './browser-harness.mjs';
import { chromiumClosedRoot, clickToolbarButton, waitForToolbar } from './closed-root.mjs';

const OUT = join(ROOT, 'demo-output');
const executablePath = findChromium();
if (!executablePath) {
  console.error(
    'Chromium was not found. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH.',
  );
  process.exit(1);
}

const fixtures = loadFixtures();
const article = fixtures.find((f) => f.slug === 'baonamdinh-article');
const listing = fixtures.find((f) => f.slug === 'baonamdinh-category');
if (!article || !listing) throw new Error('the bundled sample pages are missing from tests/fixtures/pages');

const hasDisplay =
  process.platform === 'darwin' ||
  process.platform === 'win32' ||
  !!process.env.DISPLAY ||
  !!process.env.WAYLAND_DISPLAY;
const headless = !hasDisplay || process.env.HEADLESS === '1';

const server = await startPageServer();
const browser = await launchBrowser({ executablePath, port: server.port, headless });
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.goto(article.url);

console.log(`Sample pages served from a local server (nothing leaves this machine):
  article:  ${article.url}
  listing:  ${listing.url}`);

if (!headless) {
  console.log(`
Chromium is open on the article with Clipmark loaded. Select a sentence, then press H or click "Highlight".
Reload the page: your highlight comes back. Click the Clipmark toolbar button to see this page's highlights.
Close the browser window to stop.`);
  await new Promise((done) => browser.context.on('close', done));
  await server.close();
  process.exit(0);
}

mkdirSync(OUT, { recursive: true });
try {
  // Highlight the one-sentence paragraph, then add tags and a note in the editor, as a user would.
  await dragSelect(page, '[data-testid="quote-target"]');
  // The toolbar is in a closed shadow root: reached through the DevTools protocol, clicked with the mouse.
  const toolbar = chromiumClosedRoot(page, 'clipmark-toolbar');
  await waitForToolbar(toolbar, (state) => state?.buttons.some((b) => b.name === 'Tags'));
  await page.screenshot({ path: join(OUT, 'toolbar.png') });
  await clickToolbarButton(toolbar, page, 'Tags');
  const editor = await editorFrame(page);
  await editor.getByRole('textbox', { name: 'Add tags' }).fill('nông nghiệp, Nam Định,');
  await editor
    .getByRole('textbox', { name: 'Note' })
    .fill('Số liệu tiết kiệm: dùng cho bài tổng kết vụ mùa.');
  await page.screenshot({ path: join(OUT, 'editor.png') });
  await editor.getByRole('button', { name: 'Save' }).click();
  await editorClosed(page);
  // And a phrase in green, with the keyboard.
  await dragSelect(page, '[data-testid="repeat-2"]', String(article.expected.repeatedPhrase));
  await clickToolbarButton(toolbar, page, 'Green');
  await page.keyboard.press('h');
  await waitForToolbar(toolbar, (state) => state === null);

  // Reload: the highlights are drawn again from the extension's database.
  await page.reload();
  await page.waitForFunction(() => {
    // @ts-expect-error HighlightRegistry is missing from some DOM typings.
    const registry = /** @type {Map<string, Set<Range>>} */ (CSS.highlights);
    let ranges = 0;
    for (const highlight of registry.values()) ranges += highlight.size;
    return ranges === 2;
  });
  await page.locator('[data-testid="quote-target"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(OUT, 'article.png') });

  const popup = await openPopup(
    browser.context,
    browser.extensionId,
    await tabIdOf(browser.worker, article.url),
  );
  await popup.locator('li.highlight').first().waitFor();
  // The page card fills in once the article has been read in the tab (headline, paper, date, byline).
  await popup.locator('.card .byline').waitFor();
  await popup.screenshot({ path: join(OUT, 'popup.png') });

  // The first highlight saved a copy of the article: open it in the reader, as the popup's link does.
  await popup.getByRole('button', { name: 'Open saved copy' }).waitFor();
  const reader = await browser.context.newPage();
  await reader.goto(
    `chrome-extension://${browser.extensionId}/reader.html?url=${encodeURIComponent(article.url)}`,
  );
  await reader.locator('.reader-list li').first().waitFor();
  await reader.screenshot({ path: join(OUT, 'reader.png') });

  const library = await browser.context.newPage();
  await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
  await library.locator('.group').first().waitFor();
  await library.screenshot({ path: join(OUT, 'library.png') });

  const listingPage = await browser.context.newPage();
  await listingPage.goto(listing.url);
  await listingPage.screenshot({ path: join(OUT, 'listing.png') });

  console.log(`
No display found, so Chromium ran headless. It highlighted a sentence (tags "nông nghiệp", "Nam Định", a note) and a
phrase (green, with the H key), reloaded the page, and found both drawn again. Screenshots:
  ${join(OUT, 'toolbar.png')}   the selection toolbar
  ${join(OUT, 'editor.png')}    the editor (tags and note), an extension page over the article
  ${join(OUT, 'article.png')}   the article after reload, highlights drawn
  ${join(OUT, 'popup.png')}     the popup: the article card and this page's highlights
  ${join(OUT, 'reader.png')}    the saved copy of the article in the reader, with its highlights
  ${join(OUT, 'library.png')}   the library page
  ${join(OUT, 'listing.png')}   the category listing page`);
} finally {
  await browser.close();
  await server.close();
}
