/**
 * Smoothing of noisy training curves, as TensorBoard draws them: an exponential moving average
 * whose start is debiased (divided by 1 − weightⁿ), so that the first points are not pulled
 * towards zero. Non-finite values and gaps (null) are passed through and do not count.
 */

/** The largest weight accepted; 1 would freeze the curve at its first value. */
export const MAX_SMOOTHING = 0.999;

/**
 * TensorBoard's debiased exponential moving average of <paramref name="values" /> with smoothing
 * weight 0..0.999 (0: the values themselves). A constant series is returned unchanged (no
 * rounding wobble); null and non-finite entries stay where they are and are skipped.
 */
export function ema(values: readonly (number | null)[], weight: number): (number | null)[] {
  const w = Number.isFinite(weight) ? Math.min(MAX_SMOOTHING, Math.max(0, weight)) : 0;
  const first = values.find((v) => v !== null && Number.isFinite(v));
  const constant = values.every((v) => v === null || !Number.isFinite(v) || v === first);
  let last = 0;
  let count = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v) || constant || w === 0) return v;
    last = last * w + (1 - w) * v;
    count++;
    return last / (1 - Math.pow(w, count));
  });
}
