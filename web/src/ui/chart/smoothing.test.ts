import { describe, expect, it } from "vitest";
import { ema, MAX_SMOOTHING } from "./smoothing";

/** TensorBoard's resmoothDataset (vz_line_chart2), transcribed, as the oracle. */
function tensorBoard(ys: number[], weight: number): number[] {
  let last = ys.length > 0 ? 0 : NaN;
  let numAccum = 0;
  const isConstant = ys.every((v) => v === ys[0]);
  return ys.map((nextVal) => {
    if (isConstant || !Number.isFinite(nextVal)) return nextVal;
    last = last * weight + (1 - weight) * nextVal;
    numAccum++;
    const debiasWeight = weight !== 1 ? 1 - Math.pow(weight, numAccum) : 1;
    return last / debiasWeight;
  });
}

describe("ema", () => {
  it("matches TensorBoard's debiased moving average", () => {
    const ys = [3, -1, 4, 1, -5, 9, 2, 6, 5, 3, 5, 8, -9, 7, 9];
    for (const w of [0.1, 0.5, 0.6, 0.9, 0.99]) {
      const got = ema(ys, w);
      tensorBoard(ys, w).forEach((want, i) => expect(got[i]).toBeCloseTo(want, 12));
    }
  });

  it("starts at the first value (debiased, not pulled towards zero)", () => {
    expect(ema([10, 10.5], 0.9)[0]).toBeCloseTo(10, 12);
  });

  it("weight 0 returns the values", () => {
    expect(ema([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it("leaves a constant series exactly as it is", () => {
    expect(ema([0.1, 0.1, 0.1], 0.95)).toEqual([0.1, 0.1, 0.1]);
  });

  it("passes gaps and non-finite values through and skips them", () => {
    const got = ema([2, null, NaN, 4], 0.5);
    expect(got[1]).toBeNull();
    expect(got[2]).toBeNaN();
    // 4 is the second counted value: (0.5·(0.5·0+0.5·2)+0.5·4)/(1−0.25)
    expect(got[3]).toBeCloseTo((0.5 * 1 + 2) / 0.75, 12);
  });

  it("clamps the weight into 0..MAX_SMOOTHING", () => {
    expect(ema([1, 3], -1)).toEqual([1, 3]);
    expect(ema([1, 3], 5)).toEqual(ema([1, 3], MAX_SMOOTHING));
  });

  it("smooths a noisy series towards its mean", () => {
    const noisy = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const smoothed = ema(noisy, 0.9);
    expect(Math.abs(smoothed[399]!)).toBeLessThan(0.1);
  });
});
