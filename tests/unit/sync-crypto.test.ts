/** The sync encryption envelope (utils/sync/crypto.ts) and the stored form of documents (utils/sync/codec.ts). */
import { describe, expect, it } from 'vitest';
import { docIdOf, isSyncDoc, openAttachment, openDoc, sealAttachment, sealDoc } from '@/utils/sync/codec';
import {
  createKeyParams,
  keyedId,
  MIN_ITERATIONS,
  openJson,
  PBKDF2_ITERATIONS,
  sealJson,
  unlockKeys,
  WrongPassphraseError,
} from '@/utils/sync/crypto';
import type { SettingDoc } from '@/utils/sync/docs';

const PASSPHRASE = 'lò sấy lúa mới của hợp tác xã';

describe('keys', () => {
  it('uses 600,000 PBKDF2 iterations for new keys', async () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    const { params } = await createKeyParams(PASSPHRASE);
    expect(params).toMatchObject({ v: 1, kdf: 'PBKDF2-SHA-256', iterations: 600_000 });
  });

  it('opens with the same passphrase, also typed in decomposed form (NFD), and refuses another', async () => {
    const { params, keys } = await createKeyParams(PASSPHRASE, MIN_ITERATIONS);
    const again = await unlockKeys(params, PASSPHRASE.normalize('NFD'));
    const sealed = await sealJson(keys, { note: 'ghi chú' }, 'h:1');
    expect(await openJson(again, sealed, 'h:1')).toEqual({ note: 'ghi chú' });
    await expect(unlockKeys(params, 'lò sấy lúa cũ')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('refuses stored parameters too weak or too costly to use', async () => {
    const { params } = await createKeyParams(PASSPHRASE, MIN_ITERATIONS);
    await expect(unlockKeys({ ...params, iterations: 1000 }, PASSPHRASE)).rejects.toThrow(
      /cannot use|can use/,
    );
    await expect(unlockKeys({ ...params, iterations: 1e9 }, PASSPHRASE)).rejects.toThrow();
  });
});

describe('envelope', () => {
  it('holds no plain text, differs each time, and opens only for the id it was sealed for', async () => {
    const { keys } = await createKeyParams(PASSPHRASE, MIN_ITERATIONS);
    const value = { quote: 'Hợp tác xã Đồng Tiến', tags: ['nông nghiệp'] };
    const one = await sealJson(keys, value, 'h:1');
    const two = await sealJson(keys, value, 'h:1');
    expect(one.ct).not.toBe(two.ct);
    expect(JSON.stringify(one)).not.toMatch(/Đồng|nông|tác/);
    await expect(openJson(keys, one, 'h:2')).rejects.toThrow();
    const tampered = { ...one, ct: `${one.ct.slice(0, -4)}AAAA` };
    await expect(openJson(keys, tampered, 'h:1')).rejects.toThrow();
  });

  it('makes ids from private keys the same on every device, and unguessable without the passphrase', async () => {
    const { params, keys } = await createKeyParams(PASSPHRASE, MIN_ITERATIONS);
    const other = await unlockKeys(params, PASSPHRASE);
    const url = 'https://baonamdinh.vn/a';
    expect(await keyedId(keys, url)).toBe(await keyedId(other, url));
    expect(await keyedId(keys, url)).not.toBe(await keyedId(null, url));
    expect(await keyedId(null, url)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('stored documents', () => {
  const setting: SettingDoc = { kind: 'setting', key: 'autoClip', value: { value: false, at: 5 } };

  it('round-trips plain and sealed documents; ids carry the kind', async () => {
    const { keys } = await createKeyParams(PASSPHRASE, MIN_ITERATIONS);
    expect(await docIdOf('highlight', 'abc', keys)).toBe('h:abc');
    expect(await docIdOf('article', 'https://example.com/', keys)).toMatch(/^a:[0-9a-f]{64}$/);
    const plain = await sealDoc('s:autoClip', setting, null);
    expect(plain).toEqual({ _id: 's:autoClip', kind: 'setting', body: setting });
    expect(await openDoc(plain, null)).toEqual(setting);
    const sealed = await sealDoc('s:autoClip', setting, keys);
    expect(sealed.body).toBeUndefined();
    expect(await openDoc(sealed, keys)).toEqual(setting);
  });

  it('refuses a plain document in an encrypted database, a sealed one without keys, and a kind its id does not say', async () => {
    const { keys } = await createKeyParams(PASSPHRASE, MIN_ITERATIONS);
    await expect(openDoc(await sealDoc('s:autoClip', setting, null), keys)).rejects.toThrow(/not encrypted/);
    await expect(openDoc(await sealDoc('s:autoClip', setting, keys), null)).rejects.toThrow(/no passphrase/);
    await expect(openDoc({ _id: 's:x', kind: 'highlight', body: setting }, null)).rejects.toThrow(
      /does not hold/,
    );
    expect(isSyncDoc({ _id: 'clipmark-keys' })).toBe(false);
    expect(isSyncDoc({ _id: 'h:1', kind: 'setting' })).toBe(false);
    expect(isSyncDoc({ _id: 's:autoClip', kind: 'setting' })).toBe(true);
  });

  it('seals a saved copy’s attachment bound to its document, and sizes it in UTF-8 bytes of the plain JSON', async () => {
    const { keys } = await createKeyParams(PASSPHRASE, MIN_ITERATIONS);
    const article = { text: 'Đồng Tiến', html: '<p>Đồng Tiến</p>' };
    const plain = await sealAttachment('c:1', article, null);
    expect(plain).toMatchObject({
      contentType: 'application/json',
      size: new TextEncoder().encode(JSON.stringify(article)).length,
    });
    expect(await openAttachment('c:1', plain.data, null)).toEqual(article);
    const sealed = await sealAttachment('c:1', article, keys);
    expect(sealed.size).toBe(plain.size);
    expect(sealed.digest).not.toBe(plain.digest);
    expect(new TextDecoder().decode(Uint8Array.from(atob(sealed.data), (c) => c.charCodeAt(0)))).not.toMatch(
      /Đồng|<p>/,
    );
    expect(await openAttachment('c:1', sealed.data, keys)).toEqual(article);
    await expect(openAttachment('c:2', sealed.data, keys)).rejects.toThrow();
  });
});
