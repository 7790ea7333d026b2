import { describe, expect, it } from "vitest";
import type { TrainingJobView } from "../../api/types";
import { badgeClass, canResume, etaText, isFinished, isLive, metricInfo, progressFraction, progressText, roughDuration, secondsBetween, stateLabel, voiceNames } from "./jobs";

const job = (changes: Partial<TrainingJobView> = {}): TrainingJobView =>
  ({
    id: "j",
    name: "run",
    state: "training",
    progress: { iteration: 250, iterations: 1000, etaSeconds: 300 },
    dataset: "jsb-chorales",
    baseModel: null,
    training: { iterations: 1000, conditionTrack: 0 },
    architecture: { tracks: 4 },
    cancelRequested: false,
    attempts: 1,
    error: null,
    resultModel: null,
    createdAt: "2025-01-01T10:00:00Z",
    startedAt: "2025-01-01T10:00:05Z",
    updatedAt: "2025-01-01T10:01:00Z",
    finishedAt: null,
    ...changes,
  }) as TrainingJobView;

describe("states", () => {
  it("knows which states are finished and live", () => {
    expect(isFinished("completed")).toBe(true);
    expect(isFinished("evaluating")).toBe(false);
    expect(isLive(job())).toBe(true);
    expect(isLive(job({ state: "canceled" }))).toBe(false);
    expect(canResume(job({ state: "failed" }))).toBe(true);
    expect(canResume(job({ state: "completed" }))).toBe(false);
  });

  it("maps states onto the console's badges and words", () => {
    expect(badgeClass("training")).toBe("badge running");
    expect(badgeClass("preparing")).toBe("badge running");
    expect(badgeClass("completed")).toBe("badge completed");
    expect(stateLabel(job({ state: "preparing" }))).toBe("Preparing data");
    expect(stateLabel(job({ cancelRequested: true }))).toBe("Canceling…");
  });
});

describe("progress and time", () => {
  it("gives the fraction done and the counts", () => {
    expect(progressFraction(job())).toBe(0.25);
    expect(progressText(job())).toBe(`250 / ${(1000).toLocaleString()}`);
    expect(progressFraction(job({ state: "completed" }))).toBe(1);
  });

  it("knows the plan is open for a run given in epochs before it starts", () => {
    const byEpochs = job({ state: "queued", progress: { iteration: 0, iterations: 1, etaSeconds: null }, training: { epochs: 3 } });
    expect(progressFraction(byEpochs)).toBeUndefined();
    expect(progressText(byEpochs)).toBe("0 / 3 epochs");
  });

  it("writes rough durations", () => {
    expect(roughDuration(30)).toBe("under a minute");
    expect(roughDuration(4 * 60 + 10)).toBe("about 4 min");
    expect(roughDuration(2 * 3600 + 10 * 60)).toBe("about 2 h 10 min");
    expect(roughDuration(3600)).toBe("about 1 h");
    expect(roughDuration(5 * 86400)).toBe("about 5 days");
    expect(roughDuration(NaN)).toBe("–");
  });

  it("writes the time left", () => {
    expect(etaText(job())).toBe("about 5 min");
    expect(etaText(job({ state: "queued" }))).toBe("waiting to start");
    expect(etaText(job({ state: "completed" }))).toBe("–");
    expect(etaText(job({ progress: { iteration: 1, iterations: 2, etaSeconds: null } }))).toBe("–");
  });

  it("measures elapsed seconds", () => {
    expect(secondsBetween("2025-01-01T10:00:00Z", "2025-01-01T10:01:30Z")).toBe(90);
    expect(secondsBetween("2025-01-01T10:00:00Z", null, Date.parse("2025-01-01T10:00:10Z"))).toBe(10);
    expect(secondsBetween(null, null)).toBeNull();
  });
});

describe("voice and metric names", () => {
  it("names the JSB chorale voices, melody first", () => {
    expect(voiceNames(job())).toEqual(["soprano", "alto", "tenor", "bass"]);
    expect(voiceNames(job({ training: { conditionTrack: 3 } }))).toEqual(["bass", "soprano", "alto", "tenor"]);
  });

  it("names other datasets' voices as the server does", () => {
    expect(voiceNames(job({ dataset: "pop", architecture: { tracks: 3 }, training: { conditionTrack: 1 } }))).toEqual(["melody", "voice 0", "voice 2"]);
  });

  it("describes known metrics and names unknown ones", () => {
    expect(metricInfo("consonance_rate").label).toBe("Consonance with the melody");
    expect(metricInfo("new_metric").label).toBe("new metric");
  });
});
