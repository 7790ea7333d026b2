/**
 * Playback for a page: one shared {@link Player} on the shared synthesizer, the song it plays,
 * whether it plays, and the position (updated every animation frame while playing).
 */
import { useEffect, useState } from "preact/hooks";
import { signal } from "@preact/signals";
import { Player } from "../audio/player";
import { getOutput, prefetchSynth, soundFontProblem } from "../audio/synth";
import type { Song } from "../model/song";
import { notify } from "./toast";
import { sentenceOf } from "./useAsync";

let shared: Promise<Player> | null = null;
/** Which song (by key) the shared player is on, so that two pages' players do not fight. */
const owner = signal<string | null>(null);
const playing = signal(false);

/** The shared player (the synthesizer is created on the first call: call from a gesture). */
export function getPlayer(): Promise<Player> {
  shared ??= getOutput().then((output) => {
    if (soundFontProblem) notify(soundFontProblem);
    const p = new Player(output);
    p.onChange(() => (playing.value = p.isPlaying));
    return p;
  });
  shared.catch(() => (shared = null));
  return shared;
}

/** Playback controls for one song on a page (<paramref name="key" /> names it, e.g. a sample's iteration). */
export interface Playback {
  /** True while this key's song plays. */
  playing: boolean;
  /** The tick sounding now (while playing), else null. */
  position: number | null;
  play(song: Song, fromTick?: number): Promise<void>;
  stop(): void;
  toggle(song: Song, fromTick?: number): Promise<void>;
}

/** Playback of songs on this page, keyed so that only the one playing shows a cursor. */
export function usePlayback(key: string): Playback {
  const [position, setPosition] = useState<number | null>(null);
  const mine = owner.value === key && playing.value;
  useEffect(() => {
    if (!mine) {
      setPosition(null);
      return;
    }
    let frame = 0;
    const step = () => {
      void getPlayer().then((p) => setPosition(p.position()));
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [mine]);
  // Leaving the page stops what it played.
  useEffect(() => () => {
    if (owner.value === key && shared) void shared.then((p) => p.pause());
  }, [key]);
  const play = async (song: Song, fromTick = 0) => {
    try {
      const p = await getPlayer();
      owner.value = key;
      p.setLoop(null);
      p.setMix(new Set(), new Set());
      p.setSong(song);
      p.play(fromTick);
    } catch (e) {
      notify(`Sound could not start: ${sentenceOf(e)}`, "error");
    }
  };
  const stop = () => void shared?.then((p) => p.pause());
  return {
    playing: mine,
    position: mine ? position : null,
    play,
    stop,
    toggle: (song, fromTick) => (mine ? Promise.resolve(stop()) : play(song, fromTick)),
  };
}

/**
 * Gets sound ready before it is asked for: the SoundFont and code are fetched when the browser is
 * idle, and the synthesizer starts at the page's first click or key (browsers allow audio only
 * after one), so that Play sounds at once.
 */
export function useSoundWarmUp(): void {
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    idle(() => prefetchSynth());
    const start = () => void getPlayer().catch(() => undefined);
    window.addEventListener("pointerdown", start, { once: true, capture: true });
    window.addEventListener("keydown", start, { once: true, capture: true });
    return () => {
      window.removeEventListener("pointerdown", start, { capture: true });
      window.removeEventListener("keydown", start, { capture: true });
    };
  }, []);
}
