/** A shared composition, open to anyone with the link: its piano roll, playback and downloads. */
import { api, apiBytes, ApiError } from "../../api/client";
import type { CompositionDto } from "../../api/types";
import { readMidi } from "../../model/midi";
import { songEnd, ticksPerBar } from "../../model/song";
import { ErrorNote, Loading } from "../../ui/feedback";
import { PianoRoll } from "../../ui/roll/PianoRoll";
import { trackColor } from "../../ui/roll/draw";
import { useAsync } from "../../ui/useAsync";
import { usePlayback, useSoundWarmUp } from "../../ui/usePlayback";
import { when } from "../../ui/format";

/** The page for /shared/{token}. */
export function Shared({ token }: { token: string }) {
  const base = `/api/shared/${encodeURIComponent(token)}`;
  const data = useAsync(async (signal) => {
    const composition = await api<CompositionDto>("GET", base, { signal }).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) throw new Error("This share link does not open a composition: its owner may have revoked it, or the address is not complete.");
      throw e;
    });
    const bytes = await apiBytes(`${base}/midi`, signal);
    return { composition, song: readMidi(new Uint8Array(bytes)).song };
  }, [token]);
  const playback = usePlayback(`shared-${token}`);
  useSoundWarmUp();
  if (data.loading) return <Loading what="Opening the shared composition…" />;
  if (data.error || !data.value)
    return (
      <section class="page narrow">
        <h1>Shared composition</h1>
        <ErrorNote sentence={data.error ?? ""} retry={data.reload} />
      </section>
    );
  const { composition: c, song } = data.value;
  const bars = Math.ceil(songEnd(song) / ticksPerBar(song));
  const title = c.melodyName.replace(/\.midi?$/i, "");
  return (
    <section class="page">
      <div class="page-head">
        <h1>{title}</h1>
        <span class="muted small">
          {bars} bars · written by the model {c.model} · {when(c.createdAt)}
        </span>
        <div class="actions">
          <button type="button" class="primary" onClick={() => void playback.toggle(song)} aria-label={playback.playing ? "Pause" : "Play"}>
            {playback.playing ? "❚❚ Pause" : "▶ Play"}
          </button>
          <a class="button" href={`${base}/midi`} download={`${title}.mid`}>
            Download MIDI
          </a>
          <a class="button" href={`${base}/wav`} download={`${title}.wav`}>
            Download WAV
          </a>
        </div>
      </div>
      <PianoRoll song={song} readOnly label={`${title}, shared composition`} height={420} playhead={playback.position} />
      <ul class="legend" aria-label="Tracks">
        {song.tracks.map((t) => (
          <li key={t.id}>
            <span class="swatch" style={{ background: trackColor(song, t) }} aria-hidden="true" /> {t.name}
            {t.role === "melody" ? " (melody)" : ""}
          </li>
        ))}
      </ul>
      <p class="muted small">
        Made with Cantus. <a href="/">Open the studio</a> to write your own.
      </p>
    </section>
  );
}
