/**
 * Growable typed-array helpers. The index keeps its columns and postings in typed arrays rather than JS arrays
 * of objects: about 4 bytes per entry instead of 30+, and they serialize to IndexedDB without JSON.
 */

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
  items: Uint32Array[] = [];
  lens: number[] = [];

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
    let a = this.items[list] as Uint32Array;
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

  /** Bytes held by the lists' backing stores (shared buffers counted once). */
  bytes(): number {
    const seen = new Set<ArrayBufferLike>();
    let total = 0;
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

/** `a[i]++` (returns the old value) under `noUncheckedIndexedAccess`. */
export function inc(a: NumArray, i: number): number {
  const v = a[i] as number;
  a[i] = v + 1;
  return v;
}
