import { describe, expect, it } from "vitest";
import { History } from "./history";

describe("History", () => {
  it("starts with the initial state and nothing to undo or redo", () => {
    const h = new History("a");
    expect(h.current).toBe("a");
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBeUndefined();
    expect(h.redo()).toBeUndefined();
    expect(h.current).toBe("a");
  });

  it("undoes and redoes one step at a time", () => {
    const h = new History(0);
    h.push(1);
    h.push(2);
    h.push(3);
    expect(h.undo()).toBe(2);
    expect(h.undo()).toBe(1);
    expect(h.canRedo).toBe(true);
    expect(h.redo()).toBe(2);
    expect(h.current).toBe(2);
    expect(h.undo()).toBe(1);
    expect(h.undo()).toBe(0);
    expect(h.canUndo).toBe(false);
    expect(h.undo()).toBeUndefined();
    expect(h.current).toBe(0);
  });

  it("drops the redo branch when pushing after an undo", () => {
    const h = new History("a");
    h.push("b");
    h.push("c");
    h.undo();
    h.push("d");
    expect(h.canRedo).toBe(false);
    expect(h.redo()).toBeUndefined();
    expect(h.undo()).toBe("b");
    expect(h.undo()).toBe("a");
  });

  it("merges pushes with the same coalescing key into one step", () => {
    const h = new History(0);
    h.push(1);
    for (let i = 2; i <= 61; i++) h.push(i, { coalesce: "drag-17" });
    expect(h.current).toBe(61);
    expect(h.undo()).toBe(1);
    expect(h.redo()).toBe(61);
  });

  it("starts a new step when the key changes or no key is given", () => {
    const h = new History(0);
    h.push(1, { coalesce: "drag-1" });
    h.push(2, { coalesce: "drag-1" });
    h.push(3, { coalesce: "drag-2" });
    h.push(4);
    h.push(5);
    expect(h.undo()).toBe(4);
    expect(h.undo()).toBe(3);
    expect(h.undo()).toBe(2);
    expect(h.undo()).toBe(0);
  });

  it("does not merge into the state reached by undo, or after seal", () => {
    const h = new History(0);
    h.push(1, { coalesce: "k" });
    h.undo();
    h.push(2, { coalesce: "k" });
    expect(h.undo()).toBe(0); // 2 is its own step; 0 was not replaced
    h.redo();
    h.seal();
    h.push(3, { coalesce: "k" });
    expect(h.undo()).toBe(2);
  });

  it("keeps at most `limit` undo steps, dropping the oldest", () => {
    const h = new History(0, { limit: 3 });
    for (let i = 1; i <= 5; i++) h.push(i);
    expect(h.undo()).toBe(4);
    expect(h.undo()).toBe(3);
    expect(h.undo()).toBe(2);
    expect(h.canUndo).toBe(false);
    expect(h.current).toBe(2);
  });

  it("defaults to 200 undo steps", () => {
    const h = new History(0);
    for (let i = 1; i <= 250; i++) h.push(i);
    let steps = 0;
    while (h.undo() !== undefined) steps++;
    expect(steps).toBe(200);
    expect(h.current).toBe(50);
  });

  it("reset forgets everything", () => {
    const h = new History(0);
    h.push(1);
    h.reset(9);
    expect(h.current).toBe(9);
    expect(h.canUndo).toBe(false);
  });
});
