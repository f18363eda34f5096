/**
 * "Copy with citation" in Firefox, as tests/e2e/cite.e2e.ts does it in Chromium: select a passage of the sample
 * article, press C — `page-cite.js` is injected, the clipboard write started in the key press completes with the
 * quotation, its APA citation, the reference and the deep link.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { firefoxClosedRoot } from '../../scripts/closed-root.mjs';
import { parseTextDirective } from '../../utils/export/deep-link';
import { articleCopies, SOURCE } from '../e2e/sample-article';
import { executablePath, firefoxSession } from './firefox';
import { dragSelect, poll, toolbarReady } from './page-helpers';

const PASSAGE = 'mỗi tấn lúa sấy tại lò mới giúp xã viên tiết kiệm khoảng 150 nghìn đồng';

/** The clipboard's text, pasted with Ctrl+V into a text box, as a user gets it. */
async function pasted(page: Page): Promise<string> {
  await page.evaluate(() => {
    const box = document.createElement('textarea');
    box.id = 'paste-here';
    document.body.append(box);
    box.focus();
  });
  await page.keyboard.down('Control');
  await page.keyboard.press('v');
  await page.keyboard.up('Control');
  return page.evaluate(() => {
    const box = document.getElementById('paste-here') as HTMLTextAreaElement;
    box.remove();
    return box.value;
  });
}

describe.skipIf(!executablePath)('Copy with citation (Firefox)', () => {
  const session = firefoxSession();
  const copies = articleCopies(() => session.server);

  it('C on the toolbar copies the quotation, its APA citation, the reference and the deep link', async () => {
    const page = await session.firefox.browser.newPage();
    await page.goto(copies.serve(SOURCE));
    await dragSelect(page, '[data-testid="quote-target"]', PASSAGE);
    await toolbarReady(page);
    await page.keyboard.press('c');
    const said = await poll(async () => {
      const text = await firefoxClosedRoot(
        page,
        'clipmark-toolbar',
      )((root) => {
        const alert = root.querySelector('[role="alert"]')?.textContent;
        return alert || root.querySelector('.notice[role="status"]')?.textContent || '';
      });
      return text && text !== 'Copying with citation…' ? text : false;
    });
    expect(said).toBe('Copied with citation.');
    const [quoted, , reference = '', link = ''] = (await pasted(page)).split('\n');
    expect(quoted).toBe(`“${PASSAGE}” (Thanh Bình, 2026)`);
    expect(reference).toMatch(/^Thanh Bình\. \(2026, November 9\)\. .+\. https:\/\/baonamdinh\.vn\/\S+$/);
    const directive = parseTextDirective(link);
    expect([directive?.start, directive?.end]).toEqual(['mỗi tấn lúa sấy', 'khoảng 150 nghìn đồng']);
    await page.close();
  });
});
