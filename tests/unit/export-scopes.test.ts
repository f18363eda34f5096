/**
 * Export scopes and the handler functions the background will route to: this page, the current search or
 * filter (a list of highlight ids), everything; extension pages only; bad files as `invalid` errors.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ExportRequest,
  ExportRequestSchema,
  exportHandlers,
  runExport,
  runImport,
} from '@/entrypoints/background/export/handlers';
import type { SenderContext } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import { createTestLibrary } from '../support/factories';
import { BAONAMDINH, dumpTables, id, sampleLibrary, seed, T0, VNEXPRESS } from '../support/library-fixtures';

let lib: ReturnType<typeof createTestLibrary>;
beforeEach(async () => {
  lib = createTestLibrary();
  await seed(lib.db, sampleLibrary());
});
afterEach(async () => {
  await lib.close();
});

const now = () => T0;

describe('scopes', () => {
  it('this page: its highlights only, the file named after the article', async () => {
    const [file] = await runExport(
      lib.db,
      { scope: { kind: 'page', url: `${BAONAMDINH}?utm_source=zalo#top` }, format: 'csv' },
      now,
    );
    expect(file?.filename).toBe('hop-tac-xa-dong-tien-lo-say-moi-nang-suat-tang-20.csv');
    expect(file?.content.trim().split('\r\n')).toHaveLength(4);
  });

  it('the current search: exactly the highlights asked for, with their articles', async () => {
    const [file] = await runExport(
      lib.db,
      { scope: { kind: 'highlights', ids: [id(4), id(6), id(99)] }, format: 'web-annotation' },
      now,
    );
    const doc = JSON.parse(file?.content ?? '');
    expect(doc.first.items.map((a: { id: string }) => a.id)).toEqual([
      `urn:uuid:${id(4)}`,
      `urn:uuid:${id(6)}`,
    ]);
    expect(doc['clipmark:articles'].map((a: { url: string }) => a.url)).toEqual([
      VNEXPRESS,
      'https://theguardian.com/world/2026/mar/10/vietnam-rice-exports',
    ]);
    expect(file?.filename).toBe('clipmark-selection-2026-11-06.jsonld');
  });

  it('everything: a backup of the whole database, trash included', async () => {
    const [file] = await runExport(lib.db, { scope: { kind: 'all' }, format: 'backup' }, now);
    expect(file?.filename).toBe('clipmark-backup-2026-11-06.json');
    const backup = JSON.parse(file?.content ?? '');
    expect([
      backup.articles.length,
      backup.highlights.length,
      backup.tags.length,
      backup.trash.length,
    ]).toEqual([4, 7, 8, 1]);
  });

  it('every format runs on every scope', async () => {
    const scopes: ExportRequest['scope'][] = [
      { kind: 'all' },
      { kind: 'page', url: VNEXPRESS },
      { kind: 'highlights', ids: [id(1)] },
    ];
    for (const scope of scopes) {
      for (const format of ExportRequestSchema.shape.format.options) {
        const files = await runExport(lib.db, { scope, format }, now);
        expect(files.length).toBeGreaterThan(0);
        for (const f of files) expect(f.content.length).toBeGreaterThan(0);
      }
    }
  });

  it('per-article formats give one file per article', async () => {
    const files = await runExport(lib.db, { scope: { kind: 'all' }, format: 'markdown-files' }, now);
    expect(files).toHaveLength(4);
  });
});

describe('clippings in every scope', () => {
  const backupOf = async (scope: ExportRequest['scope']) => {
    const [file] = await runExport(lib.db, { scope, format: 'backup' }, now);
    return JSON.parse(file?.content ?? '') as { clippings: { url: string }[]; settings: unknown[] };
  };

  it('a full backup holds the clippings and the settings; a partial one its articles’ clippings only', async () => {
    const all = await backupOf({ kind: 'all' });
    expect(all.clippings.map((c) => c.url)).toEqual([BAONAMDINH]);
    expect(all.settings).toEqual([{ key: 'autoClip', value: false }]);

    const page = await backupOf({ kind: 'page', url: `${BAONAMDINH}?utm_source=zalo` });
    expect(page.clippings.map((c) => c.url)).toEqual([BAONAMDINH]);
    expect(page.settings).toEqual([]);

    const withIt = await backupOf({ kind: 'highlights', ids: [id(2), id(4)] });
    expect(withIt.clippings.map((c) => c.url)).toEqual([BAONAMDINH]);
    expect(withIt.settings).toEqual([]);
    const without = await backupOf({ kind: 'highlights', ids: [id(4), id(6)] });
    expect(without.clippings).toEqual([]);
    expect((await backupOf({ kind: 'page', url: VNEXPRESS })).clippings).toEqual([]);
  });

  it('Markdown and HTML show the saved text of the page; other pages have none', async () => {
    const page = { kind: 'page', url: BAONAMDINH } as const;
    const [note] = await runExport(lib.db, { scope: page, format: 'markdown-files', lang: 'vi' }, now);
    expect(note?.content).toContain('\n## Bài đã lưu\n\nSáng 5/11');
    const [single] = await runExport(lib.db, { scope: { kind: 'all' }, format: 'markdown' }, now);
    expect(single?.content.match(/^### Saved article$/gm)).toHaveLength(1);
    const [html] = await runExport(lib.db, { scope: page, format: 'html' }, now);
    expect(html?.content).toContain('<section class="text">');
    const [other] = await runExport(lib.db, { scope: { kind: 'page', url: VNEXPRESS }, format: 'html' }, now);
    expect(other?.content).not.toContain('<section class="text">');
  });

  it('formats that do not show clippings do not read them', async () => {
    const toArray = vi.spyOn(lib.db.clippings, 'toArray');
    const bulkGet = vi.spyOn(lib.db.clippings, 'bulkGet');
    await runExport(lib.db, { scope: { kind: 'all' }, format: 'csv' }, now);
    await runExport(lib.db, { scope: { kind: 'highlights', ids: [id(1)] }, format: 'bibtex' }, now);
    expect(toArray).not.toHaveBeenCalled();
    expect(bulkGet).not.toHaveBeenCalled();
    await runExport(lib.db, { scope: { kind: 'all' }, format: 'html' }, now);
    expect(toArray).toHaveBeenCalled();
  });
});

describe('handlers', () => {
  const page = { kind: 'extension-page' } as const;
  const content: SenderContext = { kind: 'content', tabId: 1, pageUrls: [BAONAMDINH] };

  it('answer extension pages only', async () => {
    const handlers = exportHandlers(lib.db, now);
    const request = { scope: { kind: 'page', url: BAONAMDINH }, format: 'csv' } as const;
    await expect(handlers['library.export'](request, content)).rejects.toBeInstanceOf(RouteError);
    await expect(handlers['library.import']({ kind: 'backup', text: '{}' }, content)).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await handlers['library.export'](request, page)).toHaveLength(1);
  });

  it('turn a bad file into an invalid error and write nothing', async () => {
    const before = await dumpTables(lib.db);
    await expect(
      runImport(lib.db, { kind: 'web-annotation', text: '{"type":"Note"}' }),
    ).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/not a W3C Web Annotation file/),
    });
    expect(await dumpTables(lib.db)).toEqual(before);
  });

  it('validate requests', () => {
    expect(ExportRequestSchema.safeParse({ scope: { kind: 'all' }, format: 'docx' }).success).toBe(false);
    expect(
      ExportRequestSchema.safeParse({ scope: { kind: 'page', url: 'file:///etc/passwd' }, format: 'csv' })
        .success,
    ).toBe(false);
    expect(
      ExportRequestSchema.safeParse({ scope: { kind: 'highlights', ids: ['x'] }, format: 'csv' }).success,
    ).toBe(false);
  });
});
