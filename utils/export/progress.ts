/** Progress of a long import, reported to the caller without flooding it. */

/** Reports progress at most every `step` units, and always at the end. */
export class Progress {
  private done = 0;
  private last = 0;
  constructor(
    readonly total: number,
    private readonly report?: (done: number, total: number) => void,
    private readonly step = Math.max(1, Math.ceil(total / 100)),
  ) {}
  tick(n = 1): void {
    this.done = Math.min(this.total, this.done + n);
    const finished = this.done === this.total && this.done !== this.last;
    if (this.report && (this.done - this.last >= this.step || finished)) {
      this.last = this.done;
      this.report(this.done, this.total);
    }
  }
}
