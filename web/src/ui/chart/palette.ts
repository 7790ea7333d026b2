/** Chart colours that read on the console's dark panels and stay apart from each other. */

/** Distinct line colours, used in order. */
export const PALETTE = ["#6cb6ff", "#e0a526", "#4cb782", "#b083f0", "#f47067", "#39c5cf", "#dcbdfb", "#c69026"] as const;

/** The two runs of a comparison: amber and blue (apart also for the common colour-vision deficiencies). */
export const RUN_COLORS = ["#e0a526", "#6cb6ff"] as const;

/** The colour of the i-th line. */
export function colorAt(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

/** Axis text, grid and tick colours (the console's muted text and lines). */
export const AXIS = { text: "#9aa1b2", grid: "#2b3039", tick: "#343945" } as const;
