/**
 * What the player sends in a window of song time: note-ons and note-offs of the audible tracks,
 * in ticks, pure (tested without a browser or a clock).
 */
import type { Song, Track } from "../model/song";

/** One event to send. */
export interface ScheduledEvent {
  tick: number;
  kind: "on" | "off";
  channel: number;
  pitch: number;
  velocity: number;
}

/** Which tracks sound: muted ones never, and when any track is soloed only the soloed ones. */
export function audibleTracks(song: Song, muted: ReadonlySet<string>, solo: ReadonlySet<string>): Track[] {
  return song.tracks.filter((t) => (solo.size > 0 ? solo.has(t.id) : !muted.has(t.id)));
}

/**
 * The events with tick0 <= tick < tick1, in order (offs before ons at the same tick, so a
 * repeated pitch restarts). Notes are cut at <paramref name="end" /> (a loop's end) when given.
 */
export function eventsBetween(tracks: readonly Track[], tick0: number, tick1: number, end = Infinity): ScheduledEvent[] {
  const events: ScheduledEvent[] = [];
  for (const t of tracks) {
    for (const n of t.notes) {
      if (n.start >= tick0 && n.start < tick1 && n.start < end)
        events.push({ tick: n.start, kind: "on", channel: t.channel, pitch: n.pitch, velocity: n.velocity });
      const off = Math.min(n.start + n.duration, end);
      // An off at the loop's end is sent with the window that reaches it, so no note hangs over the jump back.
      const offInWindow = off >= tick0 && (off < tick1 || (off === end && end <= tick1));
      if (n.start < end && off > n.start && offInWindow)
        events.push({ tick: off, kind: "off", channel: t.channel, pitch: n.pitch, velocity: 0 });
    }
  }
  events.sort((a, b) => a.tick - b.tick || (a.kind === b.kind ? 0 : a.kind === "off" ? -1 : 1));
  return events;
}
