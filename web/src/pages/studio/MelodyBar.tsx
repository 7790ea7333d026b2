/** Where the melody comes from: a sample, a MIDI file (picker or drop), a recording, a hardware keyboard. */
import { useState } from "preact/hooks";
import { api, apiBytes } from "../../api/client";
import { readMidi } from "../../model/midi";
import type { Song } from "../../model/song";
import { useAsync } from "../../ui/useAsync";
import { notify } from "../../ui/toast";
import { sentenceOf } from "../../ui/useAsync";
import { choose, midiDevice, midiDevices, midiProblem, openMidi } from "./midiDevices";
import { recordingClock, recordingPhase } from "./recording";
import { GRID_DIVISIONS, type GridDivision } from "../../model/quantize";

/** A sample melody as the server lists it. */
interface SampleMelody {
  name: string;
  title: string;
  bars: number;
}

/** Record settings the bar edits. */
export interface RecordOptions {
  countInBars: number;
  metronome: boolean;
  quantize: GridDivision | "off";
}

/** Reads a dropped or picked MIDI file; the repairs are shown in words. */
export async function readMidiFile(file: File): Promise<{ song: Song; repairs: string[] }> {
  if (file.size > 16 * 1024 * 1024) throw new Error(`${file.name} is ${Math.round(file.size / 1024 / 1024)} MB; a melody file can be at most 16 MB.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return readMidi(bytes);
}

/** Props: what to do with a loaded melody, the recording controls. */
export function MelodyBar(props: {
  onMelody: (song: Song, name: string, repairs: readonly string[]) => void;
  record: RecordOptions;
  onRecordOptions: (r: RecordOptions) => void;
  onRecord: () => void;
}) {
  const samples = useAsync((signal) => api<SampleMelody[]>("GET", "/api/sample-melodies", { signal }), []);
  const [sample, setSample] = useState("");
  const loadSample = async (name: string) => {
    setSample(name);
    if (!name) return;
    try {
      const bytes = await apiBytes(`/api/sample-melodies/${encodeURIComponent(name)}/midi`);
      const { song, repairs } = readMidi(new Uint8Array(bytes));
      const title = samples.value?.find((s) => s.name === name)?.title ?? name;
      props.onMelody(song, title, repairs);
    } catch (e) {
      notify(`The sample could not be loaded: ${sentenceOf(e)}`, "error");
    }
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { song, repairs } = await readMidiFile(file);
      props.onMelody(song, file.name.replace(/\.midi?$/i, ""), repairs);
    } catch (e) {
      notify(`${file.name} could not be read: ${sentenceOf(e)}`, "error");
    }
  };
  const phase = recordingPhase.value;
  return (
    <div class="panel melody-bar" role="region" aria-label="Melody input">
      <div class="row">
        <label class="field">
          <span>Sample melody</span>
          <select value={sample} onChange={(e) => void loadSample((e.target as HTMLSelectElement).value)} disabled={!samples.value}>
            <option value="">{samples.loading ? "Loading…" : samples.error ? "Samples unavailable" : "Choose a sample…"}</option>
            {samples.value?.map((s) => (
              <option key={s.name} value={s.name}>
                {s.title} ({s.bars} bars)
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>MIDI file</span>
          <input type="file" accept=".mid,.midi,audio/midi" aria-label="Import a MIDI file" onChange={(e) => void onFile((e.target as HTMLInputElement).files?.[0])} />
        </label>
        <div class="spacer" />
        <fieldset class="record">
          <legend>Record</legend>
          <div class="row">
            <label>
              Count-in
              <select value={props.record.countInBars} onChange={(e) => props.onRecordOptions({ ...props.record, countInBars: Number((e.target as HTMLSelectElement).value) })}>
                <option value={0}>none</option>
                <option value={1}>1 bar</option>
                <option value={2}>2 bars</option>
              </select>
            </label>
            <label>
              <input type="checkbox" checked={props.record.metronome} onChange={(e) => props.onRecordOptions({ ...props.record, metronome: (e.target as HTMLInputElement).checked })} />
              Metronome
            </label>
            <label>
              Quantise
              <select value={props.record.quantize} onChange={(e) => props.onRecordOptions({ ...props.record, quantize: (e.target as HTMLSelectElement).value as GridDivision | "off" })}>
                <option value="off">off</option>
                {GRID_DIVISIONS.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" class={phase === "idle" ? "" : "danger"} onClick={props.onRecord} aria-keyshortcuts="R" title="Record (R); stop with R, Space or Escape">
              {phase === "idle" ? "● Record" : phase === "count-in" ? `Count-in ${Math.ceil(-recordingClock.value)}…` : `■ Stop (${recordingClock.value.toFixed(1)} s)`}
            </button>
          </div>
        </fieldset>
        <div class="midi-device">
          {midiDevices.value.length > 0 ? (
            <label class="field">
              <span>MIDI keyboard</span>
              <select value={midiDevice.value ?? ""} onChange={(e) => choose((e.target as HTMLSelectElement).value || null)}>
                <option value="">none</option>
                {midiDevices.value.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <button type="button" onClick={() => void openMidi()} title="Use a hardware keyboard through Web MIDI">
              MIDI keyboard…
            </button>
          )}
        </div>
      </div>
      {midiProblem.value && <p class="help">{midiProblem.value}</p>}
    </div>
  );
}
