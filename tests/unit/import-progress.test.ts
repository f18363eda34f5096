/** Progress of a long import: the page asks `library.progress` while `library.import` runs. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportBackup } from '@/entrypoints/background/export/select';
import { Progress } from '@/utils/export/progress';
import { contentSender, createTestLibrary, envelope, fakeDraft, popupSender } from '../support/factories';

let lib: ReturnType<typeof createTestLibrary>;
afterEach(async () => {
  vi.useRealTimers();
  await lib?.close();
});

describe('library.progress', () => {
  it('answers how far a running import is, and nothing once it is done', async () => {
    lib = createTestLibrary();
    for (let i = 0; i < 30; i++) {
      await lib.call(
        'highlight.create',
        fakeDraft({ quote: { type: 'TextQuoteSelector', exact: `câu ${i}`, prefix: '', suffix: '' } }),
        contentSender(),
      );
    }
    const text = await exportBackup(lib.db);
    await Promise.all(lib.db.tables.map((t) => t.clear()));
    const id = crypto.randomUUID();
    const running = lib.route(
      envelope('library.import', { kind: 'backup', text, progressId: id }),
      popupSender,
    );
    const during = await lib.route(envelope('library.progress', { id }), popupSender);
    expect(during).toMatchObject({
      ok: true,
      value: { done: expect.any(Number), total: expect.any(Number) },
    });
    expect(await running).toMatchObject({ ok: true, value: { added: { highlights: 30 } } });
    expect(await lib.route(envelope('library.progress', { id }), popupSender)).toEqual({
      ok: true,
      value: null,
    });
  });

  it('is for Clipmark’s pages only', async () => {
    lib = createTestLibrary();
    const id = crypto.randomUUID();
    expect(await lib.route(envelope('library.progress', { id }), contentSender())).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('Progress', () => {
  it('reports at most every hundredth and always the end', () => {
    const seen: number[] = [];
    const progress = new Progress(1000, (done) => seen.push(done));
    for (let i = 0; i < 1000; i++) progress.tick();
    expect(seen).toHaveLength(100);
    expect(seen.at(-1)).toBe(1000);
  });

  it('lets other work through during a long stretch, at most every 50 ms', async () => {
    vi.useFakeTimers();
    const progress = new Progress(10);
    let other = 0;
    setTimeout(() => other++, 0);
    await progress.breathe(); // less than 50 ms since it was made: no pause
    expect(other).toBe(0);
    vi.advanceTimersByTime(60);
    expect(other).toBe(1);
    let resumed = false;
    const paused = progress.breathe().then(() => {
      resumed = true;
    });
    setTimeout(() => other++, 0);
    await vi.advanceTimersByTimeAsync(0);
    await paused;
    expect(resumed).toBe(true);
    expect(other).toBe(2);
  });
});
