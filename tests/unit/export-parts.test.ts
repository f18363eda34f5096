/**
 * Exports too large for one message: `library.export` announces their parts, `library.exportPart` hands them
 * out, whole characters each; the page joins them. Small exports still come whole.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { runExport } from '@/entrypoints/background/export/handlers';
import { createExportParts } from '@/entrypoints/background/export/uploads-and-parts';
import type { ExportedFile } from '@/utils/export/types';
import { exportFiles } from '@/utils/messaging/chunked-files';
import { backgroundClient } from '@/utils/messaging/sender';
import { contentSender, createTestLibrary, envelope, popupSender } from '../support/factories';
import { generateLibrary, sampleLibrary, seed, T0 } from '../support/library-fixtures';

let lib: ReturnType<typeof createTestLibrary>;
afterEach(async () => {
  await lib.close();
});

const toBackground = (m: unknown) => lib.route(m, popupSender);
const joined = (content: string | readonly string[]) =>
  typeof content === 'string' ? content : content.join('');

describe('library.export in parts', () => {
  it('a backup larger than one answer comes in parts that join to exactly the file', async () => {
    lib = createTestLibrary({ transfer: { partChars: 10_000 } });
    const sample = sampleLibrary();
    (sample.clippings[0] as (typeof sample.clippings)[0]).article.text = 'Đồng Tiến 😀 lúa mới. '.repeat(
      3000,
    );
    await seed(lib.db, { ...sample, ...generateLibrary(200, 20) });
    const request = { scope: { kind: 'all' }, format: 'backup' } as const;
    const [announced] = await lib.call('library.export', request);
    expect(announced).toMatchObject({ mimeType: 'application/json', parts: { file: 0 } });
    const count = (announced as Extract<ExportedFile, { parts: unknown }>).parts.count;
    expect(count).toBeGreaterThan(5);

    const [file] = await exportFiles(backgroundClient({ sendMessage: toBackground }), request);
    expect(Array.isArray(file?.content)).toBe(true);
    const parts = file?.content as string[];
    expect(parts).toHaveLength(count);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(10_000);
    // The same bytes as an export in one piece (the export's clock is the only difference).
    const [whole] = await runExport(lib.db, request);
    const strip = (s: string) => s.replace(/"exportedAt": "[^"]*"/, '');
    expect(strip(parts.join(''))).toBe(strip(whole?.content ?? ''));
    // A Blob of the parts, as the page saves it, reads back as the file.
    const blob = new Blob(parts, { type: file?.mimeType });
    expect(strip(await blob.text())).toBe(strip(whole?.content ?? ''));
    expect(JSON.parse(await blob.text()).clippings[0].article.text).toContain('😀 lúa');
  });

  it('a small export still comes whole in the answer', async () => {
    lib = createTestLibrary();
    await seed(lib.db, sampleLibrary());
    const files = await lib.call('library.export', { scope: { kind: 'all' }, format: 'csv' });
    expect(files).toHaveLength(1);
    expect(files[0]).toHaveProperty('content');
  });

  it('one file per article: those that fit come in the answer, the rest in parts', async () => {
    // With parts of 5,000 characters some notes fit in the answer and others do not (asserted below).
    lib = createTestLibrary({ transfer: { partChars: 5000 } });
    await seed(lib.db, generateLibrary(60, 12));
    const request = { scope: { kind: 'all' }, format: 'markdown-files' } as const;
    const answer = await lib.call('library.export', request);
    expect(answer.some((f) => 'content' in f)).toBe(true);
    expect(answer.some((f) => 'parts' in f)).toBe(true);
    const received = await exportFiles(backgroundClient({ sendMessage: toBackground }), request);
    const direct = await runExport(lib.db, request);
    expect(received.map((f) => [f.filename, joined(f.content)])).toEqual(
      direct.map((f) => [f.filename, f.content]),
    );
  });

  it('an export is forgotten once every part was fetched; unknown parts are refused', async () => {
    lib = createTestLibrary({ transfer: { partChars: 2000 } });
    await seed(lib.db, generateLibrary(40, 4));
    const [file] = await lib.call('library.export', { scope: { kind: 'all' }, format: 'backup' });
    const { exportId, count } = (file as Extract<ExportedFile, { parts: unknown }>).parts;
    const part = (index: number, f = 0) =>
      lib.route(envelope('library.exportPart', { exportId, file: f, index }), popupSender);
    expect(await part(count)).toMatchObject({ ok: false, error: { code: 'invalid', message: /no part/ } });
    expect(await part(0, 1)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await part(0, -1)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(
      await lib.route(envelope('library.exportPart', { exportId, file: 0, index: 0 }), contentSender()),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    for (let i = count - 1; i >= 0; i--) expect(await part(i)).toMatchObject({ ok: true }); // any order
    expect(await part(0)).toMatchObject({ ok: false, error: { code: 'not-found', message: /export again/ } });
  });
});

describe('held exports in memory', () => {
  const big = (n: number) => ({ filename: 'f.json', mimeType: 'application/json', content: 'é'.repeat(n) });

  it('an export idle longer than its lifetime is dropped; at most two are held', () => {
    let clock = T0;
    let n = 0;
    const held = createExportParts({
      partChars: 2000,
      ttlMs: 1000,
      now: () => clock,
      newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    });
    const [a] = held.offer([big(5000)]);
    const id = (a as Extract<ExportedFile, { parts: unknown }>).parts.exportId;
    clock += 900;
    expect(held.part({ exportId: id, file: 0, index: 0 }).content).toHaveLength(2000);
    clock += 1001;
    expect(() => held.part({ exportId: id, file: 0, index: 1 })).toThrow(/no longer available/);
    held.offer([big(5000)]);
    held.offer([big(5000)]);
    held.offer([big(5000)]);
    expect(held.pending).toBe(2);
    expect(held.offer([big(100)])[0]).toHaveProperty('content'); // nothing held for a small one
    expect(held.pending).toBe(2);
  });
});
