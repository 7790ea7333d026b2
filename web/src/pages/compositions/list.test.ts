import { describe, expect, it } from "vitest";
import { appendPage, downloadName, lengthText, replaceById, searchCompositions, shareTokenOf, sharePageUrl, sortCompositions } from "./list";

const c = (id: string, melodyName: string, model: string, steps: number, createdAt: string) => ({ id, melodyName, model, steps, createdAt });

const items = [
  c("1", "ode-to-joy.mid", "bach-chorales", 128, "2025-01-02T10:00:00Z"),
  c("2", "Greensleeves.mid", "my-bach", 256, "2025-01-03T10:00:00Z"),
  c("3", "tune 10.mid", "pop-run", 64, "2025-01-01T10:00:00Z"),
  c("4", "tune 9.mid", "bach-chorales", 256, "2025-01-04T10:00:00Z"),
];

describe("searchCompositions", () => {
  it("finds words in the melody name and the model", () => {
    expect(searchCompositions(items, "").map((x) => x.id)).toEqual(["1", "2", "3", "4"]);
    expect(searchCompositions(items, "BACH").map((x) => x.id)).toEqual(["1", "2", "4"]);
    expect(searchCompositions(items, "tune bach").map((x) => x.id)).toEqual(["4"]);
    expect(searchCompositions(items, "  joy  ").map((x) => x.id)).toEqual(["1"]);
    expect(searchCompositions(items, "nothing")).toEqual([]);
  });
});

describe("sortCompositions", () => {
  it("sorts by date both ways", () => {
    expect(sortCompositions(items, "newest").map((x) => x.id)).toEqual(["4", "2", "1", "3"]);
    expect(sortCompositions(items, "oldest").map((x) => x.id)).toEqual(["3", "1", "2", "4"]);
  });

  it("sorts names without case and with numbers in order", () => {
    expect(sortCompositions(items, "name").map((x) => x.melodyName)).toEqual(["Greensleeves.mid", "ode-to-joy.mid", "tune 9.mid", "tune 10.mid"]);
  });

  it("sorts longest first, newest first among equals", () => {
    expect(sortCompositions(items, "length").map((x) => x.id)).toEqual(["4", "2", "1", "3"]);
  });

  it("leaves the input alone", () => {
    const copy = [...items];
    sortCompositions(items, "oldest");
    expect(items).toEqual(copy);
  });
});

describe("share links", () => {
  it("takes the token from the API's link", () => {
    expect(shareTokenOf("/api/shared/abc_DEF-1")).toBe("abc_DEF-1");
    expect(shareTokenOf(null)).toBeNull();
    expect(shareTokenOf("")).toBeNull();
  });

  it("builds the console's address", () => {
    expect(sharePageUrl("https://cantus.example.org/", "t0k")).toBe("https://cantus.example.org/shared/t0k");
    expect(sharePageUrl("http://127.0.0.1:5217", "a b")).toBe("http://127.0.0.1:5217/shared/a%20b");
  });
});

describe("downloadName", () => {
  it("names files after the melody, the model and the seed", () => {
    expect(downloadName({ melodyName: "ode-to-joy.mid", model: "bach-chorales", seed: 7 }, "mid")).toBe("ode-to-joy bach-chorales seed 7.mid");
    expect(downloadName({ melodyName: 'a/b:"c".MIDI', model: "m", seed: 0 }, "wav")).toBe("a-b-c- m seed 0.wav");
    expect(downloadName({ melodyName: ".mid", model: "m", seed: 1 }, "mid")).toBe("composition m seed 1.mid");
  });
});

describe("lengthText", () => {
  it("gives bars and time", () => {
    expect(lengthText({ bars: 8, steps: 128, tempoBpm: 120 })).toBe("8 bars, 0:16");
    expect(lengthText({ bars: 1, steps: 16, tempoBpm: 0 })).toBe("1 bar");
    expect(lengthText({ bars: 40, steps: 640, tempoBpm: 100 })).toBe("40 bars, 1:36");
  });
});

describe("list updates", () => {
  it("replaces and appends by id", () => {
    const list = [{ id: "a", v: 1 }, { id: "b", v: 1 }];
    expect(replaceById(list, { id: "b", v: 2 })).toEqual([{ id: "a", v: 1 }, { id: "b", v: 2 }]);
    expect(appendPage(list, [{ id: "b", v: 3 }, { id: "c", v: 1 }]).map((x) => x.id)).toEqual(["a", "b", "c"]);
  });
});
