/**
 * Plays a song on a {@link NoteOutput} with a look-ahead scheduler (events are sent a little
 * ahead with audio-clock times, so timing does not depend on the main thread's jitter). No DOM:
 * the timer is injected, so tests run it with fake time.
 */
import type { Song } from "../model/song";
import { secondsPerTick, songEnd } from "../model/song";
import type { NoteOutput } from "./output";
import { audibleTracks, eventsBetween } from "./schedule";

/** A repeating timer (setInterval in the browser, a fake in tests). */
export interface Timer {
  start(callback: () => void, everyMs: number): void;
  stop(): void;
}

/** The browser's timer. */
export const intervalTimer = (): Timer => {
  let id: ReturnType<typeof setInterval> | undefined;
  return {
    start: (cb, ms) => (id = setInterval(cb, ms)),
    stop: () => id !== undefined && clearInterval(id),
  };
};

/** A loop region in ticks. */
export interface LoopRegion {
  start: number;
  end: number;
}

/** How far ahead events are sent, and how often the scheduler wakes. */
export const LOOKAHEAD_SECONDS = 0.12;
export const WAKE_MS = 25;

/** Plays songs; one player per page, shared by its transport and its keyboard. */
export class Player {
  private song: Song | null = null;
  private muted = new Set<string>();
  private solo = new Set<string>();
  private loop: LoopRegion | null = null;
  private playing = false;
  /** Audio time at which tick {@link anchorTick} sounds. */
  private anchorTime = 0;
  private anchorTick = 0;
  /** Song time (ticks) up to which events have been sent. */
  private scheduledTo = 0;
  /** Earlier anchors still current on the clock (a loop's jump back is scheduled before it is heard). */
  private previous: { time: number; tick: number }[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly output: NoteOutput,
    private readonly timer: Timer = intervalTimer(),
  ) {}

  /** Seconds between scheduling a sound now and hearing it. */
  outputLatency(): number {
    return this.output.latency();
  }

  /** True while playing. */
  get isPlaying(): boolean {
    return this.playing;
  }

  /** Calls <paramref name="listener" /> when playback starts or stops; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The song to play (may change while playing: edits are heard from the next window on). */
  setSong(song: Song): void {
    const wasPlaying = this.playing && this.song !== null;
    const position = wasPlaying ? this.position() : 0;
    this.song = song;
    for (const t of song.tracks) this.output.program(t.channel, t.program);
    if (wasPlaying) this.restartAt(position);
  }

  /** Which tracks sound (by track id). */
  setMix(muted: ReadonlySet<string>, solo: ReadonlySet<string>): void {
    this.muted = new Set(muted);
    this.solo = new Set(solo);
  }

  /** Loops between two ticks while playing, or not (null). */
  setLoop(loop: LoopRegion | null): void {
    this.loop = loop && loop.end > loop.start ? loop : null;
  }

  /** Starts playing from <paramref name="tick" />; the first notes sound after the output's latency. */
  play(tick = 0): void {
    if (!this.song) return;
    this.restartAt(tick);
    if (!this.playing) {
      this.playing = true;
      this.timer.start(() => this.wake(), WAKE_MS);
      this.emit();
    }
    this.wake();
  }

  /** Stops and silences; returns the position it stopped at. */
  pause(): number {
    const at = this.position();
    if (this.playing) {
      this.playing = false;
      this.timer.stop();
      this.output.allOff();
      this.emit();
    }
    return at;
  }

  /** The tick sounding now (the last position when paused). */
  position(): number {
    if (!this.song || !this.playing) return this.anchorTick;
    const now = this.output.now();
    // The anchor heard now: the newest one whose time has come.
    let anchor = { time: this.anchorTime, tick: this.anchorTick };
    if (now < this.anchorTime) {
      for (const a of this.previous) if (a.time <= now) anchor = a;
    }
    this.previous = this.previous.filter((a) => a.time >= anchor.time);
    return anchor.tick + Math.max(0, now - anchor.time) / secondsPerTick(this.song);
  }

  private restartAt(tick: number): void {
    this.output.allOff();
    // A small head start, so that the first events are not scheduled in the past.
    this.anchorTime = this.output.now() + 0.02;
    this.anchorTick = tick;
    this.scheduledTo = tick;
    this.previous = [];
  }

  private wake(): void {
    const song = this.song;
    if (!this.playing || !song) return;
    const spt = secondsPerTick(song);
    const horizon = this.output.now() + LOOKAHEAD_SECONDS;
    const tracks = audibleTracks(song, this.muted, this.solo);
    // Song time advances with the audio clock; a loop maps [start, end) onto itself.
    while (true) {
      const windowStartTime = this.anchorTime + (this.scheduledTo - this.anchorTick) * spt;
      if (windowStartTime >= horizon) break;
      const loopEnd = this.loop && this.scheduledTo < this.loop.end ? this.loop.end : Infinity;
      const untilTick = Math.min(this.anchorTick + (horizon - this.anchorTime) / spt, loopEnd);
      for (const e of eventsBetween(tracks, this.scheduledTo, untilTick, loopEnd)) {
        const time = this.anchorTime + (e.tick - this.anchorTick) * spt;
        if (e.kind === "on") this.output.noteOn(e.channel, e.pitch, e.velocity, time);
        else this.output.noteOff(e.channel, e.pitch, time);
      }
      if (this.loop && untilTick >= this.loop.end) {
        // Jump back: the loop's start sounds exactly when its end would have.
        this.previous.push({ time: this.anchorTime, tick: this.anchorTick });
        this.anchorTime += (this.loop.end - this.anchorTick) * spt;
        this.anchorTick = this.loop.start;
        this.scheduledTo = this.loop.start;
        continue;
      }
      this.scheduledTo = untilTick;
      if (!this.loop && this.scheduledTo >= songEnd(song)) {
        const endTime = this.anchorTime + (songEnd(song) - this.anchorTick) * spt;
        if (this.output.now() >= endTime) {
          this.anchorTick = 0;
          this.playing = false;
          this.timer.stop();
          this.emit();
        }
      }
      break;
    }
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
