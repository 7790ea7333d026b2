import { describe, expect, it } from "vitest";
import { alignSeries, decimate, formatIteration, formatValue, lastDefined, summarize } from "./data";

describe("alignSeries", () => {
  it("puts two runs on the union of their iterations, null where a run has no point", () => {
    const a = { x: [0, 50, 100], ys: [[1, 2, 3]] };
    const b = { x: [0, 25, 50], ys: [[10, 20, 30], [7, 8, 9]] };
    const aligned = alignSeries([a, b]);
    expect(aligned.x).toEqual([0, 25, 50, 100]);
    expect(aligned.ys).toEqual([
      [1, null, 2, 3],
      [10, 20, 30, null],
      [7, 8, 9, null],
    ]);
  });

  it("sorts unsorted x values and handles an empty run", () => {
    const aligned = alignSeries([{ x: [3, 1], ys: [[30, 10]] }, { x: [], ys: [[]] }]);
    expect(aligned.x).toEqual([1, 3]);
    expect(aligned.ys).toEqual([[10, 30], [null, null]]);
  });
});

describe("decimate", () => {
  it("keeps short series whole", () => {
    expect(decimate([1, 2, 3], [[4, 5, 6]], 10)).toEqual({ x: [1, 2, 3], ys: [[4, 5, 6]] });
  });

  it("keeps every k-th point and always the last", () => {
    const x = Array.from({ length: 10 }, (_, i) => i);
    const got = decimate(x, [x.map((v) => v * 10)], 4);
    expect(got.x).toEqual([0, 3, 6, 9]);
    expect(got.ys[0]).toEqual([0, 30, 60, 90]);
    const odd = decimate(x.slice(0, 9), [x.slice(0, 9)], 4);
    expect(odd.x).toEqual([0, 3, 6, 8]);
  });
});

describe("lastDefined and formatValue", () => {
  it("finds the last finite value", () => {
    expect(lastDefined([1, 2, null, NaN])).toEqual({ index: 1, value: 2 });
    expect(lastDefined([null])).toBeNull();
  });

  it("writes 3 significant figures, exponents for tiny and huge values", () => {
    expect(formatValue(1.23456)).toBe("1.23");
    expect(formatValue(-12.5)).toBe("-12.5");
    expect(formatValue(0.0001234)).toBe("1.23e-4");
    expect(formatValue(250000)).toBe("2.50e5");
    expect(formatValue(null)).toBe("–");
    expect(formatValue(0)).toBe("0");
  });
});

describe("formatIteration", () => {
  it("writes iterations as whole numbers with separators, millions short", () => {
    expect(formatIteration(950)).toBe("950");
    expect(formatIteration(12000)).toBe("12,000");
    expect(formatIteration(1500000)).toBe("1.5M");
  });
});

describe("summarize", () => {
  it("names each line's latest value and iteration", () => {
    expect(summarize("Critic loss", [0, 1, 2], [{ label: "critic", values: [1, 2, null] }])).toBe("Critic loss, latest values: critic 2 at iteration 1.");
    expect(summarize("Critic loss", [], [{ label: "critic", values: [] }])).toBe("Critic loss: no points yet.");
  });
});
