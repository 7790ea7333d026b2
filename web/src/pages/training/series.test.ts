import { describe, expect, it } from "vitest";
import { type MetricRow, lastIteration, lossColumns, mergeByIteration, metricColumns, metricNames, num, sameValues, similarityColumns, toLoss, toMetric, toRows, toSample, voiceCount } from "./series";

describe("reading the wire", () => {
  it("turns non-finite numbers (sent as strings) into null", () => {
    expect(num(1.5)).toBe(1.5);
    expect(num("NaN")).toBeNull();
    expect(num("Infinity")).toBeNull();
    expect(num(null)).toBeNull();
    expect(num(undefined)).toBeNull();
  });

  it("reads loss rows and drops rows without an iteration", () => {
    const rows = toRows([{ iteration: 3, critic: -1, generator: 2, gradientPenalty: "NaN", wasserstein: 0.5, seconds: 1.2 }, { critic: 1 }, null], toLoss);
    expect(rows).toEqual([{ iteration: 3, critic: -1, generator: 2, gradientPenalty: null, wasserstein: 0.5, seconds: 1.2 }]);
  });

  it("reads the metrics document: generated and reference values per metric and voice", () => {
    const row = toMetric({
      iteration: 50,
      similarityIndex: 0.8,
      metrics: { generated: { consonance_rate: [null, 0.6, "NaN"] }, reference: { consonance_rate: [null, 0.68, 0.78] } },
    });
    expect(row).toEqual({ iteration: 50, similarityIndex: 0.8, generated: { consonance_rate: [null, 0.6, null] }, reference: { consonance_rate: [null, 0.68, 0.78] } });
  });

  it("reads a metric row without metrics or reference", () => {
    expect(toMetric({ iteration: 0, similarityIndex: null, metrics: {} })).toEqual({ iteration: 0, similarityIndex: null, generated: {}, reference: {} });
  });

  it("reads sample rows", () => {
    expect(toSample({ iteration: 100, midi: "/m", png: null })).toEqual({ iteration: 100, midi: "/m", png: null });
    expect(toSample({ iteration: 100 })).toBeNull();
  });
});

describe("mergeByIteration", () => {
  const r = (iteration: number, v = 0) => ({ iteration, v });

  it("appends rows that come after", () => {
    expect(mergeByIteration([r(1), r(2)], [r(3), r(4)]).map((x) => x.iteration)).toEqual([1, 2, 3, 4]);
  });

  it("replaces rows of the same iteration and keeps the order", () => {
    const merged = mergeByIteration([r(1), r(2, 1), r(3)], [r(2, 9), r(0)]);
    expect(merged).toEqual([r(0), r(1), r(2, 9), r(3)]);
  });

  it("returns the same array when nothing comes in", () => {
    const rows = [r(1)];
    expect(mergeByIteration(rows, [])).toBe(rows);
  });

  it("knows the last iteration", () => {
    expect(lastIteration([])).toBe(-1);
    expect(lastIteration([r(4), r(9)])).toBe(9);
  });
});

describe("chart columns", () => {
  const rows: MetricRow[] = [
    { iteration: 0, similarityIndex: 0.5, generated: { polyphony: [1, 2], consonance_rate: [null, 0.5] }, reference: { polyphony: [1, 1.5] } },
    { iteration: 50, similarityIndex: 0.7, generated: { polyphony: [1, 1.6], zeta: [1] }, reference: { polyphony: [1, 1.5] } },
  ];

  it("lists metric names in the known order, then the others", () => {
    expect(metricNames(rows, ["consonance_rate", "polyphony"])).toEqual(["consonance_rate", "polyphony", "zeta"]);
  });

  it("gives one voice's generated and reference values", () => {
    expect(metricColumns(rows, "polyphony", 1)).toEqual({ x: [0, 50], generated: [2, 1.6], reference: [1.5, 1.5] });
    expect(metricColumns(rows, "consonance_rate", 1)).toEqual({ x: [0, 50], generated: [0.5, null], reference: [null, null] });
  });

  it("counts voices and gives the similarity index and losses", () => {
    expect(voiceCount(rows)).toBe(2);
    expect(similarityColumns(rows)).toEqual({ x: [0, 50], y: [0.5, 0.7] });
    const losses = [{ iteration: 1, critic: 2, generator: 3, gradientPenalty: null, wasserstein: 1, seconds: 0 }];
    expect(lossColumns(losses, "generator")).toEqual({ x: [1], y: [3] });
  });

  it("tells equal reference series apart from different ones", () => {
    expect(sameValues([1, 1, null], [1, 1])).toBe(true);
    expect(sameValues([1, 1], [1.2, 1.2])).toBe(false);
    expect(sameValues([null], [])).toBe(true);
  });
});
