/**
 * The hashes that bind an import's preview to what is applied (issue 15, finding 5; see merge.ts): the file's
 * text, and the plan the merge would carry out with it.
 *
 * Two kinds, for two places. The file's text is hashed before the merge starts, with `crypto.subtle` (native,
 * fast, asynchronous). The plan is hashed while the merge's transaction is open, and IndexedDB commits a
 * transaction as soon as its code waits for anything else, so that hash has to be synchronous: `Sha256`, a
 * plain SHA-256 (FIPS 180-4), checked against Node's in tests/unit/import-preview.test.ts. Neither is a secret
 * or a signature; they only tell two plans apart.
 */
import { sliceEnds } from '../messaging/limits';

const primes = (n: number): number[] => {
  const out: number[] = [];
  for (let c = 2; out.length < n; c++) if (out.every((p) => c % p !== 0)) out.push(c);
  return out;
};
/** The first 32 bits of a number's fractional part (FIPS 180-4, 4.2.2 and 5.3.3). */
const fraction = (x: number): number => ((x - Math.floor(x)) * 2 ** 32) >>> 0;
const K = Uint32Array.from(primes(64), (p) => fraction(Math.cbrt(p)));
const H0 = Uint32Array.from(primes(8), (p) => fraction(Math.sqrt(p)));
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

const toHex = (words: Iterable<number>, width: number) =>
  [...words].map((w) => w.toString(16).padStart(width, '0')).join('');

/** SHA-256 of the UTF-8 of the texts given to `update`, in order. `hex()` ends it. */
export class Sha256 {
  private readonly h = H0.slice();
  private readonly block = new Uint8Array(64);
  private readonly view = new DataView(this.block.buffer);
  private readonly w = new Uint32Array(64);
  private readonly encoder = new TextEncoder();
  /** Bytes waiting in `block`, and all bytes so far. */
  private used = 0;
  private length = 0;

  update(text: string): this {
    const bytes = this.encoder.encode(text);
    this.length += bytes.length;
    for (let i = 0; i < bytes.length; ) {
      const n = Math.min(64 - this.used, bytes.length - i);
      this.block.set(bytes.subarray(i, i + n), this.used);
      this.used += n;
      i += n;
      if (this.used === 64) {
        this.compress();
        this.used = 0;
      }
    }
    return this;
  }

  hex(): string {
    const bits = this.length * 8;
    this.block[this.used++] = 0x80;
    if (this.used > 56) {
      this.block.fill(0, this.used);
      this.compress();
      this.used = 0;
    }
    this.block.fill(0, this.used, 56);
    this.view.setUint32(56, Math.floor(bits / 2 ** 32));
    this.view.setUint32(60, bits >>> 0);
    this.compress();
    return toHex(this.h, 8);
  }

  private compress(): void {
    const { w, h, view } = this;
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(t * 4);
    for (let t = 16; t < 64; t++) {
      const a = w[t - 15] as number;
      const b = w[t - 2] as number;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[t] = (w[t - 16] as number) + s0 + (w[t - 7] as number) + s1;
    }
    let [a, b, c, d, e, f, g, k] = h as unknown as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    for (let t = 0; t < 64; t++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const t1 = (k + s1 + ((e & f) ^ (~e & g)) + (K[t] as number) + (w[t] as number)) | 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, k].forEach((x, i) => {
      h[i] = (h[i] as number) + x;
    });
  }
}

/**
 * A digest of a file's text: SHA-256 over the SHA-256 of each slice of at most 1 Mi UTF-16 units (whole
 * characters), so no more than one slice is encoded at a time — a file may be 500 MB.
 */
export async function textDigest(text: string): Promise<string> {
  const encoder = new TextEncoder();
  const digests: Uint8Array[] = [];
  let start = 0;
  for (const end of sliceEnds(text, 1 << 20)) {
    digests.push(
      new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text.slice(start, end)))),
    );
    start = end;
  }
  const all = new Uint8Array(digests.length * 32);
  digests.forEach((d, i) => {
    all.set(d, i * 32);
  });
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', all)), 2);
}
