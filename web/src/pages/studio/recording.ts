/**
 * A recording take: a count-in, the metronome while recording (scheduled a little ahead on the
 * audio clock, like the player), and the notes played live turned into the melody by a Recorder.
 */
import { signal } from "@preact/signals";
import type { NoteOutput } from "../../audio/output";
import { countInEnd, metronomeClicks, Recorder } from "../../model/recorder";
import type { Note } from "../../model/song";
import { listen } from "./liveInput";

/** What the recorder is doing. */
export const recordingPhase = signal<"idle" | "count-in" | "recording">("idle");
/** The recording's position in seconds since bar 1 (negative during the count-in). */
export const recordingClock = signal(0);

/** How to record. */
export interface RecordSettings {
  ppq: number;
  bpm: number;
  beatsPerBar: number;
  countInBars: number;
  metronome: boolean;
  /** Grid in ticks to quantise to, or 0 for none. */
  quantize: number;
}

/** One take in progress. */
export class RecordingTake {
  private readonly recorder: Recorder;
  private readonly stopListening: () => void;
  private readonly timer: ReturnType<typeof setInterval>;
  private clicksTo: number;
  readonly startTime: number;

  constructor(
    private readonly output: NoteOutput,
    private readonly settings: RecordSettings,
  ) {
    const at = output.now() + 0.1;
    this.startTime = countInEnd(settings.bpm, settings.beatsPerBar, settings.countInBars, at);
    this.clicksTo = at;
    this.recorder = new Recorder({ ppq: settings.ppq, bpm: settings.bpm, startTime: this.startTime, quantize: settings.quantize });
    this.stopListening = listen({
      noteOn: (n) => this.recorder.noteOn(n.pitch, n.velocity, n.time),
      noteOff: (pitch, time) => this.recorder.noteOff(pitch, time),
    });
    output.program(9, 0);
    recordingPhase.value = settings.countInBars > 0 ? "count-in" : "recording";
    this.timer = setInterval(() => this.tick(), 25);
    this.tick();
  }

  private tick(): void {
    const now = this.output.now();
    recordingClock.value = now - this.startTime;
    if (recordingPhase.value === "count-in" && now >= this.startTime) recordingPhase.value = "recording";
    const horizon = now + 0.15;
    const countingIn = this.clicksTo < this.startTime;
    if ((this.settings.metronome || countingIn) && horizon > this.clicksTo) {
      for (const c of metronomeClicks(this.settings.bpm, this.settings.beatsPerBar, this.clicksTo, horizon, this.startTime)) {
        if (!this.settings.metronome && c.time >= this.startTime) break;
        // Wood blocks on the drum channel: high on beat 1, low on the others.
        const pitch = c.accent ? 76 : 77;
        this.output.noteOn(9, pitch, c.accent ? 120 : 90, c.time);
        this.output.noteOff(9, pitch, c.time + 0.08);
      }
    }
    this.clicksTo = Math.max(this.clicksTo, horizon);
  }

  /** Ends the take; the notes recorded (none when nothing was played after the count-in). */
  stop(): Note[] {
    clearInterval(this.timer);
    this.stopListening();
    recordingPhase.value = "idle";
    return this.recorder.stop(this.output.now());
  }
}
