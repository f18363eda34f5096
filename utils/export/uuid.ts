/** Stable Clipmark ids for annotations that come from elsewhere. */
import { z } from 'zod';

// Namespace of Clipmark's name-based UUIDs (RFC 9562 version 5); fixed forever, or re-imports would duplicate.
const NAMESPACE = '3f6c1e52-8a4d-4b7e-9c21-6d0f5a8b2e17';
const Uuid = z.uuid();

/**
 * The highlight id for an annotation id: the UUID of `urn:uuid:<uuid>` as written (Clipmark's own export),
 * else a version-5 UUID of the whole id, so importing the same foreign file twice gives the same ids.
 */
export async function foreignAnnotationId(annotationId: string): Promise<string> {
  const m = /^urn:uuid:(.+)$/i.exec(annotationId);
  if (m?.[1] && Uuid.safeParse(m[1]).success) return m[1];
  return uuidV5(annotationId, NAMESPACE);
}

export async function uuidV5(name: string, namespace: string): Promise<string> {
  const ns = Uint8Array.from(namespace.replace(/-/g, '').match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  const input = new Uint8Array([...ns, ...new TextEncoder().encode(name)]);
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-1', input)).slice(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of a record from another tool's file, named by its source and what identifies it there (stable). */
export function foreignRecordId(name: string): Promise<string> {
  return uuidV5(name, NAMESPACE);
}
