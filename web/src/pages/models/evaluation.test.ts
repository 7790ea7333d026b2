import { describe, expect, it } from "vitest";
import { closer, compareReports, figure, headlineOf, headlineOfReport, headlineSentence, metricLabel, parseReport, pickPair, tally, voicesOf } from "./evaluation";

const modelJson = {
  similarity_index: 0.9163170617295103,
  baseline_similarity_index: 0.746198830409357,
  bach_train_similarity_index: 0.9599798638330077,
  "consonance_rate.alto": 0.6415839497938394,
  "consonance_rate.alto.bach": 0.6779918546365914,
  "consonance_rate.tenor": 0.7649417225860349,
  "consonance_rate.tenor.bach": 0.7859111319966584,
  "parallel_fifths_octaves_rate.alto": 0,
  "parallel_fifths_octaves_rate.alto.bach": 0,
  "parallel_fifths_octaves_rate.tenor": 0,
  "parallel_fifths_octaves_rate.tenor.bach": 0.004041297935103245,
};

const reportJson = {
  model: "bach-chorales",
  dataset: "jsb-chorales",
  split: "test",
  windows: 570,
  raw: false,
  threshold: -1,
  keyPenalty: 1,
  trackNames: ["soprano", "alto", "tenor", "bass"],
  similarityIndex: 0.9163170617295103,
  baselineSimilarityIndex: 0.746198830409357,
  bachTrainSimilarityIndex: 0.9599798638330077,
  metrics: {
    pitches_used: {
      generated: [3.085964912280702, 3.125438596491228, 3.155263157894737, 3.995614035087719],
      bach: [3.085964912280702, 3.145614035087719, 3.376315789473684, 4.118421052631579],
      baseline: [3.08, 3.08, 3.08, 3.08],
    },
    consonance_rate: {
      generated: [null, 0.6415839497938394, 0.7649417225860349, 0.8236934237475411],
      bach: [null, 0.6779918546365914, 0.7859111319966584, 0.8542136591478697],
      baseline: [null, 0, 1, 1],
    },
    parallel_fifths_octaves_rate: {
      generated: [null, 0, 0, "NaN"],
      bach: [null, 0, 0.004041297935103245, 0.0011423550087873463],
      baseline: [null, 0, 1, 1],
    },
  },
  seconds: 1.47,
};

describe("figure", () => {
  it("keeps finite numbers only", () => {
    expect(figure(0.5)).toBe(0.5);
    expect(figure(0)).toBe(0);
    expect(figure(null)).toBeNull();
    expect(figure("NaN")).toBeNull();
    expect(figure(Number.POSITIVE_INFINITY)).toBeNull();
    expect(figure(undefined)).toBeNull();
  });
});

describe("headlineOf", () => {
  it("reads a model.json's evaluation block, voices in the model's order", () => {
    const h = headlineOf(modelJson, ["soprano", "tenor", "alto"])!;
    expect(h.similarity).toBeCloseTo(0.916);
    expect(h.ceiling).toBeCloseTo(0.96);
    expect(h.baseline).toBeCloseTo(0.746);
    expect(h.voices.map((v) => v.voice)).toEqual(["tenor", "alto"]);
    expect(h.voices[1]).toEqual({ voice: "alto", consonance: modelJson["consonance_rate.alto"], consonanceBach: modelJson["consonance_rate.alto.bach"], parallels: 0, parallelsBach: 0 });
  });

  it("reads an evaluation view's camelCase headline", () => {
    const h = headlineOf({ similarityIndex: 0.8, baselineSimilarityIndex: null, bachTrainSimilarityIndex: 0.95 })!;
    expect(h).toEqual({ similarity: 0.8, baseline: null, ceiling: 0.95, voices: [] });
  });

  it("is null when there is nothing", () => {
    expect(headlineOf(null)).toBeNull();
    expect(headlineOf({})).toBeNull();
    expect(headlineOf({ similarity_index: "NaN" })).toBeNull();
  });
});

describe("headlineSentence", () => {
  it("writes the figures to 3 significant figures", () => {
    expect(headlineSentence(headlineOf(modelJson, ["soprano", "alto", "tenor"]))).toBe(
      "Similarity to Bach 0.916 (Bach's ceiling 0.96, baseline 0.746); consonance alto 0.642 (Bach 0.678), tenor 0.765 (Bach 0.786).",
    );
  });

  it("says when there is no evaluation", () => {
    expect(headlineSentence(null)).toBe("Not evaluated yet.");
    expect(headlineSentence({ similarity: null, baseline: null, ceiling: null, voices: [{ voice: "alto", consonance: null, consonanceBach: null, parallels: 0, parallelsBach: 0 }] })).toMatch(/undefined/);
  });
});

