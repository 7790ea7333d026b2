import { describe, expect, it } from "vitest";
import { buildRequest, checkName, EMPTY_VALUES, FIELDS, LAB_DEFAULTS, lengthModeOf, parseTags, parseTransposition, recipeValues, validate, type Values } from "./params";

const lab = (changes: Partial<Values> = {}): Values => ({ ...LAB_DEFAULTS, ...changes });

describe("the lab's defaults", () => {
  it("are valid as they stand", () => {
    expect(validate(LAB_DEFAULTS, "iterations")).toEqual({});
  });

  it("match TrainingOptions and GanArchitecture", () => {
    expect(LAB_DEFAULTS.iterations).toBe("1000");
    expect(LAB_DEFAULTS.batchSize).toBe("64");
    expect(LAB_DEFAULTS.generatorLearningRate).toBe("0.001");
    expect(LAB_DEFAULTS.criticSteps).toBe("5");
    expect(LAB_DEFAULTS.gradientPenaltyWeight).toBe("10");
    expect(LAB_DEFAULTS.checkpointEvery).toBe("50");
    expect(LAB_DEFAULTS.filters).toBe("64");
    expect(LAB_DEFAULTS.latentChannels).toBe("512");
    expect(LAB_DEFAULTS.transposition).toBe("none");
  });

  it("give every field a sentence and a range", () => {
    for (const f of FIELDS) {
      expect(f.help.length).toBeGreaterThan(10);
      expect(f.range.length).toBeGreaterThan(2);
    }
  });
});

describe("validate mirrors the server", () => {
  it("checks integer ranges with the server's sentences", () => {
    expect(validate(lab({ iterations: "0" }), "iterations").iterations).toBe("The number of iterations must be 1..10000000, not 0.");
    expect(validate(lab({ batchSize: "4097" }), "iterations").batchSize).toBe("The batch size must be 1..4096, not 4097.");
    expect(validate(lab({ criticSteps: "101" }), "iterations").criticSteps).toMatch(/1\.\.100/);
    expect(validate(lab({ tracks: "1" }), "iterations").tracks).toBe("The number of tracks must be 2..16, not 1.");
  });

  it("asks for whole numbers and numbers", () => {
    expect(validate(lab({ batchSize: "6.5" }), "iterations").batchSize).toBe("Enter a whole number.");
    expect(validate(lab({ beta1: "abc" }), "iterations").beta1).toMatch(/Enter a number/);
    expect(validate(lab({ generatorLearningRate: "1e-4" }), "iterations")).toEqual({});
  });

  it("checks learning rates, betas and the penalty weight at their open and closed ends", () => {
    expect(validate(lab({ generatorLearningRate: "0" }), "iterations").generatorLearningRate).toMatch(/above 0 and at most 1/);
    expect(validate(lab({ criticLearningRate: "1" }), "iterations")).toEqual({});
    expect(validate(lab({ beta2: "1" }), "iterations").beta2).toBe("Adam's beta2 must be in [0, 1), not 1.");
    expect(validate(lab({ beta1: "0" }), "iterations")).toEqual({});
    expect(validate(lab({ gradientPenaltyWeight: "-1" }), "iterations").gradientPenaltyWeight).toMatch(/0\.\.1000000/);
  });

  it("checks the length field of the chosen mode only", () => {
    expect(validate(lab({ iterations: "0", epochs: "2" }), "epochs")).toEqual({});
    expect(validate(lab({ epochs: "" }), "epochs").epochs).toMatch(/Enter the number of epochs/);
    expect(validate(lab({ epochs: "0" }), "epochs").epochs).toMatch(/above 0/);
  });

  it("checks fields against each other when both are known", () => {
    expect(validate(lab({ previewSamples: "65" }), "iterations").previewSamples).toBe("The number of preview samples must be 1..64 (the evaluation samples), not 65.");
    expect(validate(lab({ conditionTrack: "4" }), "iterations").conditionTrack).toBe("The melody track 4 is outside the 4 tracks.");
    expect(validate(lab({ conditionOctaves: "3", pitches: "16" }), "iterations").conditionOctaves).toMatch(/need more than 24 pitches/);
    expect(validate(lab({ lowestPitch: "36", pitches: "128" }), "iterations").lowestPitch).toBe("The pitches 36..163 must lie within MIDI 0..127.");
    expect(validate(lab({ lowestPitch: "36", pitches: "64" }), "iterations")).toEqual({});
  });

  it("leaves a check to the server when a recipe's value is unknown", () => {
    const values = { ...EMPTY_VALUES, conditionTrack: "5" };
    expect(validate(values, "iterations", {})).toEqual({});
    expect(validate(values, "iterations", { tracks: "4" }).conditionTrack).toMatch(/outside the 4 tracks/);
  });

  it("checks steps and pitches as multiples of 16", () => {
    expect(validate(lab({ steps: "40" }), "iterations").steps).toMatch(/multiple of 16/);
    expect(validate(lab({ pitches: "100" }), "iterations").pitches).toMatch(/multiple of 16/);
  });

  it("checks the split, the transposition and the seed", () => {
    expect(validate(lab({ split: "all" }), "iterations").split).toBe("The split must be train, valid or test.");
    expect(validate(lab({ transposition: "200" }), "iterations").transposition).toMatch(/1\.\.127/);
    expect(validate(lab({ seed: "-1" }), "iterations").seed).toMatch(/seed must be/);
    expect(validate(lab({ seed: "123456789" }), "iterations")).toEqual({});
  });
});

