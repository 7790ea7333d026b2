/**
 * The browser's General MIDI synthesizer: spessasynth_lib playing the SoundFont the server renders
 * WAVs with (GET /api/soundfont), so what is heard here is what the downloaded WAV holds. Created
 * once, after a user gesture (browsers start audio only then), and shared by every page.
 */
import processorUrl from "spessasynth_lib/dist/spessasynth_processor.min.js?url";
import type { NoteOutput } from "./output";
import { basicOutput } from "./basicOutput";

let pending: Promise<NoteOutput> | null = null;
let bankBytes: Promise<ArrayBuffer | null> | null = null;

/** Fetches the SoundFont and the synthesizer's code ahead of need (no audio starts: that needs a gesture). */
export function prefetchSynth(): void {
  bank();
  void import("spessasynth_lib").catch(() => undefined);
}

function bank(): Promise<ArrayBuffer | null> {
  bankBytes ??= fetch("/api/soundfont").then(
    async (response) => {
      if (response.ok) return await response.arrayBuffer();
      soundFontProblem = "The server has no SoundFont, so the browser plays a basic sound; install timgm6mb-soundfont on the server for General MIDI instruments.";
      return null;
    },
    () => {
      soundFontProblem = "The SoundFont could not be loaded, so the browser plays a basic sound.";
      bankBytes = null;
      return null;
    },
  );
  return bankBytes;
}

/** Why the SoundFont could not be used (the console then plays a basic sound), or null. */
export let soundFontProblem: string | null = null;

/** The shared output, created on first call (call it from a click or key handler). */
export function getOutput(): Promise<NoteOutput> {
  pending ??= create().catch((e: unknown) => {
    pending = null;
    throw e;
  });
  return pending;
}

async function create(): Promise<NoteOutput> {
  // The smallest buffer the device allows: a key must sound at once (about 3 ms of buffer plus the device's own latency).
  const context = new AudioContext({ latencyHint: 0 });
  // Resume at once, inside the gesture; loading the SoundFont takes longer than a gesture lasts.
  const resumed = context.resume();
  const bytes = await bank();
  await resumed;
  if (!bytes) return basicOutput(context);
  // The synthesizer's code loads only when sound is first needed, not with the console.
  const [{ WorkletSynthesizer }] = await Promise.all([import("spessasynth_lib"), context.audioWorklet.addModule(processorUrl)]);
  const synth = new WorkletSynthesizer(context);
  synth.connect(context.destination);
  // The worklet takes the bytes over (transfer), so it gets a copy and the prefetched ones stay usable.
  await synth.soundBankManager.addSoundBank(bytes.slice(0), "main");
  await synth.isReady;
  return {
    now: () => context.currentTime,
    latency: () => (context.outputLatency || 0) + context.baseLatency,
    program: (channel, program) => synth.programChange(channel, program),
    noteOn: (channel, pitch, velocity, time) =>
      time === undefined ? synth.noteOn(channel, pitch, velocity) : synth.noteOn(channel, pitch, velocity, { time }),
    noteOff: (channel, pitch, time) => (time === undefined ? synth.noteOff(channel, pitch) : synth.noteOff(channel, pitch, { time })),
    allOff: () => synth.stopAll(true),
  };
}
