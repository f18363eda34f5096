// @vitest-environment node
/**
 * Sync's messages through the background's router: settings kept in the background and never told to a page,
 * only extension pages may use them, "Sync now" runs against a real server (pouchdb-server on 127.0.0.1) and
 * keeps its outcome, errors say what went wrong (docs/sync.md).
 */
import '../support/pouch-in-node';
import PouchDB from 'pouchdb-browser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClipmarkDB } from '@/entrypoints/background/database';
import { libraryHandlers } from '@/entrypoints/background/handlers';
import { createSearchService } from '@/entrypoints/background/search-service';
import { createSyncService, describeError } from '@/entrypoints/background/sync/service';
import type { SyncStatus } from '@/utils/messaging/background-map';
import { createBackgroundRouter } from '@/utils/messaging/background-router';
import { contentSender, envelope, fakeDraft, popupSender, SELF } from '../support/factories';
import { type RunningServer, startBasicAuthProxy, startPouchServer } from '../support/pouchdb-server';

let server: RunningServer;
beforeAll(async () => {
  server = await startPouchServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function background() {
  const db = new ClipmarkDB(`settings-${Math.random()}`);
  const localName = `sync-settings-${Math.random()}`;
  const configured: boolean[] = [];
  const sync = createSyncService({ db, PouchDB, localName, onConfigured: (on) => configured.push(on) });
  const search = createSearchService(db);
  const route = createBackgroundRouter(libraryHandlers({ db, sync, search }), SELF);
  cleanups.push(async () => {
    await search.flush();
    await new PouchDB(localName).destroy();
    await db.delete();
  });
  const call = async (type: string, payload: unknown, sender = popupSender) =>
    route(envelope(type, payload), sender);
  const ok = async (type: string, payload: unknown) => {
    const result = await call(type, payload);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as SyncStatus;
  };
  return { db, call, ok, configured };
}

describe('sync settings and "Sync now"', { timeout: 60_000 }, () => {
  it('keeps the settings in the background and tells pages only whether a password and passphrase are set', async () => {
    const bg = background();
    expect(await bg.ok('sync.status', {})).toMatchObject({ configured: false, lastRun: null });
    const status = await bg.ok('sync.configure', {
      config: {
        server: server.url,
        database: 'clipmark',
        username: 'an',
        password: 'mật khẩu',
        passphrase: 'cụm từ bí mật dài',
      },
    });
    expect(status).toMatchObject({
      configured: true,
      server: server.url,
      database: 'clipmark',
      username: 'an',
      hasPassword: true,
      encrypted: true,
    });
    expect(JSON.stringify(status)).not.toMatch(/mật khẩu|cụm từ/);
    // Left out, the password and passphrase stay; an empty string removes one (here with another database:
    // on the same one it would re-encrypt it, which needs the server).
    const again = await bg.ok('sync.configure', {
      config: { server: server.url, database: 'clipmark', username: 'an' },
    });
    expect(again).toMatchObject({ hasPassword: true, encrypted: true });
    expect(
      await bg.ok('sync.configure', {
        config: { server: server.url, database: 'clipmark-other', passphrase: '' },
      }),
    ).toMatchObject({
      hasPassword: true,
      encrypted: false,
    });
    expect(await bg.ok('sync.configure', { config: null })).toMatchObject({ configured: false });
    // The background keeps its alarm by these (on while set up, off otherwise).
    expect(bg.configured).toEqual([true, true, true, false]);
  });

  it('refuses web pages, plain http to another computer, addresses with credentials, bad database names, short passphrases', async () => {
    const bg = background();
    const fromPage = await bg.call('sync.status', {}, contentSender());
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const config of [
      { server: 'http://couch.example.org', database: 'clipmark' },
      { server: 'https://an:pw@couch.example.org', database: 'clipmark' },
      { server: 'ftp://couch.example.org', database: 'clipmark' },
      { server: 'https://couch.example.org', database: 'Clipmark' },
      { server: 'https://couch.example.org', database: '_users' },
      { server: 'https://couch.example.org', database: 'clipmark', passphrase: 'ngắn' },
    ]) {
      expect(await bg.call('sync.configure', { config }), JSON.stringify(config)).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
    }
    expect(await bg.ok('sync.status', {})).toMatchObject({ configured: false });
    expect(
      (
        await bg.ok('sync.configure', {
          config: { server: 'https://couch.example.org/db-proxy', database: 'clipmark' },
        })
      ).configured,
    ).toBe(true);
  });

  it('"Sync now" sends what was written, and keeps the outcome; an unreachable server is a clear error', async () => {
    const bg = background();
    await bg.call(
      'highlight.create',
      fakeDraft({ id: '0d0d0d0d-0000-4000-8000-000000000001' }),
      contentSender(),
    );
    // Sync not set up: nothing is recorded for it (turning it on sends everything anyway).
    expect((await bg.ok('sync.status', {})).pending).toBe(0);
    expect(await bg.db.syncOutbox.count()).toBe(0);
    await bg.ok('sync.configure', { config: { server: server.url, database: 'clipmark-now' } });
    const done = await bg.ok('sync.now', {});
    // The highlight, its article, its tag.
    expect(done.lastRun).toMatchObject({ ok: true, result: { pushed: 3, rejected: 0 } });
    expect(done.pending).toBe(0);
    const onServer = (await (
      await fetch(`${server.url}/clipmark-now/h:0d0d0d0d-0000-4000-8000-000000000001`)
    ).json()) as {
      body?: { body?: { quote?: { exact?: string } } };
    };
    expect(onServer.body?.body?.quote?.exact).toBe('lò sấy lúa');

    await bg.ok('sync.configure', { config: { server: 'http://127.0.0.1:9', database: 'clipmark-now' } });
    const failed = await bg.ok('sync.now', {});
    expect(failed.lastRun).toMatchObject({
      ok: false,
      error: { code: 'unreachable', message: expect.any(String) },
    });
    // Local writes keep working meanwhile.
    const created = await bg.call(
      'highlight.create',
      fakeDraft({ id: '0d0d0d0d-0000-4000-8000-000000000002' }),
      contentSender(),
    );
    expect(created.ok).toBe(true);
  });

  it('sends the user name and password to the server; a wrong password is "unauthorized" and writes nothing', async () => {
    const front = await startBasicAuthProxy(server.url, 'nhà nghiên cứu', 'mật khẩu đúng');
    cleanups.push(() => front.stop());
    const bg = background();
    await bg.call(
      'highlight.create',
      fakeDraft({ id: '0d0d0d0d-0000-4000-8000-000000000003' }),
      contentSender(),
    );
    const config = { server: front.url, database: 'clipmark-auth', username: 'nhà nghiên cứu' };
    await bg.ok('sync.configure', { config: { ...config, password: 'sai' } });
    const refused = await bg.ok('sync.now', {});
    expect(refused.lastRun).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await fetch(`${server.url}/clipmark-auth`)).status).toBe(404);
    await bg.ok('sync.configure', { config: { ...config, password: 'mật khẩu đúng' } });
    const done = await bg.ok('sync.now', {});
    expect(done.lastRun).toMatchObject({ ok: true, result: { pushed: 3 } });
    expect((await fetch(`${server.url}/clipmark-auth/h:0d0d0d0d-0000-4000-8000-000000000003`)).status).toBe(
      200,
    );
  });

  it('counts notes in conflict, lists the other device’s note for the editor, and a note saved over it resolves it', async () => {
    const one = background();
    const two = background();
    const id = '0d0d0d0d-0000-4000-8000-000000000004';
    const config = { config: { server: server.url, database: 'clipmark-conflicts' } };
    await one.ok('sync.configure', config);
    await two.ok('sync.configure', config);
    await one.call('highlight.create', fakeDraft({ id, note: 'gốc' }), contentSender());
    await one.ok('sync.now', {});
    await two.ok('sync.now', {});
    await one.call('highlight.update', { id, changes: { note: 'máy một' } });
    await new Promise((r) => setTimeout(r, 5));
    await two.call('highlight.update', { id, changes: { note: 'máy hai' } });
    await one.ok('sync.now', {});
    await two.ok('sync.now', {});
    const status = await one.ok('sync.now', {});
    expect(status.conflicts).toBe(1);
    expect((await two.ok('sync.status', {})).conflicts).toBe(1);
    const listed = await one.call('sync.noteConflicts', { id });
    expect(listed).toMatchObject({ ok: true, value: { alternatives: [{ text: 'máy một' }] } });
    expect((await one.db.highlights.get(id))?.note).toBe('máy hai');

    // The user keeps both, in one note, on device one.
    await one.call('highlight.update', { id, changes: { note: 'máy hai\nmáy một' } });
    await one.ok('sync.now', {});
    await two.ok('sync.now', {});
    expect((await one.ok('sync.status', {})).conflicts).toBe(0);
    expect((await two.ok('sync.status', {})).conflicts).toBe(0);
    expect((await two.db.highlights.get(id))?.note).toBe('máy hai\nmáy một');
    expect(await two.call('sync.noteConflicts', { id })).toMatchObject({
      ok: true,
      value: { alternatives: [] },
    });
  });

  it('"sync.resolveNote" keeps the note this device shows, or the other one, and both devices drop the conflict', async () => {
    const one = background();
    const two = background();
    const kept = '0d0d0d0d-0000-4000-8000-000000000014';
    const taken = '0d0d0d0d-0000-4000-8000-000000000015';
    const config = { config: { server: server.url, database: 'clipmark-resolve' } };
    await one.ok('sync.configure', config);
    await two.ok('sync.configure', config);
    for (const id of [kept, taken])
      await one.call('highlight.create', fakeDraft({ id, note: 'gốc' }), contentSender());
    await one.ok('sync.now', {});
    await two.ok('sync.now', {});
    for (const id of [kept, taken]) await one.call('highlight.update', { id, changes: { note: 'máy một' } });
    await new Promise((r) => setTimeout(r, 5));
    for (const id of [kept, taken]) await two.call('highlight.update', { id, changes: { note: 'máy hai' } });
    await one.ok('sync.now', {});
    await two.ok('sync.now', {});
    const before = await one.ok('sync.now', {});
    expect(before).toMatchObject({ conflicts: 2, conflictIds: [kept, taken] });
    expect((await one.db.highlights.get(kept))?.note).toBe('máy hai');

    // Device one keeps the note it shows for one highlight, and takes the other device's for the other.
    expect(await one.call('sync.resolveNote', { id: kept, text: 'máy hai' })).toMatchObject({ ok: true });
    const after = await one.ok('sync.resolveNote', { id: taken, text: 'máy một' });
    expect(after).toMatchObject({ conflicts: 0, conflictIds: [], lastRun: { ok: true } });
    const two2 = await two.ok('sync.now', {});
    expect(two2).toMatchObject({ conflicts: 0, conflictIds: [] });
    expect((await two.db.highlights.get(kept))?.note).toBe('máy hai');
    expect((await two.db.highlights.get(taken))?.note).toBe('máy một');
    expect((await one.db.highlights.get(taken))?.note).toBe('máy một');
    expect(await two.call('sync.noteConflicts', { id: kept })).toMatchObject({ value: { alternatives: [] } });
    // Only extension pages.
    expect(await one.call('sync.resolveNote', { id: kept, text: 'x' }, contentSender())).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('a device refused an encrypted database for want of its passphrase opens it once given it', async () => {
    const one = background();
    const two = background();
    const id = '0d0d0d0d-0000-4000-8000-000000000016';
    const database = 'clipmark-adopt';
    await one.ok('sync.configure', {
      config: { server: server.url, database, passphrase: 'cụm từ chung dài' },
    });
    await one.call('highlight.create', fakeDraft({ id, note: 'bí mật' }), contentSender());
    await one.ok('sync.now', {});
    await two.ok('sync.configure', { config: { server: server.url, database } });
    expect((await two.ok('sync.now', {})).lastRun).toMatchObject({
      ok: false,
      error: { code: 'passphrase-needed' },
    });
    const opened = await two.ok('sync.configure', {
      config: { server: server.url, database, passphrase: 'cụm từ chung dài' },
    });
    expect(opened.encrypted).toBe(true);
    expect((await two.ok('sync.now', {})).lastRun).toMatchObject({ ok: true });
    expect((await two.db.highlights.get(id))?.note).toBe('bí mật');
  });

  it('changing the passphrase seals the database again; the other device is refused until given the new one, and loses nothing', async () => {
    const one = background();
    const two = background();
    const id = '0d0d0d0d-0000-4000-8000-000000000005';
    const database = 'clipmark-rekey';
    const old = { config: { server: server.url, database, passphrase: 'cụm từ cũ dài' } };
    const renewed = { config: { server: server.url, database, passphrase: 'cụm từ mới dài hơn' } };
    await one.ok('sync.configure', old);
    await two.ok('sync.configure', old);
    await one.call('highlight.create', fakeDraft({ id, tags: ['bí mật'], note: 'gốc' }), contentSender());
    await one.ok('sync.now', {});
    await two.ok('sync.now', {});
    // Device two writes while device one changes the passphrase.
    await two.call('highlight.update', { id, changes: { note: 'viết trên máy hai' } });
    const changed = await one.ok('sync.configure', renewed);
    expect(changed).toMatchObject({ encrypted: true, lastRun: { ok: true } });
    expect((await one.ok('sync.now', {})).lastRun).toMatchObject({ ok: true });

    // Everything on the server opens with the new passphrase only.
    const fresh = background();
    await fresh.ok('sync.configure', old);
    expect((await fresh.ok('sync.now', {})).lastRun).toMatchObject({
      ok: false,
      error: { code: 'wrong-passphrase' },
    });
    await fresh.ok('sync.configure', renewed);
    expect((await fresh.ok('sync.now', {})).lastRun).toMatchObject({ ok: true, result: { rejected: 0 } });
    expect(await fresh.db.highlights.get(id)).toMatchObject({ note: 'gốc', tags: ['bí mật'] });

    expect((await two.ok('sync.now', {})).lastRun).toMatchObject({
      ok: false,
      error: { code: 'wrong-passphrase' },
    });
    await two.ok('sync.configure', renewed);
    expect((await two.ok('sync.now', {})).lastRun).toMatchObject({ ok: true, result: { rejected: 0 } });
    await one.ok('sync.now', {});
    expect((await one.db.highlights.get(id))?.note).toBe('viết trên máy hai');
    expect((await two.db.highlights.get(id))?.note).toBe('viết trên máy hai');
  });
});

describe('what a failed run says', () => {
  it('tells each answer of a CouchDB server apart, and a request nobody answered', () => {
    const cases: [unknown, string][] = [
      [{ status: 401, reason: 'Name or password is incorrect.' }, 'unauthorized'],
      [{ status: 401, reason: 'You are not a server admin.' }, 'missing'],
      [{ status: 403, reason: 'You are not allowed to access this db.' }, 'forbidden'],
      [{ status: 404, reason: 'Database does not exist.' }, 'missing'],
      [{ status: 413, reason: 'Document exceeds the limit' }, 'too-large'],
      [{ status: 507 }, 'full'],
      [{ status: 500, reason: 'insufficient_storage' }, 'full'],
      [Object.assign(new Error('quota'), { name: 'QuotaExceededError' }), 'local-full'],
      [new TypeError('Failed to fetch'), 'unreachable'],
      [new TypeError('NetworkError when attempting to fetch resource.'), 'unreachable'],
      [new Error('Unexpected token < in JSON'), 'server'],
    ];
    for (const [error, code] of cases) expect(describeError(error).code, JSON.stringify(error)).toBe(code);
  });
});
