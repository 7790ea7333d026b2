import { describe, expect, it } from "vitest";
import { parseRunEvent } from "./events";

const job = {
  id: "j1",
  name: "run",
  state: "training",
  progress: { iteration: 10, iterations: 100, etaSeconds: 30 },
  dataset: "jsb-chorales",
  training: { iterations: 100 },
  architecture: { tracks: 4 },
  cancelRequested: false,
  attempts: 1,
};

describe("parseRunEvent", () => {
  it("reads a job event", () => {
    const e = parseRunEvent("job", JSON.stringify(job));
    expect(e?.kind).toBe("job");
    if (e?.kind === "job") expect(e.job.progress.iteration).toBe(10);
  });

  it("refuses a job event without progress", () => {
    expect(parseRunEvent("job", JSON.stringify({ id: "x", state: "queued" }))).toBeNull();
  });

  it("reads losses with non-finite values as gaps", () => {
    const e = parseRunEvent("losses", '[{"iteration":1,"critic":"NaN","generator":0.5,"gradientPenalty":0.1,"wasserstein":2,"seconds":0.3}]');
    expect(e).toEqual({ kind: "losses", rows: [{ iteration: 1, critic: null, generator: 0.5, gradientPenalty: 0.1, wasserstein: 2, seconds: 0.3 }] });
  });

  it("reads metrics and samples", () => {
    const m = parseRunEvent("metrics", '[{"iteration":0,"similarityIndex":0.4,"metrics":{"generated":{"polyphony":[1,2]},"reference":{"polyphony":[1,1.5]}}}]');
    expect(m?.kind === "metrics" && m.rows[0]?.reference["polyphony"]).toEqual([1, 1.5]);
    const s = parseRunEvent("sample", '{"iteration":50,"midi":"/api/training-jobs/j1/samples/50/midi","png":"/api/training-jobs/j1/samples/50/png"}');
    expect(s).toEqual({ kind: "sample", sample: { iteration: 50, midi: "/api/training-jobs/j1/samples/50/midi", png: "/api/training-jobs/j1/samples/50/png" } });
  });

  it("reads the deletion notice", () => {
    expect(parseRunEvent("deleted", '{"id":"j1"}')).toEqual({ kind: "deleted", id: "j1" });
  });

  it("ignores payloads that are not JSON, of the wrong shape, or of unknown events", () => {
    expect(parseRunEvent("losses", "not json")).toBeNull();
    expect(parseRunEvent("losses", '{"iteration":1}')).toBeNull();
    expect(parseRunEvent("sample", "[]")).toBeNull();
    expect(parseRunEvent("other", "{}")).toBeNull();
  });
});
