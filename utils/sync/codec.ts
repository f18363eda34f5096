/**
 * Sync documents as stored in PouchDB and on the server: `{_id, kind, body}` in plain mode, `{_id, kind, enc}`
 * with a passphrase (the body sealed, bound to the id). Ids: `h:<highlight id>`, `a:<keyed address>`,
 * `t:<keyed folded tag name>`, `s:<setting>`, `c:<keyed address>` (docs/sync.md).
 */
import { type Envelope, fromBase64, keyedId, openJson, type SyncKeys, sealJson, toBase64 } from './crypto';
import type { SyncDoc, SyncKind } from './docs';

export interface StoredDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  /** A clipping's saved copy (`clipping.json`): base64 data when written or read with it, else a stub. */
  _attachments?: Record<string, { content_type: string; data?: string; stub?: boolean; length?: number }>;
  kind: SyncKind;
  body?: SyncDoc;
  enc?: Envelope;
}

const PREFIX: Record<SyncKind, string> = {
  highlight: 'h:',
  article: 'a:',
  tag: 't:',
  setting: 's:',
  clipping: 'c:',
};
const KINDS = new Set<string>(Object.keys(PREFIX));

/** The document id of a record: highlight ids and setting names as they are, addresses and tags keyed. */
export async function docIdOf(kind: SyncKind, key: string, keys: SyncKeys | null): Promise<string> {
  if (kind === 'highlight' || kind === 'setting') return `${PREFIX[kind]}${key}`;
  return `${PREFIX[kind]}${await keyedId(keys, key)}`;
}

export async function sealDoc(id: string, doc: SyncDoc, keys: SyncKeys | null): Promise<StoredDoc> {
  return keys
    ? { _id: id, kind: doc.kind, enc: await sealJson(keys, doc, id) }
    : { _id: id, kind: doc.kind, body: doc };
}

/** Whether a stored document is one of ours (not `clipmark-keys`, a design document or a stranger's). */
export function isSyncDoc(stored: { _id: string; kind?: unknown }): stored is StoredDoc {
  return (
    typeof stored.kind === 'string' &&
    KINDS.has(stored.kind) &&
    stored._id.startsWith(PREFIX[stored.kind as SyncKind])
  );
}

/**
 * The document a stored one holds. Throws when it cannot be read: sealed without a passphrase given, sealed
 * with another key, or not of the kind its id says. The content is checked again before it enters the library.
 */
export async function openDoc(stored: StoredDoc, keys: SyncKeys | null): Promise<SyncDoc> {
  let doc: unknown;
  if (stored.enc) {
    if (!keys) throw new Error(`${stored._id} is encrypted and no passphrase is set`);
    doc = await openJson(keys, stored.enc, stored._id);
  } else {
    if (keys) throw new Error(`${stored._id} is not encrypted in an encrypted database`);
    doc = stored.body;
  }
  if (!doc || typeof doc !== 'object' || (doc as SyncDoc).kind !== stored.kind) {
    throw new Error(`${stored._id} does not hold a ${stored.kind}`);
  }
  return doc as SyncDoc;
}

/** The attachment of a clipping document, and the largest one synced (UTF-8 bytes of the article's JSON). */
export const CLIPPING_ATTACHMENT = 'clipping.json';
export const MAX_CLIPPING_BYTES = 16 * 1024 * 1024;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * A saved copy's article as its document's attachment (base64, as PouchDB takes it): its JSON, or that JSON
 * sealed (bound to the document id and attachment name) when encrypted. With its size and keyed digest.
 */
export async function sealAttachment(
  id: string,
  article: unknown,
  keys: SyncKeys | null,
): Promise<{ data: string; contentType: string; size: number; digest: string }> {
  const json = JSON.stringify(article);
  const bytes = utf8.encode(json);
  const digest = await keyedId(keys, json);
  if (!keys) return { data: toBase64(bytes), contentType: 'application/json', size: bytes.length, digest };
  const sealed = utf8.encode(JSON.stringify(await sealJson(keys, article, `${id}/${CLIPPING_ATTACHMENT}`)));
  return { data: toBase64(sealed), contentType: 'application/octet-stream', size: bytes.length, digest };
}

/** The article an attachment holds (checked again before it enters the library). */
export async function openAttachment(id: string, data: string, keys: SyncKeys | null): Promise<unknown> {
  const parsed: unknown = JSON.parse(fromUtf8.decode(fromBase64(data)));
  return keys ? openJson(keys, parsed as Envelope, `${id}/${CLIPPING_ATTACHMENT}`) : parsed;
}
