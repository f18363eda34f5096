// @vitest-environment node
/**
 * Sync between two libraries ("devices") through a real CouchDB-protocol server: pouchdb-server on 127.0.0.1,
 * started here. Each device is a library over fake-indexeddb with its own local PouchDB (pouchdb-browser on the
 * same fake IndexedDB), as the background runs it (docs/sync.md).
 */
import '../support/pouch-in-node';
import PouchDB from 'pouchdb-browser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSyncEngine,
  type SyncConfig,
  SyncError,
  type SyncRunOptions,
} from '@/entrypoints/background/sync/engine';
import {
  ARTICLE_URL,
  contentSender,
  createTestLibrary,
  fakeDraft,
  fakeExtraction,
} from '../support/factories';
import { type RunningServer, startPouchServer } from '../support/pouchdb-server';

let server: RunningServer;
beforeAll(async () => {
  server = await startPouchServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close();
});

let databases = 0;
const ID_A = '0a0a0a0a-0000-4000-8000-000000000001';
const ID_A2 = '0a0a0a0a-0000-4000-8000-000000000002';
const ID_B = '0b0b0b0b-0000-4000-8000-000000000001';

/** A device: a library and its sync engine, on the shared server database `database`. */
function device(name: string, database: string, extra: Partial<SyncConfig> = {}) {
  const lib = createTestLibrary({ now: Date.now, name: `${name}-${Math.random()}` });
  const config: SyncConfig = { server: server.url, database, ...extra };
  const localName = `sync-${name}-${Math.random()}`;
  const engine = createSyncEngine({ db: lib.db, PouchDB, config, localName, iterations: 100_000 });
  /** The engine a restarted worker makes: the same stores, nothing in memory. */
  const restarted = () => {
    const again = createSyncEngine({ db: lib.db, PouchDB, config, localName, iterations: 100_000 });
    // Its local database is the device's own (one IndexedDB connection, shared), removed with the device.
    open.unshift({ close: () => again.remote.close() });
    return again;
  };
  open.push({
    async close() {
      await engine.local.destroy();
      await engine.remote.close();
      await lib.close();
    },
  });
  return { ...lib, engine, restarted, sync: (options?: SyncRunOptions) => engine.run(options) };
}

function pair(extra: Partial<SyncConfig> = {}) {
  const database = `clipmark-test-${++databases}`;
  return { a: device('a', database, extra), b: device('b', database, extra), database };
}

type Device = ReturnType<typeof device>;

async function highlight(d: Device, id: string, overrides = {}) {
  return d.call('highlight.create', fakeDraft({ id, ...overrides }), contentSender());
}

/** Both devices send and receive until neither has anything left (A, B, A). */
async function settle(a: Device, b: Device) {
  await a.sync();
  await b.sync();
  await a.sync();
}

