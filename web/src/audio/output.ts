/** Where the player and the keyboard send notes: a synthesizer on an audio clock (seconds). */
export interface NoteOutput {
  /** The audio clock now, in seconds. */
  now(): number;
  /** Seconds between a sound scheduled at now() and hearing it (the context's output latency). */
  latency(): number;
  program(channel: number, program: number): void;
  noteOn(channel: number, pitch: number, velocity: number, time?: number): void;
  noteOff(channel: number, pitch: number, time?: number): void;
  /** Silences every channel at once (pause, stop). */
  allOff(): void;
}
