/**
 * A seeded pseudo-random generator for the property tests of this folder, so every random case is reproducible:
 * a linear congruential generator giving numbers in [0, 1]. Not for anything but tests.
 */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}