describe('sync through a CouchDB-protocol server', { timeout: 60_000 }, () => {
  it('brings a highlight with its tags, note and article from A to B, and B can find it', async () => {
    const { a, b } = pair();
    await highlight(a, ID_A, { tags: ['nông nghiệp', 'HTX'], note: 'đọc lại phần lò sấy' });
    const first = await a.sync();
    expect(first.pushed).toBeGreaterThanOrEqual(3); // highlight, article, two tags
    await b.sync();
    const onB = await b.db.highlights.get(ID_A);
    expect(onB).toEqual(await a.db.highlights.get(ID_A));
    expect(onB).toMatchObject({ tags: ['nông nghiệp', 'HTX'], note: 'đọc lại phần lò sấy' });
    expect(await b.db.articles.get(onB?.url ?? '')).toEqual(await a.db.articles.get(onB?.url ?? ''));
    expect((await b.db.tags.toArray()).map((t) => t.name).sort()).toEqual(['HTX', 'nông nghiệp']);
    const found = await b.call('library.search', { query: 'lo say', limit: 10 });
    expect(found.hits.map((h) => h.highlight.id)).toEqual([ID_A]);
    // Nothing left to do: a second run writes nothing anywhere.
    expect(await b.sync()).toMatchObject({ pushed: 0, applied: 0, merged: 0, rejected: 0 });
  });

  it('moves a highlight deleted on A into B’s trash, and a restore on B brings it back on A', async () => {
    const { a, b } = pair();
    await highlight(a, ID_A, { note: 'giữ lại' });
    await settle(a, b);
    await a.call('highlight.delete', { id: ID_A });
    await settle(a, b);
    expect(await b.db.highlights.get(ID_A)).toBeUndefined();
    expect(await b.db.trash.get(ID_A)).toMatchObject({ highlight: { id: ID_A, note: 'giữ lại' } });
    await b.call('highlight.restore', { id: ID_A });
    await settle(a, b);
    expect(await a.db.highlights.get(ID_A)).toMatchObject({ note: 'giữ lại' });
    expect(await a.db.trash.get(ID_A)).toBeUndefined();
  });

  it('merges edits made on both devices while apart by the rules, the same on both', async () => {
    const { a, b } = pair();
    await highlight(a, ID_A, { tags: ['nông nghiệp', 'lúa'], note: 'gốc' });
    await settle(a, b);
    // Apart: A removes a tag, adds one and writes a note; B changes the colour and writes another note.
    await a.call('highlight.update', {
      id: ID_A,
      changes: { tags: ['lúa', 'máy sấy'], note: 'ghi chú của A' },
    });
    await new Promise((r) => setTimeout(r, 5));
    await b.call('highlight.update', { id: ID_A, changes: { color: 'green', note: 'ghi chú của B' } });
    const run = await a.sync();
    expect(run.pushed).toBe(2); // the highlight and the new tag
    const onB = await b.sync();
    expect(onB.merged).toBeGreaterThanOrEqual(1);
    await a.sync();
    const ha = await a.db.highlights.get(ID_A);
    const hb = await b.db.highlights.get(ID_A);
    expect(ha).toEqual(hb);
    expect(ha?.tags).toEqual(['lúa', 'máy sấy']);
    expect(ha?.color).toBe('green');
    // Both notes are kept: B's is the later one; A's waits beside it for the user to choose.
    expect(ha?.note).toBe('ghi chú của B');
    const conflicts = await a.engine.conflictsOf(ID_A);
    expect(conflicts).toEqual([expect.objectContaining({ text: 'ghi chú của A' })]);
    expect(await b.engine.conflictsOf(ID_A)).toEqual(conflicts);
  });

  it('drops a tag A removed that B still had from before, keeps one B added again after A’s removal', async () => {
    const { a, b } = pair();
    await highlight(a, ID_A, { tags: ['lúa', 'gạo'] });
    await settle(a, b);
    const pause = () => new Promise((r) => setTimeout(r, 5));
    await b.call('highlight.update', { id: ID_A, changes: { tags: ['lúa'] } });
    await pause();
    await a.call('highlight.update', { id: ID_A, changes: { tags: [] } });
    await pause();
    await b.call('highlight.update', { id: ID_A, changes: { tags: ['lúa', 'gạo', 'mới'] } });
    await settle(a, b);
    await b.sync();
    // "lúa": on B only from before A removed it → removed. "gạo": B added it again after → kept. "mới": new.
    expect((await a.db.highlights.get(ID_A))?.tags).toEqual(['gạo', 'mới']);
    expect((await b.db.highlights.get(ID_A))?.tags).toEqual(['gạo', 'mới']);
  });

  it('brings back a highlight edited on B after A deleted it, with B’s edit', async () => {
    const { a, b } = pair();
    await highlight(a, ID_A, { note: 'trước' });
    await settle(a, b);
    await a.call('highlight.delete', { id: ID_A });
    await new Promise((r) => setTimeout(r, 5));
    await b.call('highlight.update', { id: ID_A, changes: { note: 'sửa sau khi A xoá' } });
    await settle(a, b);
    await b.sync();
    for (const d of [a, b]) {
      expect(await d.db.highlights.get(ID_A)).toMatchObject({ note: 'sửa sau khi A xoá' });
      expect(await d.db.trash.get(ID_A)).toBeUndefined();
    }
  });

  it('keeps a delete made after the other device’s edit (the edit goes into the trash with it)', async () => {
    const { a, b } = pair();
    await highlight(a, ID_A, { note: 'trước' });
    await settle(a, b);
    await b.call('highlight.update', { id: ID_A, changes: { note: 'sửa trước khi A xoá' } });
    await new Promise((r) => setTimeout(r, 5));
    await a.call('highlight.delete', { id: ID_A });
    await settle(a, b);
    await b.sync();
    for (const d of [a, b]) {
      expect(await d.db.highlights.get(ID_A)).toBeUndefined();
      expect(await d.db.trash.get(ID_A)).toMatchObject({ highlight: { note: 'sửa trước khi A xoá' } });
    }
  });

  it('makes the same article saved on both devices one record with both devices’ highlights', async () => {
    const { a, b } = pair();
    await highlight(a, ID_A);
    await highlight(b, ID_B, {
      quote: { type: 'TextQuoteSelector', exact: 'hoạt động', prefix: 'vào ', suffix: '.' },
    });
    await settle(a, b);
    await b.sync();
    for (const d of [a, b]) {
      expect(await d.db.articles.count()).toBe(1);
      expect((await d.db.highlights.toArray()).map((h) => h.id).sort()).toEqual([ID_A, ID_B]);
    }
    const articleDocs = (await a.engine.local.allDocs()).rows.filter((r) => r.id.startsWith('a:'));
    expect(articleDocs).toHaveLength(1);
    expect(await a.db.articles.get(ARTICLE_URL.replace(/\/$/, ''))).toEqual(
      await b.db.articles.get(ARTICLE_URL.replace(/\/$/, '')),
    );
  });

  it('syncs settings: the later choice wins on both devices', async () => {
    const { a, b } = pair();
    await settle(a, b);
    await a.call('settings.set', { autoClip: false });
    await settle(a, b);
    expect((await b.call('settings.get', {})).autoClip).toBe(false);
  });

  it('with a passphrase, stores only ciphertext on the server; a wrong passphrase is refused and writes nothing', async () => {
    const { a, b, database } = pair({ passphrase: 'mật khẩu dài của tôi' });
    await highlight(a, ID_A, { tags: ['bí mật'], note: 'ghi chú riêng tư' });
    await a.sync();
    const raw = await (await fetch(`${server.url}/${database}/_all_docs?include_docs=true`)).text();
    expect(raw).not.toMatch(/lò sấy|ghi chú riêng|bí mật|baonamdinh|Hợp tác xã/);
    expect(raw).toContain('"enc"');
    await b.sync();
    expect(await b.db.highlights.get(ID_A)).toMatchObject({ note: 'ghi chú riêng tư', tags: ['bí mật'] });

    const wrong = device('c', database, { passphrase: 'sai rồi' });
    await highlight(wrong, ID_A2);
    const before = (await (await fetch(`${server.url}/${database}`)).json()) as { update_seq: unknown };
    await expect(wrong.sync()).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await expect(wrong.sync()).rejects.toBeInstanceOf(SyncError);
    const after = (await (await fetch(`${server.url}/${database}`)).json()) as { update_seq: unknown };
    expect(after.update_seq).toEqual(before.update_seq);
    expect(await wrong.db.highlights.get(ID_A)).toBeUndefined();
    expect(await wrong.db.highlights.get(ID_A2)).toBeDefined();
  });

  it('a run stopped midway (replicating, then applying) finishes in the next worker with exact counts', async () => {
    const { a, b, database } = pair();
    const ids = Array.from(
      { length: 40 },
      (_, i) => `0c0c0c0c-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    for (const [i, id] of ids.entries()) await highlight(a, id, { note: `ghi chú ${i}` });
    await a.sync();
    const serverDocs = async () =>
      ((await (await fetch(`${server.url}/${database}`)).json()) as { doc_count: number }).doc_count;
    const onServer = await serverDocs();
    expect(onServer).toBe(40 + 1 + 1 + 1); // highlights, the article, the tag, the key record

    // The worker goes away after the first replicated batch.
    const first = new AbortController();
    await expect(
      b.sync({
        signal: first.signal,
        batchSize: 5,
        onProgress: (p) => {
          if (p.phase === 'replicate' && p.count >= 5) first.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'stopped' });
    expect(await b.db.highlights.count()).toBe(0);
    const replicatedFirst = (await b.engine.local.info()).doc_count;
    expect(replicatedFirst).toBeGreaterThanOrEqual(5);
    expect(replicatedFirst).toBeLessThan(onServer);

    // The next worker replicates the rest, and goes away after applying one batch.
    const second = new AbortController();
    const again = b.restarted();
    await expect(
      again.run({
        signal: second.signal,
        batchSize: 5,
        onProgress: (p) => {
          if (p.phase === 'apply') second.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'stopped' });
    const appliedFirst = await b.db.highlights.count();
    expect(appliedFirst).toBeGreaterThan(0);
    expect(appliedFirst).toBeLessThan(40);

    // The third finishes: every highlight once, nothing sent back, nothing new on the server.
    const last = await b.restarted().run({ batchSize: 5 });
    expect(last.pushed).toBe(0);
    expect((await b.db.highlights.toArray()).map((h) => h.id).sort()).toEqual(ids);
    expect((await b.db.highlights.get(ids[7] as string))?.note).toBe('ghi chú 7');
    expect(await b.db.articles.count()).toBe(1);
    expect(await serverDocs()).toBe(onServer);
    expect(await b.restarted().run()).toMatchObject({ pushed: 0, pulled: 0, applied: 0 });
  });

  it('brings a saved copy to B as an attachment (encrypted too), a newer save wins, a delete reaches B', async () => {
    const { a, b, database } = pair({ passphrase: 'mật khẩu dài của tôi' });
    const url = ARTICLE_URL.replace(/\/$/, '');
    const text = 'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động. '.repeat(2000);
    await highlight(a, ID_A);
    await a.db.clippings.put({
      url,
      savedAt: Date.now(),
      article: fakeExtraction(url, { text, html: `<p>${text}</p>` }),
    });
    await a.sync();
    const raw = await (
      await fetch(`${server.url}/${database}/_all_docs?include_docs=true&attachments=true`)
    ).text();
    expect(raw).not.toMatch(/Đồng Tiến|lò sấy/);
    await b.sync();
    expect((await b.db.clippings.get(url))?.article.text).toBe(text);
    expect(await b.db.clippings.get(url)).toEqual(await a.db.clippings.get(url));

    // Saved again on B later than on A: B's copy wins on both.
    await new Promise((r) => setTimeout(r, 5));
    await a.db.clippings.put({
      url,
      savedAt: Date.now(),
      article: fakeExtraction(url, { text: 'bản của A' }),
    });
    await new Promise((r) => setTimeout(r, 5));
    await b.db.clippings.put({
      url,
      savedAt: Date.now(),
      article: fakeExtraction(url, { text: 'bản của B' }),
    });
    await settle(a, b);
    await b.sync();
    expect((await a.db.clippings.get(url))?.article.text).toBe('bản của B');
    expect((await b.db.clippings.get(url))?.article.text).toBe('bản của B');

    await a.call('clipping.delete', { url });
    await settle(a, b);
    expect(await b.db.clippings.get(url)).toBeUndefined();
  });

  it('leaves a saved copy’s images out of sync, and the copy coming back keeps them where they were saved', async () => {
    const { a, b, database } = pair();
    const url = ARTICLE_URL.replace(/\/$/, '');
    const figure = 'https://img.example/lua.png';
    // A PNG's signature and a few bytes, in base64.
    const image = { type: 'image/png' as const, data: 'iVBORw0KGgoAAAANSUhEUg==', bytes: 16 };
    await highlight(a, ID_A);
    await a.db.clippings.put({
      url,
      savedAt: Date.now(),
      article: fakeExtraction(url, { html: `<p>Lúa</p><img src="${figure}">` }),
      images: { [figure]: image },
    });
    await a.sync();
    const raw = await (
      await fetch(`${server.url}/${database}/_all_docs?include_docs=true&attachments=true`)
    ).text();
    expect(raw).not.toContain(image.data);
    await b.sync();
    await a.sync();
    expect((await b.db.clippings.get(url))?.article.html).toContain(figure);
    expect(await b.db.clippings.get(url)).not.toHaveProperty('images');
    expect((await a.db.clippings.get(url))?.images).toEqual({ [figure]: image });
    expect(await a.restarted().run()).toMatchObject({ applied: 0 });
    expect((await a.db.clippings.get(url))?.images).toEqual({ [figure]: image });
  });

  it('keeps a local edit made while a run was bringing in another device’s change to the same highlight', async () => {
    const { a, b } = pair();
    await highlight(a, ID_A, { tags: ['lúa'], note: 'gốc' });
    await settle(a, b);
    await a.call('highlight.update', { id: ID_A, changes: { tags: ['lúa', 'từ A'] } });
    await a.sync();
    // B's user writes a note after B's run replicated A's change and before it is applied.
    await b.sync({
      onProgress: async (p) => {
        if (p.phase === 'replicated')
          await b.call('highlight.update', { id: ID_A, changes: { note: 'B gõ lúc đang đồng bộ' } });
      },
    });
    expect(await b.db.highlights.get(ID_A)).toMatchObject({
      tags: ['lúa', 'từ A'],
      note: 'B gõ lúc đang đồng bộ',
    });
    await b.sync();
    await a.sync();
    expect(await a.db.highlights.get(ID_A)).toMatchObject({
      tags: ['lúa', 'từ A'],
      note: 'B gõ lúc đang đồng bộ',
    });
    expect(await a.engine.conflictsOf(ID_A)).toEqual([]);
  });

  it('refuses a passphrase for a plain database and none for an encrypted one, writing nothing', async () => {
    const { a, database } = pair();
    await highlight(a, ID_A);
    await a.sync();
    const withPassphrase = device('c', database, { passphrase: 'một cụm từ dài' });
    await highlight(withPassphrase, ID_A2);
    await expect(withPassphrase.sync()).rejects.toMatchObject({ code: 'not-encrypted' });
    const encrypted = pair({ passphrase: 'một cụm từ dài' });
    await encrypted.a.sync();
    const without = device('d', encrypted.database);
    await expect(without.sync()).rejects.toMatchObject({ code: 'passphrase-needed' });
    for (const name of [database, encrypted.database]) {
      const info = (await (await fetch(`${server.url}/${name}/_all_docs`)).json()) as {
        rows: { id: string }[];
      };
      expect(info.rows.map((r) => r.id)).not.toContain(`h:${ID_A2}`);
    }
  });

  it('leaves out what the server holds that is not a valid record, and counts it', async () => {
    const { a, b, database } = pair();
    await highlight(a, ID_A);
    await a.sync();
    // Written straight to the server: an id naming another highlight; not a page address, an empty quote, a tag
    // too long; settings that are not; a kind its id denies.
    const bad = [
      {
        _id: `h:${ID_A2}`,
        kind: 'highlight',
        // Would delete A's highlight if its content were trusted over its id.
        body: { kind: 'highlight', id: ID_A, state: { value: 'gone', at: 9e12 }, body: null },
      },
      {
        _id: `h:${ID_B}`,
        kind: 'highlight',
        body: {
          kind: 'highlight',
          id: ID_B,
          state: { value: 'live', at: 1 },
          body: {
            url: 'javascript:alert(1)',
            quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: 0, end: 1 },
            anchorAt: 1,
            createdAt: 1,
            updatedAt: 1,
            color: { value: 'black', at: 1 },
            tags: { x: { name: 'x'.repeat(500), added: 1, removed: null } },
            tagOrder: ['x'],
            note: { text: '', at: 1, from: 0, alt: [] },
          },
        },
      },
      {
        _id: 's:autoClip',
        kind: 'setting',
        body: { kind: 'setting', key: 'autoClip', value: { value: 'yes', at: 9e12 } },
      },
      {
        _id: 's:evil',
        kind: 'setting',
        body: { kind: 'setting', key: 'evil', value: { value: true, at: 1 } },
      },
      { _id: 't:abc', kind: 'article', body: { kind: 'article' } },
    ];
    const answer = await fetch(`${server.url}/${database}/_bulk_docs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ docs: bad }),
    });
    expect(answer.status).toBe(201);
    const run = await b.sync();
    // The invalid highlight, the two bad settings, the document whose id names another highlight. `t:abc`
    // (an article under a tag's id) is not one of ours and is left alone.
    expect(run.rejected).toBe(4);
    expect((await b.db.highlights.toArray()).map((h) => h.id)).toEqual([ID_A]);
    expect(await b.db.settings.toArray()).toEqual([]);
  });
});