describe("parseReport", () => {
  it("reads a report, turning non-finite values into null", () => {
    const r = parseReport(reportJson)!;
    expect(r.trackNames).toEqual(["soprano", "alto", "tenor", "bass"]);
    expect(r.windows).toBe(570);
    expect(r.metrics.parallel_fifths_octaves_rate!.generated).toEqual([null, 0, 0, null]);
    expect(r.raw).toBe(false);
  });

  it("is null for what is not a report", () => {
    expect(parseReport(null)).toBeNull();
    expect(parseReport([1, 2])).toBeNull();
    expect(parseReport({ hello: 1 })).toBeNull();
  });

  it("gives the same headline as the model.json", () => {
    const h = headlineOfReport(parseReport(reportJson)!);
    expect(h.similarity).toBe(modelJson.similarity_index);
    expect(h.voices.map((v) => v.voice)).toEqual(["alto", "tenor", "bass"]);
    expect(h.voices[0]!.consonanceBach).toBe(modelJson["consonance_rate.alto.bach"]);
    expect(h.voices[2]!.parallels).toBeNull();
  });
});

describe("closer", () => {
  it("picks the value nearer its reference", () => {
    expect(closer(0.6, 0.7, 0.75, 0.7)).toBe("b");
    expect(closer(0.69, 0.7, 0.8, 0.7)).toBe("a");
    expect(closer(0.6, 0.7, 0.8)).toBe("tie");
    expect(closer(0.5, 0.6, 0.9, 1.0)).toBe("tie");
  });

  it("says nothing without both values and a reference", () => {
    expect(closer(null, 0.7, 0.8)).toBeNull();
    expect(closer(0.5, null, 0.8)).toBeNull();
    expect(closer(0.5, 0.7, 0.8, null)).toBeNull();
  });
});

describe("compareReports", () => {
  const a = parseReport(reportJson)!;
  const b = parseReport({
    ...reportJson,
    model: "other",
    trackNames: ["soprano", "alto", "tenor", "bass", "extra"],
    similarityIndex: 0.95,
    metrics: {
      consonance_rate: { generated: [null, 0.7, 0.7, 0.9, 0.5], bach: [...reportJson.metrics.consonance_rate.bach, 0.6], baseline: [] },
      tonal_distance: { generated: [null, 1, 1, 1, 1], bach: [null, 1.7, 1.6, 1.5, 1.4] },
    },
  })!;
  const rows = compareReports(a, b);

  it("puts the similarity index first with Bach's ceiling as reference", () => {
    expect(rows[0]).toMatchObject({ metric: "similarity_index", voice: null, a: a.similarityIndex, b: 0.95, refA: a.bachTrainSimilarityIndex, closer: "b" });
  });

  it("has every metric per accompanying voice of either report, melody left out", () => {
    expect(voicesOf(a, b)).toEqual(["alto", "tenor", "bass", "extra"]);
    const consonance = rows.filter((r) => r.metric === "consonance_rate");
    expect(consonance.map((r) => r.voice)).toEqual(["alto", "tenor", "bass", "extra"]);
    expect(consonance[0]).toMatchObject({ a: 0.6415839497938394, b: 0.7, closer: "b" });
    expect(consonance[3]).toMatchObject({ a: null, b: 0.5, refA: null, refB: 0.6, closer: null });
    expect(rows.filter((r) => r.metric === "pitches_used").map((r) => r.b)).toEqual([null, null, null]);
    expect(rows.some((r) => r.metric === "tonal_distance" && r.voice === "bass" && r.a === null && r.b === 1)).toBe(true);
  });

  it("tallies which side is closer", () => {
    const t = tally(rows);
    expect(t.total).toBe(t.a + t.b + t.tie);
    expect(t.b).toBeGreaterThan(0);
  });
});

describe("pickPair", () => {
  const e = (id: string, dataset = "jsb-chorales", split = "test") => ({ id, dataset, split });

  it("takes both latest when they match", () => {
    expect(pickPair([e("a1"), e("a0")], [e("b1"), e("b0")])).toEqual(["a1", "b1"]);
  });

  it("prefers B's evaluation on A's split", () => {
    expect(pickPair([e("a1")], [e("b2", "jsb-chorales", "valid"), e("b1")])).toEqual(["a1", "b1"]);
  });

  it("falls back to A's evaluation on B's split", () => {
    expect(pickPair([e("a2", "pop"), e("a1", "jsb-chorales", "valid")], [e("b1", "jsb-chorales", "valid")])).toEqual(["a1", "b1"]);
    expect(pickPair([e("a2", "pop")], [e("b1")])).toEqual(["a2", "b1"]);
  });

  it("leaves a side without evaluations empty", () => {
    expect(pickPair([], [e("b1")])).toEqual([null, "b1"]);
    expect(pickPair([e("a1")], [])).toEqual(["a1", null]);
    expect(pickPair([], [])).toEqual([null, null]);
  });
});

describe("metricLabel", () => {
  it("names known metrics and spells out others", () => {
    expect(metricLabel("consonance_rate")).toBe("Consonance with the melody");
    expect(metricLabel("new_metric_x")).toBe("New metric x");
  });
});
