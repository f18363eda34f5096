/**
 * Growable typed-array helpers. The index keeps its columns and postings in typed arrays rather than JS arrays
 * of objects: about 4 bytes per entry instead of 30+, and they serialize to IndexedDB without JSON.
 */

import { ByteReader, ByteWriter } from './varint';

export type NumArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/** `a` if it holds `n` items, else a copy at least twice as large. */
export function ensure<T extends NumArray>(a: T, n: number): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2, 16));
  b.set(a);
  return b;
}

/**
 * Many growable lists of unsigned ints (postings, docs per tag) sharing one layout. After a bulk build each
 * list is a view into one buffer; the first append to a full list moves it to its own doubled array.
 */
export class Lists {
  /** The lists; read them with `list(i)`: a restored list stays packed (PACKED here) until first used. */
  items: Uint32Array[] = [];
  lens: number[] = [];
  private packed?: { bytes: Uint8Array; at: Int32Array; shift: number; limit: number };

  /** List `i`, unpacked on first use. */
  list(i: number): Uint32Array {
    const a = this.items[i] as Uint32Array;
    return a === PACKED ? this.unpack(i) : a;
  }

  get count(): number {
    return this.items.length;
  }

  /** Adds an empty list, returning its index. */
  push(): number {
    this.items.push(EMPTY);
    this.lens.push(0);
    return this.items.length - 1;
  }

  append(list: number, value: number): void {
    let a = this.list(list);
    const n = this.lens[list] as number;
    if (n === a.length) {
      const b = new Uint32Array(Math.max(4, n * 2));
      b.set(a);
      this.items[list] = a = b;
    }
    a[n] = value;
    this.lens[list] = n + 1;
  }

  /** Replaces all lists by views of one buffer: `flat[start[i]..start[i + 1]]` is list i. */
  setFlat(start: Int32Array, flat: Uint32Array): void {
    const n = start.length - 1;
    this.items = new Array(n);
    this.lens = new Array(n);
    for (let i = 0; i < n; i++) {
      this.items[i] = flat.subarray(start[i] as number, start[i + 1] as number);
      this.lens[i] = (start[i + 1] as number) - (start[i] as number);
    }
  }

  /**
   * Adopts lists saved by `pack`: `counts[i]` entries each, list i in `bytes[at[i]..at[i + 1]]`. Nothing is
   * unpacked now: a cold start's first query unpacks only its own terms' lists. Numbers are below `limit`.
   */
  setPacked(counts: ArrayLike<number>, bytes: Uint8Array, shift: number, limit: number): void {
    const n = counts.length;
    const at = new Int32Array(n + 1);
    const r = new ByteReader(bytes);
    for (let i = 0; i < n; i++) at[i + 1] = (at[i] as number) + r.uint();
    const base = r.pos;
    if (base + (at[n] as number) !== bytes.length) throw new Error('corrupt search index');
    for (let i = 0; i <= n; i++) at[i] = (at[i] as number) + base;
    this.items = new Array(n);
    this.lens = new Array(n);
    for (let i = 0; i < n; i++) {
      const count = counts[i] as number;
      this.items[i] = count ? PACKED : EMPTY;
      this.lens[i] = count;
    }
    this.packed = { bytes, at, shift, limit };
  }

  private unpack(i: number): Uint32Array {
    const { bytes, at, shift, limit } = this.packed as NonNullable<typeof this.packed>;
    const n = this.lens[i] as number;
    const out = new Uint32Array(n);
    const r = new ByteReader(bytes, at[i] as number);
    // Entries ascend: each is stored as the gap to the previous number (minus one), a flag bit telling
    // whether the low bits (tf) differ from the usual 1 (0 for lists without low bits), then those bits if so.
    const low = (1 << shift) - 1;
    const usual = shift ? 1 : 0;
    let num = -1;
    for (let j = 0; j < n; j++) {
      const v = r.uint();
      num += (v >>> 1) + 1;
      const bits = v & 1 ? r.uint() : usual;
      if (bits > low || num >= limit) throw new Error('corrupt search index');
      out[j] = ((num << shift) | bits) >>> 0;
    }
    if (r.pos !== at[i + 1]) throw new Error('corrupt search index');
    this.items[i] = out;
    return out;
  }

  /**
   * The lists packed for `setPacked` (each must ascend by number, as postings do), as the byte lengths of the
   * lists followed by the lists; `map` renumbers (-1 drops the entry), `counts` receives the kept lengths.
   */
  pack(map: Int32Array, shift: number, counts: Int32Array): Uint8Array<ArrayBuffer> {
    const body = new ByteWriter(1 << 16);
    const lengths = new ByteWriter(this.count * 2 + 16);
    const low = (1 << shift) - 1;
    const usual = shift ? 1 : 0;
    for (let k = 0; k < this.count; k++) {
      const list = this.list(k);
      const from = body.length;
      let prev = -1;
      let kept = 0;
      for (let i = 0; i < (this.lens[k] as number); i++) {
        const v = list[i] as number;
        const to = map[v >>> shift] as number;
        if (to === -1) continue;
        if (to <= prev) throw new Error('search index list out of order');
        const bits = v & low;
        body.uint((((to - prev - 1) << 1) | (bits === usual ? 0 : 1)) >>> 0);
        if (bits !== usual) body.uint(bits);
        prev = to;
        kept++;
      }
      counts[k] = kept;
      lengths.uint(body.length - from);
    }
    const out = new Uint8Array(lengths.length + body.length);
    out.set(lengths.bytes.subarray(0, lengths.length));
    out.set(body.bytes.subarray(0, body.length), lengths.length);
    return out;
  }

  /** Bytes held by the lists' backing stores (shared buffers counted once), packed lists included. */
  bytes(): number {
    const seen = new Set<ArrayBufferLike>();
    let total = this.packed?.bytes.byteLength ?? 0;
    for (const a of this.items) {
      if (!seen.has(a.buffer)) {
        seen.add(a.buffer);
        total += a.buffer.byteLength;
      }
    }
    return total;
  }
}

const EMPTY = new Uint32Array(0);
/** Stands for a list still packed (distinct from EMPTY, which is a list with no entries). */
const PACKED = new Uint32Array(0);

/** `a[i]++` (returns the old value) under `noUncheckedIndexedAccess`. */
export function inc(a: NumArray, i: number): number {
  const v = a[i] as number;
  a[i] = v + 1;
  return v;
}
