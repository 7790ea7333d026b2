import { describe, expect, it } from "vitest";
import { controlForCode, keyLabelForPitch, noteName, pitchForCode, shiftOctave, stepVelocity } from "./keymap";

describe("pitchForCode", () => {
  it("plays the Live/GarageBand layout from the base C", () => {
    const base = 48;
    const played = ["KeyA", "KeyW", "KeyS", "KeyE", "KeyD", "KeyF", "KeyT", "KeyG", "KeyY", "KeyH", "KeyU", "KeyJ"].map((c) =>
      pitchForCode(c, base),
    );
    expect(played).toEqual([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59]);
    expect(["KeyK", "KeyO", "KeyL", "KeyP", "Semicolon", "Quote"].map((c) => pitchForCode(c, base))).toEqual([60, 61, 62, 63, 64, 65]);
  });

  it("gives undefined for other keys, controls included", () => {
    for (const code of ["KeyZ", "KeyX", "KeyC", "KeyV", "KeyQ", "KeyR", "KeyI", "Space", "toString", "constructor"]) {
      expect(pitchForCode(code, 60)).toBeUndefined();
    }
  });

  it("gives undefined outside 0..127", () => {
    expect(pitchForCode("KeyA", 120)).toBe(120);
    expect(pitchForCode("KeyJ", 120)).toBeUndefined(); // B9 would be 131
    expect(pitchForCode("KeyH", 120)).toBeUndefined(); // 129
    expect(pitchForCode("KeyG", 120)).toBe(127);
    expect(pitchForCode("KeyA", -12)).toBeUndefined();
    expect(pitchForCode("KeyK", -12)).toBe(0);
  });
});

describe("controlForCode", () => {
  it("maps Z/X to octave and C/V to velocity", () => {
    expect(controlForCode("KeyZ")).toBe("octaveDown");
    expect(controlForCode("KeyX")).toBe("octaveUp");
    expect(controlForCode("KeyC")).toBe("velocityDown");
    expect(controlForCode("KeyV")).toBe("velocityUp");
    expect(controlForCode("KeyA")).toBeUndefined();
    expect(controlForCode("hasOwnProperty")).toBeUndefined();
  });
});

describe("keyLabelForPitch", () => {
  it("labels the keys relative to the base, the inverse of pitchForCode", () => {
    expect(keyLabelForPitch(36, 36)).toBe("A");
    expect(keyLabelForPitch(37, 36)).toBe("W");
    expect(keyLabelForPitch(47, 36)).toBe("J");
    expect(keyLabelForPitch(48, 36)).toBe("K");
    expect(keyLabelForPitch(52, 36)).toBe(";");
    expect(keyLabelForPitch(53, 36)).toBe("'");
  });

  it("gives undefined for pitches no key plays", () => {
    expect(keyLabelForPitch(35, 36)).toBeUndefined();
    expect(keyLabelForPitch(54, 36)).toBeUndefined();
  });
});

describe("noteName", () => {
  it("names with sharps, middle C as C4", () => {
    expect(noteName(60)).toBe("C4");
    expect(noteName(61)).toBe("C#4");
    expect(noteName(59)).toBe("B3");
    expect(noteName(69)).toBe("A4");
    expect(noteName(0)).toBe("C-1");
    expect(noteName(127)).toBe("G9");
  });
});

describe("octave and velocity steps", () => {
  it("shifts the base by octaves within 0..120", () => {
    expect(shiftOctave(60, 1)).toBe(72);
    expect(shiftOctave(60, -1)).toBe(48);
    expect(shiftOctave(120, 1)).toBe(120);
    expect(shiftOctave(0, -1)).toBe(0);
  });

  it("steps velocity by 20 within 1..127", () => {
    expect(stepVelocity(100, 1)).toBe(120);
    expect(stepVelocity(120, 1)).toBe(127);
    expect(stepVelocity(127, 1)).toBe(127);
    expect(stepVelocity(127, -1)).toBe(120);
    expect(stepVelocity(100, -1)).toBe(80);
    expect(stepVelocity(90, -1)).toBe(80);
    expect(stepVelocity(90, 1)).toBe(100);
    expect(stepVelocity(20, -1)).toBe(1);
    expect(stepVelocity(1, -1)).toBe(1);
    expect(stepVelocity(1, 1)).toBe(20);
  });
});
