/**
 * The samples a run drew at its checkpoints: a slider over the checkpoints, the chosen one on a
 * read-only piano roll (its MIDI read in the browser), Play, and "Play evolution", which steps
 * through every checkpoint (~1.2 s each) so the learning can be watched.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { apiBytes } from "../../api/client";
import { readMidi } from "../../model/midi";
import type { Song } from "../../model/song";
import { PianoRoll } from "../../ui/roll/PianoRoll";
import { usePlayback } from "../../ui/usePlayback";
import { sentenceOf } from "../../ui/useAsync";
import { Empty, ErrorNote, Loading } from "../../ui/feedback";
import type { SampleRow } from "./series";

/** Milliseconds each checkpoint is shown while the evolution plays. */
export const EVOLUTION_STEP_MS = 1200;

type Loaded = { song: Song; repairs: string[] };

/** The samples panel of one run. */
export function SamplesPanel({ jobId, samples, checkpointEvery, live, historyLoaded }: {
  jobId: string;
  samples: readonly SampleRow[];
  checkpointEvery: number | undefined;
  live: boolean;
  historyLoaded: boolean;
}) {
  const [index, setIndex] = useState<number | null>(null);
  const [evolving, setEvolving] = useState(false);
  const [shown, setShown] = useState<{ iteration: number; loaded: Loaded } | null>(null);
  const [failure, setFailure] = useState<{ iteration: number; sentence: string } | null>(null);
  const cache = useRef(new Map<string, Promise<Loaded>>());
  const playback = usePlayback(`training-samples:${jobId}`);

  // Follow the newest checkpoint while the reader has not picked another one.
  const last = samples.length - 1;
  const followNewest = index === null;
  const at = samples.length === 0 ? null : followNewest ? last : Math.min(index, last);
  const sample = at === null ? undefined : samples[at];

  const load = (s: SampleRow): Promise<Loaded> => {
    let p = cache.current.get(s.midi);
    if (!p) {
      p = apiBytes(s.midi).then((bytes) => readMidi(new Uint8Array(bytes)));
      p.catch(() => cache.current.delete(s.midi));
      cache.current.set(s.midi, p);
    }
    return p;
  };

  useEffect(() => {
    if (!sample) return;
    let stale = false;
    setFailure(null);
    load(sample).then(
      (loaded) => {
        if (!stale) setShown({ iteration: sample.iteration, loaded });
      },
      (e: unknown) => {
        if (!stale) setFailure({ iteration: sample.iteration, sentence: `The samples of iteration ${sample.iteration} could not be read: ${sentenceOf(e)}` });
      },
    );
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sample?.midi]);

  // Another checkpoint: what played was the old one.
  useEffect(() => {
    if (playback.playing) playback.stop();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sample?.iteration]);

  // The evolution: one checkpoint every 1.2 s, from the first to the last, then stop.
  const positionRef = useRef(0);
  positionRef.current = at ?? 0;
  useEffect(() => {
    if (!evolving) return;
    for (const s of samples) void load(s).catch(() => undefined); // fetch ahead
    const timer = setInterval(() => {
      const next = positionRef.current + 1;
      if (next >= samples.length - 1) {
        setEvolving(false);
        setIndex(live ? null : samples.length - 1);
      } else {
        setIndex(next);
      }
    }, EVOLUTION_STEP_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [evolving, samples.length, live]);

  // Leaving the page ends the evolution (the timer is cleared by the effect above).
  const toggleEvolution = () => {
    if (evolving) {
      setEvolving(false);
      return;
    }
    if (samples.length < 2) return;
    setIndex(0);
    setEvolving(true);
  };

  if (!historyLoaded && samples.length === 0) return <Loading what="Loading the samples…" />;
  if (samples.length === 0)
    return (
      <Empty>
        {live
          ? `No samples yet. The run draws samples at every checkpoint${checkpointEvery ? ` (every ${checkpointEvery} iterations)` : ""}; they appear here as they are made.`
          : "This run drew no samples: it ended before its first checkpoint."}
      </Empty>
    );

  const song = shown?.loaded.song;
  const showingOld = shown !== null && sample !== undefined && shown.iteration !== sample.iteration;
  const position = at ?? 0;
  return (
    <div class="stack">
      <div class="row sample-controls">
        <label class="sample-slider" for={`samples-${jobId}`}>
          <span>Checkpoint</span>
          <input
            id={`samples-${jobId}`}
            type="range"
            min={0}
            max={Math.max(0, samples.length - 1)}
            step={1}
            value={position}
            aria-valuetext={`Iteration ${sample?.iteration ?? 0}, checkpoint ${position + 1} of ${samples.length}`}
            onInput={(e) => {
              setEvolving(false);
              const v = Number((e.currentTarget as HTMLInputElement).value);
              setIndex(v >= last && live ? null : v);
            }}
          />
        </label>
        <span class="sample-at" aria-live={evolving ? "off" : "polite"}>
          Iteration <strong>{sample?.iteration ?? "–"}</strong> <span class="muted">({position + 1} of {samples.length})</span>
        </span>
        <span class="spacer" />
        <button
          type="button"
          onClick={() => song && void playback.toggle(song)}
          disabled={!song || showingOld}
          aria-pressed={playback.playing}
          aria-label={playback.playing ? `Stop the samples of iteration ${sample?.iteration}` : `Play the samples of iteration ${sample?.iteration}`}
        >
          {playback.playing ? "■ Stop" : "▶ Play"}
        </button>
        <button type="button" onClick={toggleEvolution} disabled={samples.length < 2} aria-pressed={evolving}>
          {evolving ? "Stop evolution" : "Play evolution"}
        </button>
        {sample?.png && (
          <a class="button" href={sample.png} target="_blank" rel="noopener">
            Picture
          </a>
        )}
        <a class="button" href={sample?.midi} download={`${jobId}-${sample?.iteration}.mid`}>
          MIDI
        </a>
      </div>
      {failure && failure.iteration === sample?.iteration && <ErrorNote sentence={failure.sentence} />}
      {song ? (
        <div class={showingOld ? "sample-roll loading-next" : "sample-roll"}>
          <PianoRoll song={song} readOnly height={260} playhead={playback.position} label={`Samples drawn at iteration ${shown?.iteration ?? ""}`} />
        </div>
      ) : (
        !failure && <Loading what={`Loading the samples of iteration ${sample?.iteration}…`} />
      )}
      <p class="help">
        Each checkpoint draws the same melodies with the same noise, so only what the generator learned changes from one to the next. The melody is the first track;
        the others are the model's voices, before any clean-up.
      </p>
    </div>
  );
}
