/**
 * The person's compositions: search by melody or model, sort, play one here, open it in the
 * studio, download its MIDI or WAV, share it (a link anyone can open) or revoke the link, delete
 * it. Pages of 50, newest first from the server; "Load more" fetches older ones.
 */
import { useRef, useState } from "preact/hooks";
import { api, apiBytes } from "../../api/client";
import type { CompositionDto, ShareDto } from "../../api/types";
import { readMidi } from "../../model/midi";
import { secondsPerTick, type Song } from "../../model/song";
import { confirmAction } from "../../ui/confirm";
import { Empty, ErrorNote, Loading } from "../../ui/feedback";
import { when } from "../../ui/format";
import { notify } from "../../ui/toast";
import { sentenceOf, useAsync } from "../../ui/useAsync";
import { usePlayback } from "../../ui/usePlayback";
import { CopyField } from "./CopyField";
import {
  appendPage,
  downloadName,
  lengthText,
  replaceById,
  searchCompositions,
  shareTokenOf,
  sharePageUrl,
  SORT_LABELS,
  sortCompositions,
  type SortKey,
} from "./list";

const PAGE = 50;
/** Narrower buttons for the table's actions, so that a row holds at 1024 px. */
const compact = { paddingLeft: "8px", paddingRight: "8px" };

/** A composition in words, telling apart takes of one melody: "ode-to-joy.mid (bach-chorales, seed 7)". */
function describe(c: Pick<CompositionDto, "melodyName" | "model" | "seed">): string {
  return `${c.melodyName} (${c.model}, seed ${c.seed})`;
}

/** When the composition's MIDI was last replaced by an edit (a field newer servers send), or null. */
function revisedAt(c: CompositionDto): string | null {
  const v = (c as { revisedAt?: unknown }).revisedAt;
  return typeof v === "string" ? v : null;
}

