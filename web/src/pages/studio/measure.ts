/**
 * The studio's latency figures, kept for the help panel and read by the end-to-end tests
 * (window.cantusMeasurements): key press to sound, Play to first sound, Compose to result shown.
 */
export interface Measurements {
  keyToSoundMs: number[];
  playToSoundMs: number[];
  composeToShownMs: number[];
}

declare global {
  interface Window {
    cantusMeasurements?: Measurements;
  }
}

/** The page's measurements (created on first use). */
export function measurements(): Measurements {
  window.cantusMeasurements ??= { keyToSoundMs: [], playToSoundMs: [], composeToShownMs: [] };
  return window.cantusMeasurements;
}

/** Records one figure, keeping the last 100 of each kind. */
export function record(kind: keyof Measurements, ms: number): void {
  const list = measurements()[kind];
  list.push(Math.round(ms * 10) / 10);
  if (list.length > 100) list.shift();
}
