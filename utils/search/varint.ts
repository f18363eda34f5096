/**
 * Variable-length integers (7 bits a byte, low bits first) for the saved index: IndexedDB's cost is per byte
 * read, and most of the index's numbers (token ids by frequency, gaps between doc numbers, lengths) are small.
 */

export class ByteWriter {
  bytes: Uint8Array<ArrayBuffer>;
  length = 0;

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(capacity);
  }

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const b = new Uint8Array(Math.max(this.length + n, this.bytes.length * 2));
    b.set(this.bytes.subarray(0, this.length));
    this.bytes = b;
  }

  /** An integer in 0 .. 2^32 - 1. */
  uint(v: number): void {
    this.room(5);
    const b = this.bytes;
    let n = this.length;
    while (v >= 0x80) {
      b[n++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[n++] = v;
    this.length = n;
  }

  /** Any safe integer (sign in the lowest bit), with arithmetic rather than 32-bit operators. */
  int(v: number): void {
    let u = v < 0 ? -2 * v - 1 : 2 * v;
    this.room(8);
    while (u >= 0x80) {
      this.bytes[this.length++] = (u % 0x80) | 0x80;
      u = Math.floor(u / 0x80);
    }
    this.bytes[this.length++] = u;
  }

  /** The bytes written, in an array of their own size. */
  done(): Uint8Array<ArrayBuffer> {
    return this.bytes.slice(0, this.length);
  }
}

export class ByteReader {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {}

  uint(): number {
    const b = this.bytes;
    let byte = b[this.pos++] as number;
    let v = byte & 0x7f;
    let shift = 7;
    while (byte & 0x80) {
      if (this.pos > b.length || shift > 28) throw new Error('corrupt search index');
      byte = b[this.pos++] as number;
      v |= (byte & 0x7f) << shift;
      shift += 7;
    }
    return v >>> 0;
  }

  int(): number {
    const b = this.bytes;
    let u = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= b.length || scale > 2 ** 56) throw new Error('corrupt search index');
      const byte = b[this.pos++] as number;
      u += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) break;
      scale *= 0x80;
    }
    return u % 2 ? -(u + 1) / 2 : u / 2;
  }

  /** Throws unless every byte was read: a saved form cut short or padded is not trusted. */
  end(): void {
    if (this.pos !== this.bytes.length) throw new Error('corrupt search index');
  }
}

/** `values` as unsigned varints. */
export function packUints(values: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter(values.length + 16);
  for (let i = 0; i < values.length; i++) w.uint(values[i] as number);
  return w.done();
}

/**
 * Reads `out.length` unsigned varints into `out`, each below `max`; throws unless that uses every byte. One
 * inlined loop: a cold start runs it over every token of the library.
 */
export function unpackUints<T extends Uint8Array | Uint16Array | Int32Array | Uint32Array>(
  bytes: Uint8Array,
  out: T,
  max = 2 ** 32,
): T {
  const n = out.length;
  let p = 0;
  let bad = false;
  for (let i = 0; i < n; i++) {
    let b = bytes[p++] as number;
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[p++] as number;
      v += (b & 0x7f) * 2 ** shift;
      if (shift > 28) bad = true;
    }
    if (v >= max) bad = true;
    out[i] = v;
  }
  if (bad || p !== bytes.length) throw new Error('corrupt search index');
  return out;
}
