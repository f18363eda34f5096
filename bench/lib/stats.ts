/** Small numeric and formatting helpers shared by the benchmarks. */
import { loadavg } from 'node:os';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
export const max = (xs: readonly number[]): number => Math.max(...xs);
export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
export const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : sum(xs) / xs.length);

/** Milliseconds, with fewer decimals as they grow. */
export const ms = (x: number): string =>
  !Number.isFinite(x)
    ? '—'
    : x >= 10_000
      ? `${(x / 1000).toFixed(1)} s`
      : x >= 100
        ? x.toFixed(0)
        : x.toFixed(1);
/** A ratio "×12" / "×0.8". */
export const ratio = (a: number, b: number): string => {
  const r = a / b;
  return !Number.isFinite(r) ? '—' : r >= 100 ? `×${r.toFixed(0)}` : `×${r.toFixed(r >= 10 ? 1 : 2)}`;
};
export const pct = (n: number, of: number): string => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)} %`);

/** A Markdown table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Load average when a run starts: other work on the machine skews absolute numbers more than ratios. */
export const machineLoad = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
