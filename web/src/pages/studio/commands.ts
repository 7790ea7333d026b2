/** The studio's edit commands on the active track's selection (or every note where that is what a musician means). */
import { copyNotes, deleteNotes, moveNotes, pasteNotes, setVelocity, transposeNotes, type Clipboard } from "../../model/edit";
import { quantizeNotes } from "../../model/quantize";
import type { StudioState } from "./studioState";

/** What the toolbar and the shortcuts call. */
export interface EditCommands {
  undo(): void;
  redo(): void;
  remove(): void;
  transpose(semitones: number): void;
  /** Moves the selection by grid steps. */
  nudge(steps: number): void;
  quantize(): void;
  velocity(v: number): void;
  selectionVelocity(): number | undefined;
  selectAll(): void;
  copy(): void;
  cut(): void;
  paste(): void;
}

let clipboard: Clipboard | null = null;

/** Commands on <paramref name="state" />. */
export function editCommands(state: StudioState): EditCommands {
  const notes = () => state.track.value?.notes ?? [];
  const selection = () => state.selection.value;
  /** The selection, or every note when nothing is selected. */
  const targets = () => (selection().size > 0 ? selection() : new Set(notes().map((n) => n.id)));
  return {
    undo: () => state.undo(),
    redo: () => state.redo(),
    remove: () => {
      if (selection().size === 0) return;
      state.edit(deleteNotes(notes(), selection()));
      state.selection.value = new Set();
    },
    transpose: (semitones) => {
      if (notes().length === 0) return;
      state.edit(transposeNotes(notes(), targets(), semitones));
    },
    nudge: (steps) => {
      if (selection().size === 0) return;
      state.edit(moveNotes(notes(), selection(), steps * state.grid.value, 0));
    },
    quantize: () => {
      if (notes().length === 0) return;
      state.edit(quantizeNotes(notes(), targets(), state.grid.value, { ends: true }));
    },
    velocity: (v) => {
      if (selection().size === 0) return;
      state.edit(setVelocity(notes(), selection(), v), "velocity-slider");
    },
    selectionVelocity: () => notes().find((n) => selection().has(n.id))?.velocity,
    selectAll: () => (state.selection.value = new Set(notes().map((n) => n.id))),
    copy: () => {
      if (selection().size > 0) clipboard = copyNotes(notes(), selection());
    },
    cut: () => {
      if (selection().size === 0) return;
      clipboard = copyNotes(notes(), selection());
      state.edit(deleteNotes(notes(), selection()));
      state.selection.value = new Set();
    },
    paste: () => {
      if (!clipboard) return;
      const result = pasteNotes(notes(), clipboard, state.cursor.value);
      state.edit(result.notes);
      state.selection.value = result.ids;
    },
  };
}
