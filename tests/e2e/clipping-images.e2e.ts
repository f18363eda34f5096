/**
 * Issue 20 item 6 in Chromium: a saved copy keeps the article's figure. Save a copy from the popup of an
 * article whose figure is an https PNG (and one image over plain http); the site and the image go away; the
 * reader shows the figure from the copy (a data: image, decoded), with a link to the original, the http image
 * as a placeholder with its link — and the reader page requests nothing from the web.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chromiumSession, executablePath } from './chromium';
import { chromiumDriver } from './page-helpers';
import { articleCopies, SOURCE } from './sample-article';

/** A real PNG, `width`×`height`, green fields under a blue sky (so the screenshot shows it). */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      const field = y > height * 0.6;
      rows.set(field ? [96, 160, 64] : [120, 180, 230], at);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const FIGURE = 'https://img.baonamdinh.vn/2026/11/lo-say-lua.png';
const OLD_HTTP = 'http://img.baonamdinh.vn/2026/11/anh-cu.png';
const ALT = 'Lò sấy lúa của Hợp tác xã Nông nghiệp Đồng Tiến vận hành trong những ngày cuối vụ mùa.';

describe.skipIf(!executablePath)('saved copies keep their images (Chromium)', () => {
  // The background fetches the image from the page server: it must accept the server's certificate.
  const session = chromiumSession({ trustServer: true });
  const d = chromiumDriver(() => session.browser);
  const serve = articleCopies(() => session.server).serve;

  it('saves the figure with the copy and shows it offline, loading nothing remote', async () => {
    // The article's figure (a data: SVG in the fixture) as an https PNG, and one more image over http.
    const withImages = SOURCE.replace(
      /<img src="data:image\/svg\+xml,[^"]*"( alt="Lò sấy)/,
      `<img src="${FIGURE}"$1`,
    ).replace(
      '<p style="text-align: justify;" data-testid="quote-target">',
      `<p><img src="${OLD_HTTP}" alt="Ảnh cũ"></p><p style="text-align: justify;" data-testid="quote-target">`,
    );
    expect(withImages).toContain(FIGURE);
    expect(withImages).toContain(OLD_HTTP);
    session.server.setPage(FIGURE, png(600, 400), 200, 'image/png');
    const url = serve(withImages);

    const page = await d.newPage();
    await page.goto(url);
    const popup = await d.popupFor(url);
    await d.clickButton(popup, 'Save a copy of this article', '.clipping');
    await d.waitFor(popup, '.clipping button.link', { timeout: 30_000 }); // "Open saved copy"
    await popup.close();
    await page.close();

    // The site and its image go away.
    session.server.setPage(url, null);
    session.server.setPage(FIGURE, null);
    const served = session.server.requests.length;

    const reader = await d.newPage();
    const requests = d.requests(reader);
    await d.gotoExtensionPage(reader, `reader.html?url=${encodeURIComponent(url)}`);
    await d.waitFor(reader, '.reader-body');
    await d.waitFor(reader, '.reader-body img');
    const figure = await d.evaluate(
      reader,
      async () => {
        const img = document.querySelector<HTMLImageElement>('.reader-body img');
        await img?.decode().catch(() => {});
        const original = img?.nextElementSibling;
        return {
          src: img?.getAttribute('src')?.slice(0, 22),
          alt: img?.getAttribute('alt'),
          width: img?.naturalWidth,
          link: original?.querySelector('a')?.getAttribute('href'),
          linkText: original?.textContent,
          placeholders: [...document.querySelectorAll('clipmark-media[data-kind="image"]')].map(
            (p) => p.textContent,
          ),
        };
      },
      undefined,
    );
    expect(figure).toEqual({
      src: 'data:image/png;base64,',
      alt: ALT,
      width: 600,
      link: FIGURE,
      linkText: 'Original image: img.baonamdinh.vn',
      placeholders: ['Image not loadedẢnh cũOpen it from img.baonamdinh.vn'],
    });
    await d.evaluate(
      reader,
      () => document.querySelector('.reader-body img')?.scrollIntoView({ block: 'center' }),
      undefined,
    );
    await d.screenshot(reader, 'reader-saved-image.png');
    // Nothing from the web: no request from the reader, none reached the server.
    expect(requests().filter((r) => /^https?:/.test(r))).toEqual([]);
    expect(session.server.requests.slice(served)).toEqual([]);
    await reader.close();
  });
});
