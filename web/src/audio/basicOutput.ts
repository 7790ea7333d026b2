/** A plain Web Audio sound (a soft triangle voice per note), used only when no SoundFont is available. */
import type { NoteOutput } from "./output";

/** A {@link NoteOutput} made of oscillators on <paramref name="context" />. */
export function basicOutput(context: AudioContext): NoteOutput {
  const master = context.createGain();
  master.gain.value = 0.2;
  master.connect(context.destination);
  const voices = new Map<string, { osc: OscillatorNode; gain: GainNode }[]>();
  const key = (channel: number, pitch: number) => `${channel}:${pitch}`;
  return {
    now: () => context.currentTime,
    latency: () => (context.outputLatency || 0) + context.baseLatency,
    program: () => {},
    noteOn(channel, pitch, velocity, time) {
      const at = Math.max(time ?? context.currentTime, context.currentTime);
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = channel === 9 ? "square" : "triangle";
      osc.frequency.value = 440 * 2 ** ((pitch - 69) / 12);
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(velocity / 127, at + 0.005);
      gain.gain.setTargetAtTime(0.6 * (velocity / 127), at + 0.01, 0.3);
      osc.connect(gain).connect(master);
      osc.start(at);
      const list = voices.get(key(channel, pitch)) ?? [];
      list.push({ osc, gain });
      voices.set(key(channel, pitch), list);
    },
    noteOff(channel, pitch, time) {
      const list = voices.get(key(channel, pitch));
      const voice = list?.shift();
      if (!voice) return;
      const at = Math.max(time ?? context.currentTime, context.currentTime);
      voice.gain.gain.setTargetAtTime(0, at, 0.03);
      voice.osc.stop(at + 0.2);
    },
    allOff() {
      for (const list of voices.values()) for (const v of list) v.osc.stop();
      voices.clear();
    },
  };
}
