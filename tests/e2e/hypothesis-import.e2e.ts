/**
 * Coming from Hypothesis (issue 19): the client's "Export annotations" file, imported from the library page.
 * The preview says what it will add and what it leaves out, and why; nothing is written before the user
 * confirms. Then the article (the sample article the harness serves): its highlights are drawn on the live page
 * by their quotes (no raw position), and its page note is the article's note in the popup.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtures, ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import { openPopup, tabIdOf, waitForHighlights } from './page-helpers';

const fixture = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!fixture) throw new Error('fixture baonamdinh-article is missing');
const QUOTE = String(fixture.expected.quoteTarget);
const SECOND = 'Phương án cuối cùng được hơn 90% số hộ tán thành.';
const PAGE_NOTE = 'Ghi chú trang từ Hypothesis: bài về **lò sấy** <script>x</script>';
const ARTIFACTS = join(ROOT, 'test-output');

/** A Hypothesis client export, as its documentation and client write it. */
function hypothesisExport(): string {
  const user = 'acct:ana@hypothes.is';
  // The address as the user's browser had it: a tracking parameter Clipmark drops.
  const uri = `${fixture?.url}?utm_source=hypothesis`;
  const base = (id: string, created: string) => ({
    id,
    created,
    updated: created,
    user,
    uri,
    group: '__world__',
    permissions: { read: ['group:__world__'], admin: [user], update: [user], delete: [user] },
    document: { title: ['Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động'] },
    links: { html: `https://hypothes.is/a/${id}`, incontext: `https://hyp.is/${id}/${uri}` },
  });
  const quote = (exact: string) => [
    {
      type: 'RangeSelector',
      startContainer: '/div[1]/article[1]/p[4]',
      startOffset: 0,
      endContainer: '/div[1]/article[1]/p[4]',
      endOffset: exact.length,
    },
    { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
  ];
  return JSON.stringify({
    export_date: '2026-11-20T08:00:00.000Z',
    export_userid: user,
    client_version: '1.1500.0',
    annotations: [
      {
        ...base('HypE2eHighlight0000001', '2026-11-10T01:00:00.000000+00:00'),
        text: 'Tiết kiệm *150 nghìn* mỗi tấn',
        tags: ['lò sấy', 'kinh tế'],
        target: [{ source: uri, selector: quote(QUOTE) }],
      },
      {
        ...base('HypE2eHighlight0000002', '2026-11-10T01:05:00.000000+00:00'),
        text: '',
        tags: [],
        target: [{ source: uri, selector: quote(SECOND) }],
      },
      {
        ...base('HypE2ePageNote00000003', '2026-11-10T01:10:00+00:00'),
        text: PAGE_NOTE,
        tags: [],
        target: [{ source: uri }],
      },
      {
        ...base('HypE2eReply00000000004', '2026-11-11T02:00:00+00:00'),
        user: 'acct:binh@hypothes.is',
        text: 'Đồng ý',
        tags: [],
        target: [{ source: uri }],
        references: ['HypE2eHighlight0000001'],
      },
      {
        ...base('HypE2eOrphan0000000005', '2026-11-11T03:00:00+00:00'),
        text: 'Trả lời một chú thích không có trong tệp',
        tags: [],
        target: [{ source: uri }],
        references: ['HypNotInThisFile000000'],
      },
      {
        ...base('HypE2ePdf0000000000006', '2026-11-11T04:00:00+00:00'),
        uri: 'urn:x-pdf:8c5e4b2a9f',
        text: 'trên một tệp PDF',
        tags: [],
        target: [{ source: 'urn:x-pdf:8c5e4b2a9f', selector: [{ type: 'TextQuoteSelector', exact: 'pdf' }] }],
      },
    ],
  });
}

describe.skipIf(!executablePath)('importing a Hypothesis export (Chromium)', () => {
  const session = chromiumSession();

  it('previews, imports on confirmation, draws the highlights and shows the page note', async () => {
    const { context, extensionId, worker } = session.browser;
    const library = await context.newPage();
    await library.setViewportSize({ width: 1200, height: 900 });
    await library.goto(`chrome-extension://${extensionId}/library.html`);
    await library.locator('.empty').waitFor();
    const file = join(ARTIFACTS, 'hypothesis-export.json');
    writeFileSync(file, hypothesisExport());

    await library.locator('input[type="file"]').setInputFiles(file);
    const preview = library.getByRole('alertdialog', {
      name: 'Before importing: this is what the file would add',
    });
    await preview.waitFor();
    expect(await preview.locator('#import-preview-lines li').allTextContents()).toEqual([
      '2 highlights and 3 other records (articles, tags, saved copies) would be added',
    ]);
    const leftOut = await preview.locator('.import-left-out li').allTextContents();
    expect(leftOut).toHaveLength(2);
    expect(leftOut[0]).toContain('a reply whose parent is not in the file');
    expect(leftOut[1]).toContain('an annotation on a PDF (urn:x-pdf:8c5e4b2a9f)');
    await library.screenshot({ path: join(ARTIFACTS, 'hypothesis-import-preview.png'), fullPage: true });
    // Nothing written while the user reads.
    expect(await library.locator('li.highlight').count()).toBe(0);

    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await library.getByText('Imported: 2 new highlights, 0 updated, 0 already there.').waitFor();
    await expect.poll(() => library.locator('li.highlight').count()).toBe(2);
    expect(await library.locator('.group .article-note-text').first().textContent()).toBe(PAGE_NOTE);

    // Imported again: nothing to add, nothing changes.
    await library.locator('input[type="file"]').setInputFiles(file);
    await preview.waitFor();
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await library.getByText('Imported: 0 new highlights, 0 updated, 2 already there.').waitFor();
    expect(await library.locator('li.highlight').count()).toBe(2);

    // The article: both highlights drawn on the live page, found by their quotes.
    const page = await context.newPage();
    await page.goto(fixture.url);
    const drawn = await waitForHighlights(page, 2);
    expect(drawn.map((d) => d.text).sort()).toEqual([QUOTE, SECOND].sort());

    const popup = await openPopup(context, extensionId, await tabIdOf(worker, fixture.url));
    await popup.setViewportSize({ width: 400, height: 700 });
    const note = popup.locator('.article-note-text');
    await note.waitFor({ timeout: 15_000 });
    expect(await note.textContent()).toBe(PAGE_NOTE);
    // The reply is on its thread's highlight, with its author.
    await popup.locator('li.highlight').first().waitFor();
    expect(await popup.locator('li.highlight .note').allTextContents()).toContain(
      'Tiết kiệm *150 nghìn* mỗi tấn\n\n↳ binh (2026-11-11): Đồng ý',
    );
    await popup.screenshot({ path: join(ARTIFACTS, 'hypothesis-popup-page-note.png'), fullPage: true });

    // The user edits the page note in the popup, with the keyboard; a popup opened again shows it saved.
    await popup.getByRole('button', { name: 'Edit the article note' }).click();
    const box = popup.locator('.article-note textarea');
    await box.focus();
    await box.press('Control+End');
    await popup.keyboard.type(' — đã đọc lại');
    await popup.keyboard.press('Control+Enter');
    await popup.getByText('Note saved.').waitFor();
    const again = await openPopup(context, extensionId, await tabIdOf(worker, fixture.url));
    await again.locator('.article-note-text').waitFor({ timeout: 15_000 });
    expect(await again.locator('.article-note-text').textContent()).toBe(`${PAGE_NOTE} — đã đọc lại`);
  });
});
