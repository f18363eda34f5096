/**
 * The library page's Sync section with a fake API: the fields go to `syncConfigure` as typed (the password and
 * passphrase never come back to the page), "Sync now", the last run's outcome and what to do about a failure,
 * and the notes two computers wrote differently, each one to keep.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SyncApi, SyncSection, syncAdvice } from '@/components/SyncSection';
import type { HighlightRecord, SyncSettingsRequest, SyncStatus } from '@/utils/messaging/background-map';

const OFF: SyncStatus = {
  configured: false,
  server: null,
  database: null,
  username: null,
  hasPassword: false,
  encrypted: false,
  pending: 2,
  running: false,
  conflicts: 0,
  conflictIds: [],
  lastRun: null,
};
const ID = '0d0d0d0d-0000-4000-8000-000000000001';
const highlight: HighlightRecord = {
  id: ID,
  url: 'https://baonamdinh.vn/a-1',
  quote: { type: 'TextQuoteSelector', exact: 'lò sấy lúa', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: 1 },
  color: 'yellow',
  tags: [],
  note: 'ghi chú máy này',
  createdAt: 1,
  updatedAt: 1,
};

function fakeApi(initial: SyncStatus = OFF) {
  let status = initial;
  const configured: SyncSettingsRequest['config'][] = [];
  const api = {
    configured,
    set(next: Partial<SyncStatus>) {
      status = { ...status, ...next };
    },
    syncStatus: vi.fn(async () => status),
    syncConfigure: vi.fn(async (config: SyncSettingsRequest['config']) => {
      configured.push(config);
      status = config
        ? {
            ...status,
            configured: true,
            server: config.server,
            database: config.database,
            username: config.username ?? null,
            hasPassword: !!config.password || (config.password === undefined && status.hasPassword),
            encrypted: !!config.passphrase || (config.passphrase === undefined && status.encrypted),
          }
        : OFF;
      return status;
    }),
    syncNow: vi.fn(async () => status),
    noteConflict: vi.fn(async () => ({
      highlight,
      alternatives: [{ text: 'ghi chú máy kia', at: Date.UTC(2026, 11, 8, 2, 0) }],
    })),
    resolveNote: vi.fn(async () => {
      status = { ...status, conflicts: 0, conflictIds: [] };
      return status;
    }),
  } satisfies SyncApi & Record<string, unknown>;
  return api;
}

let host: HTMLElement;
const settle = () => act(async () => new Promise((r) => setTimeout(r, 50)));
afterEach(() => {
  render(null, host);
  host.remove();
});
async function mount(api: SyncApi, lang = 'en') {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<SyncSection api={api} lang={lang} />, host));
  await settle();
}
const field = (label: string) => {
  const found = [...host.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label));
  const input = found?.querySelector('input');
  if (!input) throw new Error(`no field ${label}`);
  return input;
};
const type = async (label: string, value: string) => {
  const input = field(label);
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
};
const button = (name: string) => {
  const found = [...host.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
};
const click = async (name: string) => {
  await act(async () => button(name).click());
  await settle();
};

describe('the Sync section', () => {
  it('sends the settings as typed, then syncs; the password and passphrase are cleared and only said to be saved', async () => {
    const api = fakeApi();
    await mount(api);
    expect(host.textContent).toContain('Sync is off');
    expect(field('Database').value).toBe('clipmark');
    await type('Server address', 'https://couch.example.org');
    await type('User name', 'nhà nghiên cứu');
    await type('Password', 'mật khẩu');
    await type('Encryption passphrase', 'cụm mật khẩu dài');
    await click('Save and sync');
    expect(api.configured).toEqual([
      {
        server: 'https://couch.example.org',
        database: 'clipmark',
        username: 'nhà nghiên cứu',
        password: 'mật khẩu',
        passphrase: 'cụm mật khẩu dài',
      },
    ]);
    expect(api.syncNow).toHaveBeenCalledTimes(1);
    expect(field('Password').value).toBe('');
    expect(field('Password').placeholder).toContain('saved');
    expect(field('Encryption passphrase').value).toBe('');
    expect(host.textContent).toContain('Syncing with https://couch.example.org (database clipmark)');
    expect(host.textContent).toContain('End-to-end encrypted');

    // Saved again without typing them: the saved ones are kept (left out), not replaced by empty ones.
    await click('Save and sync');
    expect(api.configured[1]).toEqual({
      server: 'https://couch.example.org',
      database: 'clipmark',
      username: 'nhà nghiên cứu',
    });
    await click('Turn sync off');
    expect(api.configured[2]).toBeNull();
  });

  it('shows the last run: what was sent and received, or what to do about the failure', async () => {
    const at = Date.UTC(2026, 11, 8, 2, 30);
    const api = fakeApi({
      ...OFF,
      configured: true,
      server: 'http://127.0.0.1:5984',
      database: 'clipmark',
      lastRun: { at, ok: true, result: { pushed: 3, pulled: 1, applied: 4, merged: 0, rejected: 0 } },
    });
    await mount(api, 'vi');
    // (The date is written day first for vi; the fake browser answers the English messages.)
    expect(host.textContent).toMatch(/Last sync .+: sent 3, received 4\./);
    api.set({ lastRun: { at, ok: false, error: { code: 'unauthorized', message: 'refused' } } });
    await click('Sync now');
    expect(host.querySelector('[role="alert"]')?.textContent).toContain(
      'The server refused the user name or password. Check them, then save again.',
    );
    expect(host.textContent).toContain('Details: refused');
    expect(host.textContent).toContain('Your highlights are saved on this computer meanwhile');
    expect(host.textContent).toContain('2 changes waiting to be sent.');
  });

  it('has advice for every failure the background names', () => {
    for (const code of [
      'unauthorized',
      'forbidden',
      'missing',
      'too-large',
      'full',
      'local-full',
      'unreachable',
      'server',
      'stopped',
      'wrong-passphrase',
      'passphrase-needed',
      'not-encrypted',
      'rekey',
    ])
      expect(syncAdvice(code), code).toMatch(/\w{4,}.*\./);
    expect(syncAdvice('certainly-not-a-code')).toBeNull();
    expect(syncAdvice('unreachable')).toContain('certificate');
  });

  it('lists the notes in conflict, and keeps the one chosen, or both', async () => {
    const api = fakeApi({
      ...OFF,
      configured: true,
      server: 'http://127.0.0.1:5984',
      database: 'clipmark',
      conflicts: 1,
      conflictIds: [ID],
    });
    await mount(api);
    expect(host.textContent).toContain('Notes that differ between computers: 1');
    await click('Review');
    expect(host.textContent).toContain('lò sấy lúa');
    expect(host.textContent).toContain('ghi chú máy này');
    expect(host.textContent).toContain('ghi chú máy kia');
    const keep = [...host.querySelectorAll('button')].filter((b) => b.textContent === 'Keep this note');
    expect(keep).toHaveLength(2);
    await act(async () => keep[1]?.click());
    await settle();
    expect(api.resolveNote).toHaveBeenCalledWith(ID, 'ghi chú máy kia');
    expect(host.textContent).not.toContain('differ between computers');
  });

  it('offers to keep both notes, one after the other', async () => {
    const api = fakeApi({
      ...OFF,
      configured: true,
      server: 'https://c.example',
      database: 'x',
      conflicts: 1,
      conflictIds: [ID],
    });
    await mount(api);
    await click('Review');
    await click('Keep both, one after the other');
    expect(api.resolveNote).toHaveBeenCalledWith(ID, 'ghi chú máy này\n\nghi chú máy kia');
  });
});
