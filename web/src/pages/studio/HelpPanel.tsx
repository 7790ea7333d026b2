/** The keyboard shortcuts, and the measured key-to-sound latency. */
import { latencies } from "./liveInput";

const shortcuts: [keys: string, what: string][] = [
  ["Space", "Play / pause (stops a recording)"],
  ["Home", "Back to the start"],
  ["A W S E D F T G Y H U J K O L P ; '", "Play notes (C to F an octave up)"],
  ["Z / X", "Octave down / up"],
  ["C / V", "Velocity down / up"],
  ["R", "Record (with the count-in and metronome set above)"],
  ["I", "Step input on/off: notes played are written at the cursor"],
  ["1 / 2", "Draw tool / select tool"],
  ["Ctrl+Z, Ctrl+Y (Ctrl+Shift+Z)", "Undo, redo"],
  ["Delete / Backspace", "Delete the selected notes"],
  ["Ctrl+A, Ctrl+C, Ctrl+X, Ctrl+V", "Select all, copy, cut, paste at the cursor"],
  ["↑ / ↓", "Transpose the selection a semitone (Shift: an octave)"],
  ["← / →", "Move the selection a grid step (without a selection: move the cursor)"],
  ["Q", "Quantise the selection (or every note) to the grid"],
  ["Shift+L", "Loop on/off (Shift-drag on the ruler sets the region)"],
  ["+ / − / 0", "Zoom in / out / fit the song"],
  ["Ctrl+Enter", "Compose"],
  ["Escape", "Clear the selection, stop recording, close this panel"],
  ["?", "This panel"],
];

/** The help panel (a non-modal region beside the roll). */
export function HelpPanel({ onClose }: { onClose: () => void }) {
  const l = latencies.value;
  const median = l.length > 0 ? [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)]! : null;
  return (
    <section class="panel help-panel" aria-labelledby="help-title">
      <div class="row">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <div class="spacer" />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p class="help">In the roll: click to draw a note (drag to lengthen), drag a note to move it, drag its edge to resize, right-click or double-click to delete, drag on empty space with Shift (or the select tool) to box-select, Ctrl+wheel to zoom in time, Alt+wheel to make rows taller or shorter, Shift+wheel to scroll in time, the wheel to scroll in pitch. Hold Alt while dragging to leave the grid.</p>
      <table>
        <tbody>
          {shortcuts.map(([k, w]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{w}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="help">Key to sound on this computer: {median === null ? "play a key to measure" : `${median.toFixed(1)} ms (median of the last ${l.length} presses)`}.</p>
    </section>
  );
}
