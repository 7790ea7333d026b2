/**
 * An independent check of writeMidi: the Python library mido reads the file written. Runs only
 * where `/usr/bin/python3` can import mido; skipped otherwise (the reason is in the test name).
 */
import { describe, expect, it } from "vitest";
import type { Song } from "../song";
import { writeMidi } from "./index";

// Node's modules are loaded by name so that the console's types (browser only) need no Node types.
interface SpawnResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}
interface ChildProcessModule {
  spawnSync(command: string, args: readonly string[], options: { encoding: "utf8"; timeout: number }): SpawnResult;
}
interface FsModule {
  mkdtempSync(prefix: string): string;
  writeFileSync(path: string, data: Uint8Array): void;
  rmSync(path: string, options: { recursive: boolean; force: boolean }): void;
}
interface OsModule {
  tmpdir(): string;
}

async function load<T>(name: string): Promise<T> {
  return (await import(/* @vite-ignore */ name)) as T;
}

const PYTHON = "/usr/bin/python3";
const childProcess = await load<ChildProcessModule>("node:child_process");
const probe = childProcess.spawnSync(PYTHON, ["-c", "import mido"], { encoding: "utf8", timeout: 20_000 });
const hasMido = probe.status === 0;

/** Prints, as JSON, each track's name and notes [pitch, start, duration, velocity] as mido reads them. */
const SCRIPT = `
import json, sys, mido
f = mido.MidiFile(sys.argv[1])
out = {"type": f.type, "ticks_per_beat": f.ticks_per_beat, "tempo": None, "tracks": []}
for track in f.tracks:
    t, held, notes, name = 0, {}, [], None
    for m in track:
        t += m.time
        if m.type == "set_tempo" and out["tempo"] is None: out["tempo"] = m.tempo
        if m.type == "track_name": name = m.name
        if m.type == "note_on" and m.velocity > 0: held[(m.channel, m.note)] = (t, m.velocity)
        elif m.type in ("note_on", "note_off") and (m.channel, m.note) in held:
            start, vel = held.pop((m.channel, m.note))
            notes.append([m.note, start, t - start, vel])
    notes.sort(key=lambda n: (n[1], n[0]))
    out["tracks"].append({"name": name, "notes": notes})
print(json.dumps(out))
`;

interface MidoView {
  readonly type: number;
  readonly ticks_per_beat: number;
  readonly tempo: number | null;
  readonly tracks: readonly { readonly name: string | null; readonly notes: readonly number[][] }[];
}

const SONG: Song = {
  ppq: 384,
  bpm: 75,
  beatsPerBar: 5,
  beatUnit: 4,
  tracks: [
    {
      id: "p", name: "Piano", role: "melody", program: 1, channel: 0,
      notes: [
        { id: 4, pitch: 67, start: 384, duration: 192, velocity: 88 },
        { id: 1, pitch: 60, start: 0, duration: 384, velocity: 100 },
        { id: 2, pitch: 64, start: 0, duration: 20_000, velocity: 64 },
      ],
    },
    {
      id: "d", name: "Drums", role: "accompaniment", program: 0, channel: 9,
      notes: [{ id: 1, pitch: 36, start: 96, duration: 12, velocity: 127 }],
    },
  ],
};

describe("writeMidi read by mido", () => {
  it.skipIf(!hasMido)(`mido reads the same notes${hasMido ? "" : " (skipped: /usr/bin/python3 cannot import mido)"}`, async () => {
    const fs = await load<FsModule>("node:fs");
    const os = await load<OsModule>("node:os");
    const dir = fs.mkdtempSync(`${os.tmpdir()}/cantus-midi-`);
    try {
      const path = `${dir}/song.mid`;
      fs.writeFileSync(path, writeMidi(SONG));
      const run = childProcess.spawnSync(PYTHON, ["-c", SCRIPT, path], { encoding: "utf8", timeout: 20_000 });
      expect(run.stderr).toBe("");
      const view = JSON.parse(run.stdout) as MidoView;
      expect(view.type).toBe(1);
      expect(view.ticks_per_beat).toBe(384);
      expect(view.tempo).toBe(800_000); // 75 bpm
      expect(view.tracks.map((t) => t.name)).toEqual([null, "Piano", "Drums"]);
      expect(view.tracks[0]?.notes).toEqual([]);
      expect(view.tracks[1]?.notes).toEqual([
        [60, 0, 384, 100],
        [64, 0, 20_000, 64],
        [67, 384, 192, 88],
      ]);
      expect(view.tracks[2]?.notes).toEqual([[36, 96, 12, 127]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
