/**
 * The peer re-reads the whole page for every quote, so it runs on a sample and its total is extrapolated.
 * Edited and unchanged quotes cost it very differently, so the sample is stratified and each class extrapolated
 * on its own: total ≈ n_exact · mean(exact) + n_edited · mean(edited).
 */
import { mean } from './stats';

/** `k` ids spread evenly over `ids` (all of them when k ≥ ids.length). */
export function spread(ids: readonly number[], k: number): number[] {
  if (k >= ids.length) return [...ids];
  return Array.from({ length: k }, (_, i) => ids[Math.floor((i * ids.length) / k)] as number);
}

/** Up to `size` ids of `ids`: a fifth (at least 5, if there are) edited ones, the rest unchanged. */
export function peerSample(ids: readonly number[], edited: readonly boolean[], size: number): number[] {
  const changed = ids.filter((i) => edited[i]);
  const same = ids.filter((i) => !edited[i]);
  const takeChanged = Math.min(changed.length, Math.max(5, Math.ceil(size / 5)));
  return [...spread(same, size - takeChanged), ...spread(changed, takeChanged)].sort((a, b) => a - b);
}

export interface Extrapolated {
  /** Estimated total over all `ids`, in ms. */
  total: number;
  /** Mean per quote, unchanged and edited. */
  perExact: number;
  perEdited: number;
  /** Estimated total of the edited quotes alone. */
  editedTotal: number;
  measured: number;
}

/** Extrapolates per-quote times measured on `sample` to all of `ids`. */
export function extrapolate(
  ids: readonly number[],
  edited: readonly boolean[],
  sample: readonly number[],
  perQuote: readonly number[],
): Extrapolated {
  const exactTimes = perQuote.filter((_, k) => !edited[sample[k] as number]);
  const editedTimes = perQuote.filter((_, k) => edited[sample[k] as number]);
  const nEdited = ids.filter((i) => edited[i]).length;
  const perExact = mean(exactTimes);
  const perEdited = mean(editedTimes);
  const editedTotal = nEdited * perEdited;
  return {
    total: (ids.length - nEdited) * perExact + editedTotal,
    perExact,
    perEdited,
    editedTotal,
    measured: sample.length,
  };
}
