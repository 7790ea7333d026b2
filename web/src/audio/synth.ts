/**
 * The browser's General MIDI synthesizer: spessasynth_lib playing the SoundFont the server renders
 * WAVs with (GET /api/soundfont), so what is heard here is what the downloaded WAV holds. Created
 * once, shared by every page.
 */
import processorUrl from "spessasynth_lib/dist/spessasynth_processor.min.js?url";
import type { NoteOutput } from "./output";
import { basicOutput } from "./basicOutput";

let pending: Promise<NoteOutput> | null = null;
let bankBytes: Promise<ArrayBuffer | null> | null = null;

let context: AudioContext | null = null;

/**
 * Gets the synthesizer ready ahead of need, when the page is idle: the SoundFont fetched and
 * loaded into a synthesizer on a suspended audio context (browsers let audio start only after a
 * gesture; getOutput resumes it then). Starting is then instant, and the loading never competes
 * with the musician's first Compose or Play.
 */
export function prefetchSynth(): void {
  pending ??= create(audioContext()).catch((e: unknown) => {
    pending = null;
    throw e;
  });
  pending.catch(() => undefined);
}

/** The one audio context; the smallest buffer the device allows, so a key sounds at once (about 3 ms of buffer plus the device's own latency). */
function audioContext(): AudioContext {
  context ??= new AudioContext({ latencyHint: 0 });
  return context;
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

/** The shared output, started now (call it from a click or key handler: the audio context resumes inside the gesture). */
export async function getOutput(): Promise<NoteOutput> {
  const c = audioContext();
  const resumed = c.resume();
  pending ??= create(c).catch((e: unknown) => {
    pending = null;
    throw e;
  });
  const [output] = await Promise.all([pending, resumed]);
  return output;
}

async function create(context: AudioContext): Promise<NoteOutput> {
  const bytes = await bank();
  if (!bytes) return basicOutput(context);
  // The synthesizer's code is a chunk of its own, loaded here rather than with the console.
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
