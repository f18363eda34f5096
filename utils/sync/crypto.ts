/**
 * End-to-end encryption of sync documents (opt-in; docs/sync.md). WebCrypto only:
 * PBKDF2-HMAC-SHA-256 turns the passphrase and a random salt into 64 bytes — an AES-GCM-256 key for document
 * bodies and an HMAC-SHA-256 key for the ids made from addresses and tag names. Each body is sealed with a
 * fresh 12-byte IV and the document's id as additional data, so a server cannot move a body to another id.
 */

/** PBKDF2 iterations for new keys: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA-256. */
export const PBKDF2_ITERATIONS = 600_000;
/** What a stored key record may ask for: fewer is too weak to accept, more would hang the worker. */
export const MIN_ITERATIONS = 100_000;
export const MAX_ITERATIONS = 10_000_000;

/** Ciphertext as stored: base64 of the IV and of AES-GCM's output (ciphertext and tag). */
export interface Envelope {
  v: 1;
  iv: string;
  ct: string;
}

/** The encryption parameters every device reads from the server (`clipmark-keys`); nothing secret. */
export interface KeyParams {
  v: 1;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  /** A known text sealed with the key: a wrong passphrase fails to open it. */
  check: Envelope;
}

export interface SyncKeys {
  encrypt: CryptoKey;
  ids: CryptoKey;
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('The encryption passphrase does not match the one this sync database was set up with.');
    this.name = 'WrongPassphraseError';
  }
}

const CHECK_TEXT = 'clipmark-keys';
const CHECK_AAD = 'clipmark-keys';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const hex = (buffer: ArrayBuffer) =>
  [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The keys for a passphrase (NFC, so the same words typed from NFD input give the same key) and salt. */
export async function deriveKeys(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 512),
  );
  const [encrypt, ids] = await Promise.all([
    crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']),
    crypto.subtle.importKey('raw', bits.slice(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  ]);
  return { encrypt, ids } satisfies SyncKeys;
}

/** New parameters (random salt) and their keys, for a database nobody encrypted yet. */
export async function createKeyParams(
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<{ params: KeyParams; keys: SyncKeys }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const keys = await deriveKeys(passphrase, salt, iterations);
  const check = await sealJson(keys, CHECK_TEXT, CHECK_AAD);
  return { params: { v: 1, kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), check }, keys };
}

/** The keys for stored parameters; `WrongPassphraseError` when the passphrase is not theirs. */
export async function unlockKeys(params: KeyParams, passphrase: string): Promise<SyncKeys> {
  if (
    params.v !== 1 ||
    params.kdf !== 'PBKDF2-SHA-256' ||
    !Number.isInteger(params.iterations) ||
    params.iterations < MIN_ITERATIONS ||
    params.iterations > MAX_ITERATIONS
  ) {
    throw new Error('The sync database’s encryption settings are not ones Clipmark can use.');
  }
  const keys = await deriveKeys(passphrase, fromBase64(params.salt), params.iterations);
  let check: unknown;
  try {
    check = await openJson(keys, params.check, CHECK_AAD);
  } catch {
    throw new WrongPassphraseError();
  }
  if (check !== CHECK_TEXT) throw new WrongPassphraseError();
  return keys;
}

/** Encrypts a JSON value, bound to `aad` (the document id). */
export async function sealJson(keys: SyncKeys, value: unknown, aad: string): Promise<Envelope> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
    keys.encrypt,
    encoder.encode(JSON.stringify(value)),
  );
  return { v: 1, iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/** Decrypts what `sealJson` made for the same `aad`; throws when the key, the id or the bytes differ. */
export async function openJson(keys: SyncKeys, envelope: Envelope, aad: string): Promise<unknown> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(envelope.iv), additionalData: encoder.encode(aad) },
    keys.encrypt,
    fromBase64(envelope.ct),
  );
  return JSON.parse(decoder.decode(plain));
}

/**
 * The id part for a private key (an address, a folded tag name): HMAC-SHA-256 under the passphrase's key, or
 * SHA-256 without encryption — the same on every device either way, so one article is one document.
 */
export async function keyedId(keys: SyncKeys | null, text: string): Promise<string> {
  const data = encoder.encode(text);
  return hex(
    keys ? await crypto.subtle.sign('HMAC', keys.ids, data) : await crypto.subtle.digest('SHA-256', data),
  );
}
