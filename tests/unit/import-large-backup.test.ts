/**
 * A backup larger than Chromium's 64 MiB message limit, through the router as the pages send it: exported in
 * parts, joined as the page joins them (a Blob), imported in chunks — and the library is the same. Every
 * message and every answer on the way stays under the limit.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFiles, importText } from '@/utils/messaging/chunked-files';
import { MAX_CHUNK_CHARS } from '@/utils/messaging/limits';
import { backgroundClient } from '@/utils/messaging/sender';
import type { Clipping } from '@/utils/schema';
import { createTestLibrary, popupSender } from '../support/factories';
import { dumpTables, generateLibrary, seed, T0 } from '../support/library-fixtures';

const MESSAGE_LIMIT = 64 * 1024 * 1024;

const PARAGRAPHS = [
  'Sáng 5/11, Hợp tác xã Đồng Tiến (huyện Nghĩa Hưng) đưa lò sấy lúa mới vào hoạt động, công suất 30 tấn/mẻ.',
  'Ông Trần Văn Bình, Giám đốc HTX, cho biết: "Bà con rất phấn khởi, năng suất tăng 20% so với vụ trước".',
  'Theo Sở Nông nghiệp và Phát triển nông thôn, toàn tỉnh đã thu hoạch được 72.000 ha lúa mùa, đạt 98%.',
  'Giá lúa tươi tại ruộng dao động 7.800–8.200 đồng/kg; thương lái đến tận nơi thu mua, không để tồn đọng.',
];

/** One saved article: ~26,000 units of Vietnamese text and ~30,000 of HTML (~50 KB of each in UTF-8 + JSON). */
function clipping(i: number, url: string): Clipping {
  const body = Array.from({ length: 240 }, (_, p) => `${PARAGRAPHS[(i + p) % 4]} (${i}.${p})`);
  return {
    url,
    savedAt: T0 + i,
    article: {
      url,
      canonicalUrl: url,
      title: `Bài viết số ${i}: lò sấy lúa mới ở Đồng Tiến`,
      byline: 'Xuân Thu',
      siteName: 'Báo Nam Định',
      lang: 'vi',
      publishedAt: '2026-11-05T00:30:00+07:00',
      modifiedAt: null,
      lead: PARAGRAPHS[0] as string,
      excerpt: null,
      mainImage: null,
      wordCount: 5000,
      html: body.map((p) => `<p class="body-text">${p}</p>`).join('\n'),
      text: body.join('\n\n'),
      adapter: 'baonamdinh',
    },
  };
}

describe('a backup over 64 MiB', () => {
  // On the fixtures' day: an import refuses records dated more than a day after the library's clock.
  const source = createTestLibrary({ clock: T0 });
  const target = createTestLibrary({ clock: T0 });
  beforeAll(async () => {
    // 1,100 articles, each with its clipping; 3,000 highlights over them.
    const base = generateLibrary(3000, 1100);
    await seed(source.db, { ...base, clippings: base.articles.map((a, i) => clipping(i, a.url)) });
  }, 60_000);
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  /** The router as `runtime.sendMessage` reaches it, measuring what Chromium would serialise each way. */
  function transport(lib: ReturnType<typeof createTestLibrary>, sizes: number[]) {
    return async (message: unknown) => {
      sizes.push(Buffer.byteLength(JSON.stringify(message)));
      const answer = await lib.route(message, popupSender);
      sizes.push(Buffer.byteLength(JSON.stringify(answer)));
      return answer;
    };
  }

  it('exports in parts, imports in chunks, and gives back the same library', async () => {
    const sizes: number[] = [];
    const request = { scope: { kind: 'all' }, format: 'backup' } as const;
    const [file] = await exportFiles(backgroundClient({ sendMessage: transport(source, sizes) }), request);
    expect(file?.filename).toMatch(/^clipmark-backup-.*\.json$/);
    const parts = file?.content as string[];
    expect(Array.isArray(parts) && parts.length).toBeGreaterThan(1);
    // Joined as the page joins them: one Blob, then read back as the user's file.
    const blob = new Blob(parts, { type: file?.mimeType });
    expect(blob.size).toBeGreaterThan(MESSAGE_LIMIT); // one message could not have carried it
    const text = await blob.text();
    expect(text.length).toBeGreaterThan(MAX_CHUNK_CHARS);

    let chunks = 0;
    const result = await importText(backgroundClient({ sendMessage: transport(target, sizes) }), text, {
      kind: 'backup',
      onChunk: (_, count) => {
        chunks = count;
      },
    });
    expect(chunks).toBeGreaterThan(1);
    expect(result.added).toMatchObject({ highlights: 3000, clippings: 1100 });
    expect(Math.max(...sizes)).toBeLessThan(MESSAGE_LIMIT);
    const [got, want] = [await dumpTables(target.db), await dumpTables(source.db)];
    for (const table of Object.keys(want)) expect(got[table], table).toEqual(want[table]);
    expect(Object.keys(got)).toEqual(Object.keys(want));
  }, 120_000);
});
