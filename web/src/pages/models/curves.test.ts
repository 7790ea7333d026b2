import { describe, expect, it } from "vitest";
import { lossCurves, similarityCurve } from "./curves";

describe("curves", () => {
  it("orders losses by iteration, keeping the last row of a repeated one", () => {
    const c = lossCurves([
      { iteration: 2, critic: -1, generator: 2, wasserstein: 0.5 },
      { iteration: 1, critic: "NaN", generator: 1, wasserstein: null },
      { iteration: 2, critic: -2, generator: 3, wasserstein: 0.4 },
    ]);
    expect(c.x).toEqual([1, 2]);
    expect(c.lines).toEqual([
      [null, -2],
      [1, 3],
      [null, 0.4],
    ]);
  });

  it("reads the similarity index per evaluation", () => {
    expect(similarityCurve([{ iteration: 100, similarityIndex: 0.8 }, { iteration: 0, similarityIndex: 0.5 }])).toEqual({ x: [0, 100], lines: [[0.5, 0.8]] });
    expect(similarityCurve([])).toEqual({ x: [], lines: [[]] });
  });
});
