/**
 * The studio's keyboard: the computer keys as a piano (A W S E D … row, Z/X octave, C/V velocity)
 * and the shortcuts of the help panel. Keys typed into a text field or a select stay theirs.
 */
import { useEffect } from "preact/hooks";
import { controlForCode, pitchForCode, shiftOctave, stepVelocity } from "../../model/keymap";
import { press, release, releaseAll } from "./liveInput";
import type { EditCommands } from "./commands";
import type { StudioState } from "./studioState";
import type { Transport } from "./useStudioPlayer";
import type { RollControls } from "../../ui/roll/PianoRoll";

/** What the keys act on. */
export interface KeyTargets {
  state: StudioState;
  transport: Transport;
  commands: EditCommands;
  roll: () => RollControls | null;
  base: number;
  setBase: (b: number) => void;
  velocity: number;
  setVelocity: (v: number) => void;
  record: () => void;
  recording: () => boolean;
  compose: () => void;
  toggleHelp: () => void;
  closeHelp: () => void;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable) return true;
  if (tag !== "INPUT") return false;
  const type = (el as HTMLInputElement).type;
  return !["checkbox", "radio", "range", "button", "file"].includes(type);
}

/** Installs the studio's key handling while the studio is shown. */
export function useStudioKeys(t: KeyTargets): void {
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const ctrl = e.ctrlKey || e.metaKey;
      const s = t.state;
      // Shortcuts with Ctrl first, so that Ctrl+A is "select all", never a note.
      if (ctrl) {
        const k = e.key.toLowerCase();
        const act: Record<string, () => void> = {
          z: () => (e.shiftKey ? t.commands.redo() : t.commands.undo()),
          y: t.commands.redo,
          a: t.commands.selectAll,
          c: t.commands.copy,
          x: t.commands.cut,
          v: t.commands.paste,
          enter: t.compose,
        };
        const f = act[k];
        if (f) {
          e.preventDefault();
          f();
        }
        return;
      }
      if (e.altKey) return;
      const onButton = (e.target as HTMLElement | null)?.tagName === "BUTTON";
      if (!e.shiftKey && !e.repeat) {
        const pitch = pitchForCode(e.code, t.base);
        if (pitch !== undefined) {
          e.preventDefault();
          press(pitch, t.velocity, e.timeStamp);
          return;
        }
        const control = controlForCode(e.code);
        if (control) {
          e.preventDefault();
          if (control === "octaveDown" || control === "octaveUp") {
            releaseAll();
            t.setBase(shiftOctave(t.base, control === "octaveDown" ? -1 : 1));
          } else t.setVelocity(stepVelocity(t.velocity, control === "velocityDown" ? -1 : 1));
          return;
        }
      }
      if (e.repeat && pitchForCode(e.code, t.base) !== undefined) {
        e.preventDefault();
        return;
      }
      switch (e.key) {
        case " ":
          if (onButton) return; // Space on a focused button presses it.
          e.preventDefault();
          if (t.recording()) t.record();
          else void t.transport.toggle(e.timeStamp);
          return;
        case "Home":
          e.preventDefault();
          t.transport.seek(0);
          return;
        case "Delete":
        case "Backspace":
          e.preventDefault();
          t.commands.remove();
          return;
        case "ArrowUp":
        case "ArrowDown":
          e.preventDefault();
          t.commands.transpose((e.key === "ArrowUp" ? 1 : -1) * (e.shiftKey ? 12 : 1));
          return;
        case "ArrowLeft":
        case "ArrowRight": {
          e.preventDefault();
          const dir = e.key === "ArrowRight" ? 1 : -1;
          if (s.selection.value.size > 0) t.commands.nudge(dir);
          else s.cursor.value = Math.max(0, s.cursor.value + dir * s.grid.value);
          return;
        }
        case "Escape":
          if (t.recording()) t.record();
          s.selection.value = new Set();
          t.closeHelp();
          return;
        case "?":
          t.toggleHelp();
          return;
        case "+":
        case "=":
          t.roll()?.zoom(1.5);
          return;
        case "-":
          t.roll()?.zoom(1 / 1.5);
          return;
        case "0":
          t.roll()?.fit();
          return;
        case "1":
          s.tool.value = "draw";
          return;
        case "2":
          s.tool.value = "select";
          return;
        case "Tab":
          return;
      }
      if (e.shiftKey && e.code === "KeyL") {
        e.preventDefault();
        if (!s.loop.value) s.loop.value = { start: 0, end: s.grid.value * 32 };
        s.looping.value = !s.looping.value;
        return;
      }
      if (e.code === "KeyR" && !e.shiftKey) {
        e.preventDefault();
        t.record();
        return;
      }
      if (e.code === "KeyQ" && !e.shiftKey) {
        e.preventDefault();
        t.commands.quantize();
        return;
      }
      if (e.code === "KeyI" && !e.shiftKey) {
        e.preventDefault();
        s.stepInput.value = !s.stepInput.value;
      }
    };
    const up = (e: KeyboardEvent) => {
      const pitch = pitchForCode(e.code, t.base);
      if (pitch !== undefined) release(pitch);
    };
    const blur = () => releaseAll();
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    window.addEventListener("blur", blur);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
      window.removeEventListener("blur", blur);
      releaseAll();
    };
  });
}
