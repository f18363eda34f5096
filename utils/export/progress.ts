/** Progress of a long import, reported to the caller without flooding it. */

/** Reports progress at most every `step` units, and always at the end. */
export class Progress {
  private done = 0;
  private last = 0;
  private lastBreath = Date.now();
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

  /**
   * Lets other work through during a long synchronous stretch (validating 100,000 records): the background
   * answers one message at a time, and the page asks for progress while the import runs. Yields at most
   * every `BREATH_MS`, so it costs nothing measurable.
   */
  async breathe(): Promise<void> {
    const now = Date.now();
    if (now - this.lastBreath < BREATH_MS) return;
    this.lastBreath = now;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const BREATH_MS = 50;
