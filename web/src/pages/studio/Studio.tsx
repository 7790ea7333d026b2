/**
 * The studio: a melody in (sample, MIDI file, keyboard, recording, drawing), edited on the piano
 * roll, accompanied by a model, heard, edited again, downloaded and shared. Any length.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { ModelSummary } from "../../api/types";
import { addNote } from "../../model/edit";
import { gridTicks } from "../../model/quantize";
import type { Song } from "../../model/song";
import { emptySong, songEnd, ticksPerBar } from "../../model/song";
import { location, navigate } from "../../router";
import { ErrorNote, Loading } from "../../ui/feedback";
import { PianoRoll, type RollControls } from "../../ui/roll/PianoRoll";
import { notify } from "../../ui/toast";
import { sentenceOf, useAsync } from "../../ui/useAsync";
import { editCommands } from "./commands";
import { compose, loadComposition, saveComposition, type ComposeSettings } from "./compose";
import { ComposePanel } from "./ComposePanel";
import { HelpPanel } from "./HelpPanel";
import { Keyboard } from "./Keyboard";
import { armLiveInput, audition, held, listen, liveOutput } from "./liveInput";
import { record } from "./measure";
import { MelodyBar, readMidiFile, type RecordOptions } from "./MelodyBar";
import { RecordingTake, recordingPhase } from "./recording";
import { ResultPanel } from "./ResultPanel";
import { StudioState } from "./studioState";
import { Toolbar } from "./Toolbar";
import { TracksPanel } from "./TracksPanel";
import { playhead, useStudioPlayer } from "./useStudioPlayer";
import { useSoundWarmUp } from "../../ui/usePlayback";
import { useStudioKeys } from "./useStudioKeys";
import { DEFAULT_BASE_PITCH, DEFAULT_KEYBOARD_VELOCITY } from "../../model/keymap";

const state = new StudioState();

/** The studio page; with an id, that composition is opened. */
export function Studio({ compositionId }: { compositionId?: string }) {
  const models = useAsync((signal) => api<ModelSummary[]>("GET", "/api/models", { signal }), []);
  const wantedModel = location.value.query.get("model");
  const [settings, setSettings] = useState<ComposeSettings>({ model: "", seed: 0, candidates: 1, programs: [], threshold: null, keyPenalty: null });
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [repairs, setRepairs] = useState<readonly string[]>([]);
  const [help, setHelp] = useState(false);
  const [base, setBase] = useState(DEFAULT_BASE_PITCH);
  const [velocity, setVelocity] = useState(DEFAULT_KEYBOARD_VELOCITY);
  const [recordOptions, setRecordOptions] = useState<RecordOptions>({ countInBars: 1, metronome: true, quantize: "1/16" });
  const [saving, setSaving] = useState(false);
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [windowHeight, setWindowHeight] = useState(window.innerHeight);
  useEffect(() => {
    const onResize = () => setWindowHeight(window.innerHeight);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  const roll = useRef<RollControls | null>(null);
  const take = useRef<RecordingTake | null>(null);
  const commands = useMemo(() => editCommands(state), []);
  const transport = useStudioPlayer(state);
  useSoundWarmUp();
  const song = state.song.value;

  // The model: the one asked for in the address, else the first sample model.
  useEffect(() => {
    const list = models.value;
    if (!list || list.length === 0) return;
    if (settings.model && list.some((m) => m.name === settings.model)) return;
    const pick = list.find((m) => m.name === wantedModel) ?? list.find((m) => m.isSample) ?? list[0]!;
    setSettings((s) => ({ ...s, model: pick.name, programs: [] }));
  }, [models.value, wantedModel]);

  // Opening a composition by address (not the one just composed, which is on screen already).
  useEffect(() => {
    if (!compositionId || state.composition.value?.id === compositionId) return;
    const controller = new AbortController();
    setLoading(true);
    setLoadError(null);
    loadComposition(compositionId, controller.signal).then(
      ({ composition, song }) => {
        state.load(song, composition, composition.melodyName.replace(/\.midi?$/i, ""));
        setSettings((s) => ({ ...s, model: composition.model, seed: Number(composition.seed), candidates: composition.candidates }));
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(sentenceOf(e));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [compositionId]);

  // A new, empty studio when the address has no composition.
  useEffect(() => {
    if (!compositionId && state.composition.value) state.load(emptySong(), null, "Untitled melody");
  }, [compositionId]);

  // Autosave edits of a composition, 1.5 s after the last one.
  useEffect(() => {
    const c = state.composition.value;
    if (!c || !state.unsaved.value) return;
    const timer = setTimeout(() => void saveNow(), 1500);
    return () => clearTimeout(timer);
  }, [song, state.unsaved.value]);

  const saveNow = async () => {
    const c = state.composition.value;
    if (!c || !state.unsaved.value) return;
    const saved = state.song.value;
    setSaving(true);
    try {
      const updated = await saveComposition(c.id, saved);
      if (state.composition.value?.id === c.id) {
        state.composition.value = updated;
        if (state.song.value === saved) state.unsaved.value = false;
      }
      setSaveProblem(null);
    } catch (e) {
      setSaveProblem(`Not saved: ${sentenceOf(e)}`);
    } finally {
      setSaving(false);
    }
  };

  // Step input: notes played are written at the cursor; the cursor moves on when every key is up.
  useEffect(() => {
    if (!state.stepInput.value) return;
    return listen({
      noteOn: (n) => {
        const track = state.track.value;
        if (!track) return;
        const added = addNote(track.notes, { pitch: n.pitch, start: state.cursor.value, duration: state.grid.value, velocity: n.velocity });
        state.edit(added.notes);
        state.selection.value = new Set([added.id]);
      },
      noteOff: () => {
        if (held.value.size === 0) state.cursor.value += state.grid.value;
      },
    });
  }, [state.stepInput.value]);

  const onMelody = (melodySong: Song, name: string, found: readonly string[]) => {
    const melody = melodySong.tracks.find((t) => t.role === "melody") ?? melodySong.tracks.find((t) => t.notes.length > 0);
    const notes: string[] = [...found];
    if (!melody || melody.notes.length === 0) {
      notify("That file has no notes to use as a melody.", "error");
      return;
    }
    const others = melodySong.tracks.filter((t) => t !== melody && t.notes.length > 0);
    if (others.length > 0) notes.push(`The track "${melody.name}" was taken as the melody; ${others.length} other ${others.length === 1 ? "track was" : "tracks were"} left out.`);
    transport.stop();
    state.load({ ...melodySong, tracks: [{ ...melody, id: "melody", role: "melody", channel: 0 }] }, null, name);
    setRepairs(notes);
    if (compositionId) navigate("/", true);
  };

  const doCompose = async (s: ComposeSettings) => {
    const melody = state.melody.value;
    if (!melody || melody.notes.length === 0) return;
    const started = performance.now();
    setBusy(true);
    transport.stop();
    try {
      const result = await compose(state.song.value, state.melodyName.value, s);
      state.load(result.song, result.composition);
      setRepairs(result.composition.repairs);
      navigate(`/studio/${result.composition.id}`, true);
      requestAnimationFrame(() => requestAnimationFrame(() => record("composeToShownMs", performance.now() - started)));
    } catch (e) {
      notify(sentenceOf(e), "error");
    } finally {
      setBusy(false);
    }
  };

  const toggleRecord = async () => {
    if (take.current) {
      const notes = take.current.stop();
      take.current = null;
      if (notes.length === 0) {
        notify("Nothing was recorded: play on the keyboard after the count-in.");
        return;
      }
      state.replaceTrack(state.melody.value?.id ?? "melody", (t) => ({ ...t, notes }));
      state.activeTrack.value = state.melody.value?.id ?? "melody";
      state.melodyName.value = "Recorded melody";
      notify(`Recorded ${notes.length} notes.`);
      return;
    }
    try {
      await armLiveInput();
      transport.stop();
      const out = liveOutput()!;
      const s = state.song.value;
      take.current = new RecordingTake(out, {
        ppq: s.ppq,
        bpm: s.bpm,
        beatsPerBar: s.beatsPerBar,
        countInBars: recordOptions.countInBars,
        metronome: recordOptions.metronome,
        quantize: recordOptions.quantize === "off" ? 0 : gridTicks(s.ppq, recordOptions.quantize),
      });
    } catch (e) {
      notify(`Recording could not start: ${sentenceOf(e)}`, "error");
    }
  };

  useStudioKeys({
    state,
    transport,
    commands,
    roll: () => roll.current,
    base,
    setBase,
    velocity,
    setVelocity,
    record: () => void toggleRecord(),
    recording: () => take.current !== null,
    compose: () => void doCompose(settings),
    toggleHelp: () => setHelp((h) => !h),
    closeHelp: () => setHelp(false),
  });

  const melody = state.melody.value;
  const canCompose = !!melody && melody.notes.length > 0 && !!settings.model && recordingPhase.value === "idle";
  const why = !melody || melody.notes.length === 0 ? "Give a melody first: a sample, a MIDI file, the keyboard (Record or Step input), or draw on the roll." : null;
  const activeTrack = state.track.value;
  const bars = Math.max(1, Math.ceil(songEnd(song) / ticksPerBar(song)));
  // The roll takes the height the window leaves once the bars and the keyboard are shown.
  const rollHeight = Math.round(Math.max(220, Math.min(560, windowHeight - 470)));
  return (
    <section
      class={`studio${dragging ? " dropping" : ""}`}
      aria-label="Studio"
      onDragOver={(e) => {
        if (e.dataTransfer?.types.includes("Files")) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer?.files[0];
        if (file)
          void readMidiFile(file).then(
            ({ song: s, repairs: r }) => onMelody(s, file.name.replace(/\.midi?$/i, ""), r),
            (err: unknown) => notify(`${file.name} could not be read: ${sentenceOf(err)}`, "error"),
          );
      }}
    >
      <div class="studio-main">
        <div class="page-head">
          <h1>{state.composition.value ? state.melodyName.value : "Studio"}</h1>
          <span class="muted small">
            {bars} {bars === 1 ? "bar" : "bars"} · {song.tracks.length} {song.tracks.length === 1 ? "track" : "tracks"}
          </span>
          <div class="actions">
            <a class="button" href="/" onClick={() => state.load(emptySong(), null, "Untitled melody")}>
              New melody
            </a>
          </div>
        </div>
        {loading && <Loading what="Opening the composition…" />}
        {loadError && <ErrorNote sentence={loadError} />}
        <MelodyBar
          onMelody={onMelody}
          record={recordOptions}
          onRecordOptions={setRecordOptions}
          onRecord={() => void toggleRecord()}
        />
        {repairs.length > 0 && (
          <div class="notice" role="status">
            <strong>Read with repairs:</strong>
            <ul>
              {repairs.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <button type="button" class="link" onClick={() => setRepairs([])}>
              Dismiss
            </button>
          </div>
        )}
        <Toolbar state={state} transport={transport} commands={commands} roll={roll.current} onHelp={() => setHelp((h) => !h)} />
        <div class="roll-area">
          <PianoRoll
            song={song}
            label={`Piano roll, editing ${activeTrack?.name ?? "nothing"}`}
            height={rollHeight}
            activeTrack={state.activeTrack.value}
            selection={state.selection.value}
            grid={state.grid.value}
            tool={state.tool.value}
            loop={state.looping.value ? state.loop.value : null}
            playhead={playhead.value}
            insertTick={playhead.value === null ? state.cursor.value : null}
            faintTracks={state.solo.value.size > 0 ? new Set(song.tracks.filter((t) => !state.solo.value.has(t.id)).map((t) => t.id)) : state.muted.value}
            onEdit={(notes, key) => state.edit(notes, key)}
            onSelect={(ids) => (state.selection.value = ids)}
            onSeek={(t) => transport.seek(t)}
            onLoop={(l) => {
              state.loop.value = l;
              state.looping.value = l !== null;
            }}
            onAudition={(pitch, v) => audition(pitch, v, activeTrack?.program ?? 0)}
            controls={(c) => (roll.current = c)}
            fitKey={state.loads.value}
          />
          {(melody?.notes.length ?? 0) === 0 && song.tracks.length === 1 && (
            <p class="roll-hint">Choose a sample melody, import or drop a MIDI file, record from the keyboard, or click on the roll to draw notes.</p>
          )}
        </div>
        <Keyboard base={base} velocity={velocity} onOctave={(d) => setBase((b) => Math.max(0, Math.min(96, b + 12 * d)))} />
        {help && <HelpPanel onClose={() => setHelp(false)} />}
      </div>
      <aside class="studio-side" aria-label="Compose and tracks">
        <ComposePanel
          models={models.value}
          settings={settings}
          onChange={setSettings}
          onCompose={(s) => void doCompose(s)}
          busy={busy}
          canCompose={canCompose}
          why={models.error ? `The models could not be listed: ${models.error}` : why}
        />
        {song.tracks.length > 1 && <TracksPanel state={state} />}
        <ResultPanel state={state} saving={saving} saveProblem={saveProblem} onSaveNow={saveNow} />
      </aside>
    </section>
  );
}
