/**
 * A highlight's `updatedAt` is also its version: an editor sends the one it started from with its save, and
 * the background refuses the save when the stored one differs (`highlight.update`, issue 15 finding 10). So
 * every change must move it on — also two changes within one millisecond, or after the clock went back.
 */
export function nextUpdatedAt(previous: number, time: number): number {
  return Math.max(time, previous + 1);
}
