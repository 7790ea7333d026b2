/**
 * The on-screen keyboard: two octaves and a fifth from the base octave, playable with mouse and
 * touch (sliding across keys plays them), the computer keys' letters shown on the keys, octave and
 * velocity controls. The computer keyboard itself is handled by the studio (useComputerKeyboard).
 */
import { useRef } from "preact/hooks";
import { keyLabelForPitch, noteName } from "../../model/keymap";
import { held, press, release } from "./liveInput";

const WHITE = [0, 2, 4, 5, 7, 9, 11];

/** Props: the pitch of the leftmost C, the velocity, and the octave buttons. */
export function Keyboard({ base, velocity, onOctave }: { base: number; velocity: number; onOctave: (direction: -1 | 1) => void }) {
  const pointerPitch = useRef(new Map<number, number>());
  const pitches: number[] = [];
  for (let p = base; p < base + 29 && p <= 127; p++) pitches.push(p);
  const whites = pitches.filter((p) => WHITE.includes(p % 12));
  const whiteWidth = 100 / whites.length;
  const down = (pointerId: number, pitch: number, e: PointerEvent) => {
    const old = pointerPitch.current.get(pointerId);
    if (old === pitch) return;
    if (old !== undefined) release(old);
    pointerPitch.current.set(pointerId, pitch);
    press(pitch, velocity, e.timeStamp);
  };
  const up = (pointerId: number) => {
    const old = pointerPitch.current.get(pointerId);
    if (old !== undefined) release(old);
    pointerPitch.current.delete(pointerId);
  };
  const pitchFromPoint = (e: PointerEvent): number | undefined => {
    const el = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>("[data-pitch]");
    const v = el?.dataset.pitch;
    return v === undefined ? undefined : Number(v);
  };
  const isHeld = held.value;
  return (
    <div class="keyboard-wrap">
      <div class="row">
        <button type="button" class="icon" onClick={() => onOctave(-1)} aria-label="Octave down (Z)" title="Octave down (Z)" disabled={base <= 0}>
          ◀
        </button>
        <span class="small muted" aria-live="polite">
          {noteName(base)}–{noteName(Math.min(127, base + 28))}
        </span>
        <button type="button" class="icon" onClick={() => onOctave(1)} aria-label="Octave up (X)" title="Octave up (X)" disabled={base >= 96}>
          ▶
        </button>
        <span class="small muted">velocity {velocity} (C/V)</span>
      </div>
      <div
        class="keyboard"
        role="group"
        aria-label="On-screen keyboard"
        onPointerDown={(e) => {
          const p = pitchFromPoint(e);
          if (p === undefined) return;
          (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
          down(e.pointerId, p, e);
        }}
        onPointerMove={(e) => {
          if (!pointerPitch.current.has(e.pointerId)) return;
          const p = pitchFromPoint(e);
          if (p !== undefined) down(e.pointerId, p, e);
        }}
        onPointerUp={(e) => up(e.pointerId)}
        onPointerCancel={(e) => up(e.pointerId)}
      >
        {whites.map((p, i) => (
          <button
            key={p}
            type="button"
            tabIndex={-1}
            class={`key white${isHeld.has(p) ? " down" : ""}`}
            data-pitch={p}
            aria-label={noteName(p)}
            aria-pressed={isHeld.has(p)}
            style={{ left: `${i * whiteWidth}%`, width: `${whiteWidth}%` }}
          >
            <span class="letter">{keyLabelForPitch(p, base) ?? ""}</span>
            {p % 12 === 0 && <span class="name">{noteName(p)}</span>}
          </button>
        ))}
        {pitches
          .filter((p) => !WHITE.includes(p % 12))
          .map((p) => {
            const leftWhite = whites.filter((w) => w < p).length;
            return (
              <button
                key={p}
                type="button"
                tabIndex={-1}
                class={`key black${isHeld.has(p) ? " down" : ""}`}
                data-pitch={p}
                aria-label={noteName(p)}
                aria-pressed={isHeld.has(p)}
                style={{ left: `${leftWhite * whiteWidth - whiteWidth * 0.3}%`, width: `${whiteWidth * 0.6}%` }}
              >
                <span class="letter">{keyLabelForPitch(p, base) ?? ""}</span>
              </button>
            );
          })}
      </div>
    </div>
  );
}
