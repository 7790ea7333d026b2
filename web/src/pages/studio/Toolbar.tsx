/** The studio's toolbar: transport, tempo, loop, tools, grid, the edit commands and zoom. */
import { GRID_DIVISIONS, type GridDivision } from "../../model/quantize";
import { ticksPerBar } from "../../model/song";
import type { RollControls } from "../../ui/roll/PianoRoll";
import type { StudioState } from "./studioState";
import type { Transport } from "./useStudioPlayer";
import { playhead } from "./useStudioPlayer";
import type { EditCommands } from "./commands";

/** Props: the state, the transport, the commands, the roll's zoom. */
export function Toolbar({ state, transport, commands, roll, onHelp }: { state: StudioState; transport: Transport; commands: EditCommands; roll: RollControls | null; onHelp: () => void }) {
  const song = state.song.value;
  const bar = ticksPerBar(song);
  const pos = playhead.value ?? state.cursor.value;
  const barNo = Math.floor(pos / bar) + 1;
  const beat = Math.floor((pos % bar) / song.ppq) + 1;
  const hasSelection = state.selection.value.size > 0;
  return (
    <div class="toolbar" role="toolbar" aria-label="Studio tools">
      <div class="group" role="group" aria-label="Transport">
        <button type="button" class="icon" onClick={(e) => void transport.toggle(e.timeStamp)} aria-label={transport.playing ? "Pause" : "Play"} aria-keyshortcuts="Space" title="Play/pause (Space)">
          {transport.playing ? "❚❚" : "▶"}
        </button>
        <button type="button" class="icon" onClick={transport.stop} aria-label="Stop and return to the start" title="Stop (Home returns to the start)">
          ■
        </button>
        <span class="position mono" aria-label="Position" aria-live="off">
          {barNo}.{beat}
        </span>
        <label title="Tempo of the song (beats per minute)">
          <input
            type="number"
            min={30}
            max={300}
            value={song.bpm}
            style={{ width: "60px" }}
            aria-label="Song tempo in beats per minute"
            onChange={(e) => {
              const v = Number((e.target as HTMLInputElement).value);
              if (v >= 30 && v <= 300) state.replaceSong((s) => ({ ...s, bpm: v }));
            }}
          />
          bpm
        </label>
        <button
          type="button"
          aria-pressed={state.looping.value}
          onClick={() => {
            if (!state.loop.value) state.loop.value = { start: 0, end: Math.min(bar * 2, Math.max(bar, Math.ceil(state.cursor.value / bar) * bar + bar)) };
            state.looping.value = !state.looping.value;
          }}
          title="Loop a region (Shift+L); Shift-drag on the ruler to set it"
          aria-keyshortcuts="Shift+L"
        >
          Loop
        </button>
      </div>
      <div class="group" role="group" aria-label="Tool">
        <button type="button" aria-pressed={state.tool.value === "draw"} onClick={() => (state.tool.value = "draw")} title="Draw notes (1)" aria-keyshortcuts="1">
          ✎ Draw
        </button>
        <button type="button" aria-pressed={state.tool.value === "select"} onClick={() => (state.tool.value = "select")} title="Select notes (2)" aria-keyshortcuts="2">
          ⬚ Select
        </button>
        <label title="The grid notes snap to">
          Grid
          <select value={state.division.value} onChange={(e) => (state.division.value = (e.target as HTMLSelectElement).value as GridDivision)} aria-label="Grid">
            {GRID_DIVISIONS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={state.stepInput.value} onClick={() => (state.stepInput.value = !state.stepInput.value)} title="Step input: keys played write notes at the cursor (I)" aria-keyshortcuts="I">
          Step input
        </button>
      </div>
      <div class="group" role="group" aria-label="Edit">
        <button type="button" class="icon" onClick={commands.undo} disabled={!state.canUndo} aria-label="Undo" title="Undo (Ctrl+Z)" aria-keyshortcuts="Control+Z">
          ↶
        </button>
        <button type="button" class="icon" onClick={commands.redo} disabled={!state.canRedo} aria-label="Redo" title="Redo (Ctrl+Y)" aria-keyshortcuts="Control+Y">
          ↷
        </button>
        <button type="button" onClick={commands.quantize} title="Quantise the selection, or every note, to the grid (Q)" aria-keyshortcuts="Q">
          Quantise
        </button>
        <button type="button" class="icon" onClick={() => commands.transpose(-1)} aria-label="Transpose down a semitone" title="Down a semitone (↓)">
          −1
        </button>
        <button type="button" class="icon" onClick={() => commands.transpose(1)} aria-label="Transpose up a semitone" title="Up a semitone (↑)">
          +1
        </button>
        <button type="button" class="icon" onClick={() => commands.transpose(-12)} aria-label="Transpose down an octave" title="Down an octave (Shift+↓)">
          −8va
        </button>
        <button type="button" class="icon" onClick={() => commands.transpose(12)} aria-label="Transpose up an octave" title="Up an octave (Shift+↑)">
          +8va
        </button>
        <label title="Velocity of the selected notes">
          Vel
          <input
            type="range"
            min={1}
            max={127}
            disabled={!hasSelection}
            value={commands.selectionVelocity() ?? 96}
            aria-label="Velocity of the selected notes"
            onInput={(e) => commands.velocity(Number((e.target as HTMLInputElement).value))}
          />
        </label>
        <button type="button" onClick={commands.remove} disabled={!hasSelection} title="Delete the selected notes (Delete)" aria-keyshortcuts="Delete">
          Delete
        </button>
      </div>
      <div class="group" role="group" aria-label="Zoom">
        <button type="button" class="icon" onClick={() => roll?.zoom(1 / 1.5)} aria-label="Zoom out" title="Zoom out (−)">
          −
        </button>
        <button type="button" class="icon" onClick={() => roll?.zoom(1.5)} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
        <button type="button" onClick={() => roll?.fit()} title="Show the whole song (0)">
          Fit
        </button>
        <button type="button" class="icon" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </div>
  );
}
