/**
 * Hardware keyboards through Web MIDI: the list of inputs, the chosen one, and its notes played
 * live. Browsers without Web MIDI (Firefox without the add-on permission, Safari) get a sentence.
 */
import { signal } from "@preact/signals";
import { press, release } from "./liveInput";

/** An input the browser offers. */
export interface MidiDevice {
  id: string;
  name: string;
}

/** Why Web MIDI is unavailable, or null when it is. */
export const midiProblem = signal<string | null>(null);
export const midiDevices = signal<readonly MidiDevice[]>([]);
export const midiDevice = signal<string | null>(null);

let access: MIDIAccess | null = null;
let connected: MIDIInput | null = null;

/** Asks the browser for MIDI access (once) and lists the inputs. */
export async function openMidi(): Promise<void> {
  if (!("requestMIDIAccess" in navigator)) {
    midiProblem.value = "This browser has no Web MIDI, so a hardware keyboard cannot be used here; Chrome, Edge and Opera have it. The on-screen and computer keyboards work everywhere.";
    return;
  }
  try {
    access ??= await navigator.requestMIDIAccess();
  } catch {
    midiProblem.value = "The browser refused MIDI access. Allow MIDI devices for this site in the browser's settings, then try again.";
    return;
  }
  midiProblem.value = null;
  const refresh = () => {
    midiDevices.value = [...access!.inputs.values()].map((i) => ({ id: i.id, name: i.name ?? i.id }));
    if (midiDevice.value && !midiDevices.value.some((d) => d.id === midiDevice.value)) choose(null);
    midiProblem.value = midiDevices.value.length === 0 ? "No MIDI keyboard is connected. Plug one in: it appears here by itself." : null;
  };
  access.onstatechange = refresh;
  refresh();
  if (!midiDevice.value && midiDevices.value.length > 0) choose(midiDevices.value[0]!.id);
}

/** Plays from input <paramref name="id" /> (null: none). */
export function choose(id: string | null): void {
  if (connected) connected.onmidimessage = null;
  connected = id && access ? (access.inputs.get(id) ?? null) : null;
  midiDevice.value = connected ? id : null;
  if (connected) connected.onmidimessage = (e) => onMessage(e);
}

function onMessage(e: MIDIMessageEvent): void {
  const data = e.data;
  if (!data || data.length < 3) return;
  const kind = data[0]! & 0xf0;
  const pitch = data[1]!;
  const velocity = data[2]!;
  if (kind === 0x90 && velocity > 0) press(pitch, velocity, e.timeStamp);
  else if (kind === 0x80 || (kind === 0x90 && velocity === 0)) release(pitch);
}