describe("names, tags and transpositions", () => {
  it("checks names as DatasetCatalog.IsValidName", () => {
    expect(checkName("")).toBeUndefined();
    expect(checkName("my-bach.2")).toBeUndefined();
    expect(checkName("My Bach")).toMatch(/lower-case/);
    expect(checkName("-x")).toMatch(/starting with a letter/);
    expect(checkName("a".repeat(65))).toBeDefined();
  });

  it("splits tags on commas and spaces", () => {
    expect(parseTags(" chorale, bach  bach,")).toEqual(["chorale", "bach"]);
    expect(parseTags("")).toEqual([]);
  });

  it("reads transpositions as Transposition.TryParse", () => {
    expect(parseTransposition("None")).toBe("none");
    expect(parseTransposition("0")).toBe("none");
    expect(parseTransposition("ALL")).toBe("all");
    expect(parseTransposition("±3")).toBe("3");
    expect(parseTransposition("+ 5")).toBe("5");
    expect(parseTransposition("128")).toBeNull();
    expect(parseTransposition("-3")).toBeNull();
  });
});

describe("recipes and requests", () => {
  it("reads a model's training block and architecture", () => {
    const v = recipeValues(
      { iterations: 2400, batchSize: 64, transposition: "all", split: "train", seed: 0 },
      { filters: 16, conditionOctaves: 3, criticFilters: null, tracks: 4, steps: 32, lowestPitch: 36, pitches: 64, latentChannels: 512 },
    );
    expect(v.iterations).toBe("2400");
    expect(v.transposition).toBe("all");
    expect(v.filters).toBe("16");
    expect(v.criticFilters).toBe("");
    expect(v.lowestPitch).toBe("36");
    expect(v.generatorLearningRate).toBeUndefined();
    expect(lengthModeOf({ epochs: 3 })).toBe("epochs");
    expect(lengthModeOf({ iterations: 10 })).toBe("iterations");
  });

  it("sends the non-empty fields as numbers, and only the chosen length", () => {
    const values = { ...EMPTY_VALUES, iterations: "500", epochs: "2", generatorLearningRate: "1e-4", transposition: "±2", split: "valid" };
    const request = buildRequest(values, "iterations", { name: " run-1 ", dataset: "jsb-chorales", tags: [], baseModel: "bach-chorales" });
    expect(request).toEqual({
      name: "run-1",
      dataset: "jsb-chorales",
      baseModel: "bach-chorales",
      iterations: 500,
      generatorLearningRate: 0.0001,
      transposition: "2",
      split: "valid",
    });
    const byEpochs = buildRequest(values, "epochs", { name: "", dataset: "pop", tags: ["pop"], baseModel: null });
    expect(byEpochs).toEqual({ dataset: "pop", tags: ["pop"], epochs: 2, generatorLearningRate: 0.0001, transposition: "2", split: "valid" });
  });
});
