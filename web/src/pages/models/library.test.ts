import { describe, expect, it } from "vitest";
import { allTags, compareHref, editFormOf, filterModels, modelChanges, nameProblem, noteName, parseTags, suggestModelName, toggleSelection } from "./library";

const m = (name: string, more: Partial<{ description: string | null; genre: string | null; tags: string[]; parent: string | null; isSample: boolean }> = {}) => ({
  name,
  description: null,
  genre: null,
  tags: [] as string[],
  parent: null,
  isSample: false,
  ...more,
});

const models = [
  m("bach-chorales", { isSample: true, description: "Four-part chorales", genre: "chorale", tags: ["bach", "chorale"] }),
  m("my-bach", { parent: "bach-chorales", tags: ["chorale", "mine"] }),
  m("pop-run", { genre: "Pop", tags: ["pop"] }),
];

describe("filterModels", () => {
  it("matches every word in name, description, genre, tags and parent", () => {
    expect(filterModels(models, "").map((x) => x.name)).toEqual(["bach-chorales", "my-bach", "pop-run"]);
    expect(filterModels(models, "BACH").map((x) => x.name)).toEqual(["bach-chorales", "my-bach"]);
    expect(filterModels(models, "four chorales").map((x) => x.name)).toEqual(["bach-chorales"]);
    expect(filterModels(models, "pop").map((x) => x.name)).toEqual(["pop-run"]);
    expect(filterModels(models, "nothing")).toEqual([]);
  });

  it("filters by tag and kind", () => {
    expect(filterModels(models, "", "chorale").map((x) => x.name)).toEqual(["bach-chorales", "my-bach"]);
    expect(filterModels(models, "", "", "sample").map((x) => x.name)).toEqual(["bach-chorales"]);
    expect(filterModels(models, "", "chorale", "mine").map((x) => x.name)).toEqual(["my-bach"]);
  });

  it("lists every tag once, sorted", () => {
    expect(allTags(models)).toEqual(["bach", "chorale", "mine", "pop"]);
  });
});

describe("names", () => {
  it("checks names as the server does", () => {
    expect(nameProblem("my-model.v2_x")).toBeNull();
    expect(nameProblem("")).toMatch(/Give/);
    expect(nameProblem("My Model")).toMatch(/lower-case/);
    expect(nameProblem("-x")).toMatch(/starting/);
    expect(nameProblem("a".repeat(65))).not.toBeNull();
  });

  it("suggests a name from a file name", () => {
    expect(suggestModelName("My Bach (v2).zip")).toBe("my-bach-v2");
    expect(suggestModelName("generator.safetensors")).toBe("generator");
    expect(suggestModelName("Café Noir.ZIP")).toBe("cafe-noir");
    expect(suggestModelName("__x__.zip")).toBe("x");
    expect(suggestModelName("model.zip")).toBe("");
    expect(nameProblem(suggestModelName("Ω.zip") || "ok")).toBeNull();
  });
});

describe("edit form", () => {
  const model = { name: "my-bach", description: "Mine", genre: null, tags: ["a", "b"] };

  it("parses tags", () => {
    expect(parseTags(" a, b ,, a,c ")).toEqual(["a", "b", "c"]);
    expect(parseTags("")).toEqual([]);
  });

  it("sends only what changed", () => {
    expect(modelChanges(model, editFormOf(model))).toBeNull();
    expect(modelChanges(model, { ...editFormOf(model), name: " my-bach2 " })).toEqual({ name: "my-bach2" });
    expect(modelChanges(model, { ...editFormOf(model), description: "", genre: "chorale" })).toEqual({ description: "", genre: "chorale" });
    expect(modelChanges(model, { ...editFormOf(model), tags: "b, a" })).toEqual({ tags: ["b", "a"] });
    expect(modelChanges(model, { ...editFormOf(model), tags: "a,b," })).toBeNull();
  });
});

describe("selection", () => {
  it("keeps at most two, dropping the oldest", () => {
    expect(toggleSelection([], "a")).toEqual(["a"]);
    expect(toggleSelection(["a"], "b")).toEqual(["a", "b"]);
    expect(toggleSelection(["a", "b"], "c")).toEqual(["b", "c"]);
    expect(toggleSelection(["a", "b"], "a")).toEqual(["b"]);
  });

  it("links the comparison", () => {
    expect(compareHref("a b", "c&d")).toBe("/models/compare?a=a%20b&b=c%26d");
  });
});

describe("noteName", () => {
  it("names pitches", () => {
    expect(noteName(60)).toBe("C4");
    expect(noteName(36)).toBe("C2");
    expect(noteName(99)).toBe("D♯7");
  });
});