/** A short date for the table ("Nov 30, 3:52 PM"; the year when it is not this one). */
function shortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "–";
  const thisYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleString(undefined, { year: thisYear ? undefined : "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The compositions page. */
export function Compositions() {
  const list = useAsync((signal) => api<CompositionDto[]>("GET", `/api/compositions?limit=${PAGE}&offset=0`, { signal }), []);
  const [more, setMore] = useState<boolean | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | undefined>(undefined);
  const [text, setText] = useState("");
  const [sort, setSort] = useState<SortKey>("newest");
  const [openShare, setOpenShare] = useState<string | null>(null);
  const [busy, setBusy] = useState<Record<string, string>>({});
  const playback = usePlayback("compositions");
  const [playingId, setPlayingId] = useState<string | null>(null);
  const [fetchingId, setFetchingId] = useState<string | null>(null);
  const songs = useRef(new Map<string, Song>());

  const items = list.value ?? [];
  const hasMore = more ?? items.length >= PAGE;
  const shown = sortCompositions(searchCompositions(items, text), sort);

  const setBusyFor = (id: string, what: string | null) =>
    setBusy((b) => {
      const next = { ...b };
      if (what) next[id] = what;
      else delete next[id];
      return next;
    });

  const loadMore = async () => {
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await api<CompositionDto[]>("GET", `/api/compositions?limit=${PAGE}&offset=${items.length}`);
      list.set(appendPage(items, page));
      setMore(page.length >= PAGE);
    } catch (e) {
      setMoreError(sentenceOf(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const play = async (c: CompositionDto) => {
    if (playback.playing && playingId === c.id) {
      playback.stop();
      return;
    }
    let song = songs.current.get(c.id);
    if (!song) {
      setFetchingId(c.id);
      try {
        const bytes = await apiBytes(c.links.midi);
        song = readMidi(new Uint8Array(bytes)).song;
        songs.current.set(c.id, song);
      } catch (e) {
        notify(`${describe(c)} could not be played: ${sentenceOf(e)}`, "error");
        return;
      } finally {
        setFetchingId(null);
      }
    }
    setPlayingId(c.id);
    // The first play starts the synthesizer (a moment); usePlayback says so when sound cannot start.
    await playback.play(song);
  };

  const share = async (c: CompositionDto) => {
    setBusyFor(c.id, "share");
    try {
      const dto = await api<ShareDto>("POST", `/api/compositions/${encodeURIComponent(c.id)}/share`);
      list.set(replaceById(items, { ...c, shared: true, links: { ...c.links, share: dto.url } }));
      setOpenShare(c.id);
    } catch (e) {
      notify(`The share link could not be made: ${sentenceOf(e)}`, "error");
    } finally {
      setBusyFor(c.id, null);
    }
  };

  const revoke = async (c: CompositionDto) => {
    const yes = await confirmAction(
      `Revoke the share link of ${describe(c)}?`,
      "Anyone who has the link can no longer open it. Sharing again makes a new link.",
      "Revoke link",
    );
    if (!yes) return;
    setBusyFor(c.id, "revoke");
    try {
      await api<void>("DELETE", `/api/compositions/${encodeURIComponent(c.id)}/share`);
      list.set(replaceById(items, { ...c, shared: false, links: { ...c.links, share: null } }));
      if (openShare === c.id) setOpenShare(null);
      notify(`The share link of ${describe(c)} no longer works.`);
    } catch (e) {
      notify(`The share link could not be revoked: ${sentenceOf(e)}`, "error");
    } finally {
      setBusyFor(c.id, null);
    }
  };

  const remove = async (c: CompositionDto) => {
    const yes = await confirmAction(
      `Delete ${describe(c)}?`,
      `The composition${c.shared ? " and its share link are" : " is"} deleted for good; its melody stays among your melodies.`,
      "Delete composition",
    );
    if (!yes) return;
    setBusyFor(c.id, "delete");
    try {
      await api<void>("DELETE", `/api/compositions/${encodeURIComponent(c.id)}`);
      if (playingId === c.id) playback.stop();
      songs.current.delete(c.id);
      list.set(items.filter((x) => x.id !== c.id));
      notify(`Deleted ${describe(c)}.`);
    } catch (e) {
      notify(`${describe(c)} could not be deleted: ${sentenceOf(e)}`, "error");
      setBusyFor(c.id, null);
    }
  };

  const dateSort = sort === "newest" ? "descending" : sort === "oldest" ? "ascending" : undefined;

  return (
    <section class="page" aria-labelledby="compositions-title">
      <div class="page-head">
        <h1 id="compositions-title">Compositions</h1>
        <div class="actions">
          <a class="button primary" href="/">
            Compose in the studio
          </a>
        </div>
      </div>

      {list.loading && !list.value && <Loading what="Loading your compositions…" />}
      {list.error && <ErrorNote sentence={list.error} retry={list.reload} />}
      {list.value &&
        (items.length === 0 ? (
          <Empty>
            You have no compositions yet. <a href="/">Open the studio</a>, play or upload a melody, and Cantus writes its accompaniment; what you keep appears here.
          </Empty>
        ) : (
          <>
            <div class="row" role="search" style={{ marginBottom: "8px" }}>
              <label class="field" style={{ flex: "1 1 280px" }}>
                <span>Search by melody or model</span>
                <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="e.g. ode bach" aria-controls="compositions-table" />
              </label>
              <label class="field">
                <span>Sort</span>
                <select value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)} aria-controls="compositions-table">
                  {(Object.keys(SORT_LABELS) as SortKey[]).map((k) => (
                    <option key={k} value={k}>
                      {SORT_LABELS[k]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p class="muted small" role="status" aria-live="polite">
              {text ? `${shown.length} of ${items.length} loaded compositions match.` : `${items.length} compositions${hasMore ? " loaded; older ones follow" : ""}.`}
              {hasMore && (text || sort !== "newest") ? " Search and sorting cover the loaded ones only: load more to include older ones." : ""}
            </p>
            {shown.length === 0 ? (
              <Empty>
                No loaded composition matches “{text}”.{" "}
                <button type="button" class="link" onClick={() => setText("")}>
                  Clear the search
                </button>
              </Empty>
            ) : (
              <div style={{ overflowX: "auto" }}>
                <table id="compositions-table">
                  <caption class="visually-hidden">Your compositions, {SORT_LABELS[sort].toLowerCase()}</caption>
                  <thead>
                    <tr>
                      <th scope="col" aria-sort={sort === "name" ? "ascending" : undefined}>
                        <button type="button" class="sort" onClick={() => setSort("name")}>
                          Melody{sort === "name" ? " ↑" : ""}
                        </button>
                      </th>
                      <th scope="col">Model</th>
                      <th scope="col" class="num" aria-sort={sort === "length" ? "descending" : undefined}>
                        <button type="button" class="sort" onClick={() => setSort("length")}>
                          Bars{sort === "length" ? " ↓" : ""}
                        </button>
                      </th>
                      <th scope="col" class="num">
                        Seed
                      </th>
                      <th scope="col" aria-sort={dateSort}>
                        <button type="button" class="sort" onClick={() => setSort(sort === "newest" ? "oldest" : "newest")}>
                          Created{sort === "newest" ? " ↓" : sort === "oldest" ? " ↑" : ""}
                        </button>
                      </th>
                      <th scope="col">Shared</th>
                      <th scope="col">
                        <span class="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((c) => {
                      const isPlaying = playback.playing && playingId === c.id;
                      const song = songs.current.get(c.id);
                      const token = shareTokenOf(c.links.share);
                      const b = busy[c.id];
                      return [
                        <tr key={c.id}>
                          <th scope="row" style={{ fontWeight: 500, fontSize: "14px", color: "var(--text)" }}>
                            <span title={c.repairs.length ? `Repaired when read: ${c.repairs.join("; ")}` : undefined}>{c.melodyName}</span>
                          </th>
                          <td>
                            <a href={`/models/${encodeURIComponent(c.model)}`}>{c.model}</a>
                          </td>
                          <td class="num" title={lengthText(c)}>
                            {c.bars}
                          </td>
                          <td class="num">{c.seed}</td>
                          <td style={{ whiteSpace: "nowrap" }}>
                            <time dateTime={c.createdAt} title={when(c.createdAt)}>
                              {shortDate(c.createdAt)}
                            </time>
                            {revisedAt(c) && (
                              <span class="muted small" title={`Edited in the studio ${when(revisedAt(c))}`}>
                                {" "}
                                · edited
                              </span>
                            )}
                          </td>
                          <td>
                            {c.shared ? (
                              <div class="row">
                                <span class="tag">shared</span>
                                <button
                                  type="button"
                                  class="link"
                                  aria-expanded={openShare === c.id}
                                  aria-controls={`share-${c.id}`}
                                  onClick={() => setOpenShare(openShare === c.id ? null : c.id)}
                                  aria-label={`${openShare === c.id ? "Hide" : "Show"} the share link of ${describe(c)}`}
                                >
                                  {openShare === c.id ? "Hide link" : "Link"}
                                </button>
                              </div>
                            ) : (
                              <button type="button" onClick={() => void share(c)} disabled={!!b} aria-label={`Share ${describe(c)}: make a link anyone can open`}>
                                {b === "share" ? "Sharing…" : "Share"}
                              </button>
                            )}
                          </td>
                          <td>
                            <div class="row" style={{ gap: "4px", flexWrap: "nowrap" }}>
                              <button
                                type="button"
                                class="icon"
                                onClick={() => void play(c)}
                                disabled={fetchingId === c.id}
                                aria-pressed={isPlaying}
                                aria-label={isPlaying ? `Stop ${describe(c)}` : `Play ${describe(c)}`}
                              >
                                {fetchingId === c.id ? "…" : isPlaying ? "■ Stop" : "▶ Play"}
                              </button>
                              {isPlaying && song && playback.position !== null && (
                                <span class="muted small mono" aria-hidden="true">
                                  {clock(playback.position * secondsPerTick(song))}
                                </span>
                              )}
                              <a class="button" style={compact} href={`/studio/${encodeURIComponent(c.id)}`} aria-label={`Open ${describe(c)} in the studio`}>
                                Open
                              </a>
                              <a class="button" style={compact} href={c.links.midi} download={downloadName(c, "mid")} aria-label={`Download ${describe(c)} as MIDI`}>
                                MIDI
                              </a>
                              <a class="button" style={compact} href={c.links.wav} download={downloadName(c, "wav")} aria-label={`Download ${describe(c)} as audio (WAV)`}>
                                WAV
                              </a>
                              <button type="button" class="danger" style={compact} onClick={() => void remove(c)} disabled={!!b} aria-label={`Delete ${describe(c)}`}>
                                {b === "delete" ? "Deleting…" : "Delete"}
                              </button>
                            </div>
                          </td>
                        </tr>,
                        openShare === c.id && token ? (
                          <tr key={`${c.id}-share`} id={`share-${c.id}`}>
                            <td colSpan={7}>
                              <div class="stack">
                                <CopyField label={`Share address of ${describe(c)}`} value={sharePageUrl(window.location.origin, token)} what="share address" />
                                <div class="row">
                                  <span class="help">Anyone with this address can play and see the composition, without signing in.</span>
                                  <span class="spacer" />
                                  <a href={`/shared/${encodeURIComponent(token)}`} target="_blank" rel="noopener">
                                    Open it in a new tab
                                  </a>
                                  <button type="button" onClick={() => void revoke(c)} disabled={!!b}>
                                    {b === "revoke" ? "Revoking…" : "Revoke the link"}
                                  </button>
                                </div>
                              </div>
                            </td>
                          </tr>
                        ) : null,
                      ];
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {moreError && <ErrorNote sentence={moreError} retry={() => void loadMore()} />}
            {hasMore && (
              <div class="row" style={{ justifyContent: "center", marginTop: "12px" }}>
                <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
                  {loadingMore ? "Loading…" : `Load ${PAGE} more`}
                </button>
              </div>
            )}
          </>
        ))}
    </section>
  );
}
