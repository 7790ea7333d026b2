/** The studio's transport: the shared player kept in step with the song, the mix and the loop. */
import { useEffect, useState } from "preact/hooks";
import { signal } from "@preact/signals";
import { getPlayer } from "../../ui/usePlayback";
import type { Player } from "../../audio/player";
import type { StudioState } from "./studioState";
import { record } from "./measure";

/** The playhead while playing (ticks), else null. */
export const playhead = signal<number | null>(null);

/** Play, pause and the position, for the toolbar and the shortcuts. */
export interface Transport {
  playing: boolean;
  toggle(eventTime?: number): Promise<void>;
  stop(): void;
  /** Moves the start position (and jumps there when playing). */
  seek(tick: number): void;
}

/** The transport of <paramref name="state" />. */
export function useStudioPlayer(state: StudioState): Transport {
  const [player, setPlayer] = useState<Player | null>(null);
  const [playing, setPlaying] = useState(false);
  const song = state.song.value;
  const muted = state.muted.value;
  const solo = state.solo.value;
  const loop = state.looping.value ? state.loop.value : null;

  useEffect(() => {
    if (!player) return;
    player.setSong(song);
  }, [player, song]);
  useEffect(() => player?.setMix(muted, solo), [player, muted, solo]);
  useEffect(() => player?.setLoop(loop), [player, loop]);
  useEffect(() => {
    if (!player) return;
    const off = player.onChange(() => setPlaying(player.isPlaying));
    let frame = 0;
    const step = () => {
      playhead.value = player.isPlaying ? player.position() : null;
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => {
      off();
      cancelAnimationFrame(frame);
      player.pause();
      playhead.value = null;
    };
  }, [player]);

  const start = async (eventTime?: number) => {
    const p = player ?? (await getPlayer());
    if (!player) setPlayer(p);
    const s = state.song.value;
    p.setSong(s);
    p.setMix(state.muted.value, state.solo.value);
    p.setLoop(state.looping.value ? state.loop.value : null);
    const from = state.looping.value && state.loop.value ? state.loop.value.start : state.cursor.value;
    p.play(from);
    setPlaying(true);
    if (eventTime !== undefined) {
      // From the press to the start position heard: handling, the player's head start, output latency (a rest written in the music is not latency).
      record("playToSoundMs", performance.now() - eventTime + 20 + p.outputLatency() * 1000);
    }
  };
  return {
    playing,
    toggle: async (eventTime) => {
      if (player?.isPlaying) {
        state.cursor.value = Math.max(0, Math.round(player.pause()));
        return;
      }
      await start(eventTime);
    },
    stop: () => {
      player?.pause();
      state.cursor.value = 0;
    },
    seek: (tick) => {
      state.cursor.value = tick;
      if (player?.isPlaying) player.play(tick);
    },
  };
}
