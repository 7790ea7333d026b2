/** The tracks: which one is edited, mute, solo and instrument per track, each in its roll colour. */
import { GM_PROGRAMS } from "../../model/gm";
import { trackColor } from "../../ui/roll/draw";
import type { StudioState } from "./studioState";

/** Props: the state. */
export function TracksPanel({ state }: { state: StudioState }) {
  const song = state.song.value;
  const toggle = (set: ReadonlySet<string>, id: string) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };
  return (
    <section class="panel" aria-labelledby="tracks-title">
      <h2 id="tracks-title">Tracks</h2>
      <ul class="tracks">
        {song.tracks.map((t) => (
          <li key={t.id} class={t.id === state.activeTrack.value ? "active" : ""}>
            <span class="swatch" style={{ background: trackColor(song, t) }} aria-hidden="true" />
            <label class="track-name" title={`${t.name}: ${t.notes.length} notes`}>
              <input type="radio" name="active-track" checked={t.id === state.activeTrack.value} onChange={() => {
                state.activeTrack.value = t.id;
                state.selection.value = new Set();
              }} />
              <span class="ellipsis">{t.name}</span>
              {t.role === "melody" && <span class="tag">melody</span>}
            </label>
            <button type="button" class="icon" aria-pressed={state.muted.value.has(t.id)} onClick={() => (state.muted.value = toggle(state.muted.value, t.id))} aria-label={`Mute ${t.name}`} title="Mute">
              M
            </button>
            <button type="button" class="icon" aria-pressed={state.solo.value.has(t.id)} onClick={() => (state.solo.value = toggle(state.solo.value, t.id))} aria-label={`Solo ${t.name}`} title="Solo">
              S
            </button>
            <select
              value={t.program}
              aria-label={`Instrument of ${t.name}`}
              disabled={t.channel === 9}
              onChange={(e) => {
                const program = Number((e.target as HTMLSelectElement).value);
                state.replaceTrack(t.id, (x) => ({ ...x, program }));
              }}
            >
              {GM_PROGRAMS.map((name, p) => (
                <option key={p} value={p}>
                  {name}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
    </section>
  );
}
