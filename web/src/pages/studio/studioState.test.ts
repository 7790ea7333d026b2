import { describe, expect, test } from "vitest";
import type { CompositionDto } from "../../api/types";
import type { Song } from "../../model/song";
import { editCommands } from "./commands";
import { StudioState } from "./studioState";

const melody: Song = {
  ppq: 480,
  bpm: 100,
  beatsPerBar: 4,
  beatUnit: 4,
  tracks: [
    { id: "melody", name: "Melody", role: "melody", program: 0, channel: 0, notes: [
      { id: 1, pitch: 60, start: 0, duration: 480, velocity: 90 },
      { id: 2, pitch: 64, start: 500, duration: 400, velocity: 90 },
    ] },
    { id: "alto", name: "alto", role: "accompaniment", program: 48, channel: 1, notes: [{ id: 1, pitch: 55, start: 0, duration: 960, velocity: 80 }] },
  ],
};

describe("StudioState", () => {
  test("a drag's many edits are one undo step, and redo brings them back", () => {
    const s = new StudioState();
    s.load(melody, null);
    const notes = s.track.value!.notes;
    for (let i = 1; i <= 10; i++) s.edit(notes.map((n) => ({ ...n, start: n.start + i * 10 })), "drag-1");
    expect(s.track.value!.notes[0]!.start).toBe(100);
    s.undo();
    expect(s.track.value!.notes[0]!.start).toBe(0);
    expect(s.canUndo).toBe(false);
    s.redo();
    expect(s.track.value!.notes[0]!.start).toBe(100);
  });

  test("edits mark a loaded composition unsaved, but not a plain melody", () => {
    const s = new StudioState();
    s.load(melody, null);
    s.edit([]);
    expect(s.unsaved.value).toBe(false);
    s.load(melody, { id: "c1" } as CompositionDto);
    expect(s.unsaved.value).toBe(false);
    s.replaceTrack("alto", (t) => ({ ...t, program: 40 }));
    expect(s.unsaved.value).toBe(true);
    expect(s.song.value.tracks[1]!.program).toBe(40);
  });

  test("undo drops selected ids that no longer exist", () => {
    const s = new StudioState();
    s.load({ ...melody, tracks: [{ ...melody.tracks[0]!, notes: [] }] }, null);
    s.edit([{ id: 7, pitch: 70, start: 0, duration: 120, velocity: 90 }]);
    s.selection.value = new Set([7]);
    s.undo();
    expect(s.selection.value.size).toBe(0);
  });
});

describe("edit commands", () => {
  test("quantise and transpose act on the selection when there is one, else on every note", () => {
    const s = new StudioState();
    s.load(melody, null);
    const c = editCommands(s);
    c.quantize();
    // 1/16 at ppq 480 is 120: 500 snaps to 480.
    expect(s.track.value!.notes.map((n) => n.start)).toEqual([0, 480]);
    s.selection.value = new Set([2]);
    c.transpose(12);
    expect(s.track.value!.notes.map((n) => n.pitch)).toEqual([60, 76]);
  });

  test("cut and paste at the cursor keep the notes' shape and select the pasted ones", () => {
    const s = new StudioState();
    s.load(melody, null);
    const c = editCommands(s);
    s.selection.value = new Set([1, 2]);
    c.cut();
    expect(s.track.value!.notes).toEqual([]);
    s.cursor.value = 1920;
    c.paste();
    const starts = s.track.value!.notes.map((n) => n.start).sort((a, b) => a - b);
    expect(starts).toEqual([1920, 2420]);
    expect(s.selection.value.size).toBe(2);
  });

  test("delete with nothing selected changes nothing (no empty undo step)", () => {
    const s = new StudioState();
    s.load(melody, null);
    editCommands(s).remove();
    expect(s.canUndo).toBe(false);
  });
});
