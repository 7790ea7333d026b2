/** The training charts: smoothed losses (TensorBoard style), per-voice music metrics with the training data, the similarity index. */
import { useMemo, useState } from "preact/hooks";
import { LineChart, type ChartLine } from "../../ui/chart/LineChart";
import { decimate } from "../../ui/chart/data";
import { colorAt } from "../../ui/chart/palette";
import { ema } from "../../ui/chart/smoothing";
import { metricInfo } from "./jobs";
import { hasValues, metricColumns, sameValues, type MetricRow } from "./series";

/** Points drawn per line at most; longer runs are thinned after smoothing. */
const MAX_POINTS = 4000;

/** One run's values of a curve, on the chart's shared x. */
export interface RunCurve {
  /** The run's name (a comparison) or the curve's name (one run). */
  label: string;
  color: string;
  values: readonly (number | null)[];
}

let sliderIds = 0;

/** A labelled 0..0.99 slider for the smoothing weight. */
export function SmoothingSlider({ value, onChange, of }: { value: number; onChange: (v: number) => void; of: string }) {
  const [id] = useState(() => `smoothing-${++sliderIds}`);
  return (
    <div class="smoothing">
      <label for={id}>Smoothing</label>
      <input
        id={id}
        type="range"
        min={0}
        max={0.99}
        step={0.01}
        value={value}
        aria-label={`Smoothing of the ${of}`}
        aria-valuetext={value === 0 ? "none" : value.toFixed(2)}
        onInput={(e) => onChange(Number((e.currentTarget as HTMLInputElement).value))}
      />
      <output for={id} aria-hidden="true">
        {value.toFixed(2)}
      </output>
    </div>
  );
}

/**
 * A loss chart: each curve smoothed with a debiased moving average, drawn bold, with the raw
 * values faint behind it; the smoothing slider sits above the chart.
 */
export function SmoothedChart({ title, help, x, curves, height = 190, initial = 0.6, empty }: {
  title: string;
  help?: string;
  x: readonly number[];
  curves: readonly RunCurve[];
  height?: number;
  initial?: number;
  empty?: string;
}) {
  const [weight, setWeight] = useState(initial);
  const { xs, lines } = useMemo(() => {
    const smoothed = curves.map((c) => ema(c.values, weight));
    const thin = decimate(x, [...curves.map((c) => c.values), ...smoothed], MAX_POINTS);
    const n = curves.length;
    const result: ChartLine[] = [];
    curves.forEach((c, i) => result.push({ label: `${c.label} (raw)`, values: thin.ys[i]!, color: c.color, width: 1, alpha: weight > 0 ? 0.35 : 1, legend: weight === 0 }));
    if (weight > 0) curves.forEach((c, i) => result.push({ label: c.label, values: thin.ys[n + i]!, color: c.color, width: 2 }));
    return { xs: thin.x, lines: result };
  }, [x, curves, weight]);
  return (
    <section class="train-chart" aria-label={title}>
      <div class="train-chart-head">
        <h3>{title}</h3>
        <SmoothingSlider value={weight} onChange={setWeight} of={title.toLowerCase()} />
      </div>
      {help && <p class="help">{help}</p>}
      <LineChart label={title} x={xs} lines={lines} height={height} {...(empty ? { empty } : {})} />
    </section>
  );
}

/** The similarity index of one or more runs (0..1: 1 means the music's profile matches the training data's). */
export function SimilarityChart({ x, curves, empty }: { x: readonly number[]; curves: readonly RunCurve[]; empty: string }) {
  const lines = useMemo<ChartLine[]>(() => curves.map((c) => ({ label: c.label, values: c.values, color: c.color, width: 2 })), [curves]);
  return (
    <section class="train-chart" aria-label="Similarity index">
      <h3>Similarity index</h3>
      <p class="help">How alike the generated voices' profiles are to the training data's, over all metrics: 0 nothing alike, 1 indistinguishable.</p>
      <LineChart label="Similarity index" x={x} lines={lines} height={200} yRange={[0, 1]} empty={empty} />
    </section>
  );
}

/** What one run's metric charts need. */
export interface MetricRows {
  rows: readonly MetricRow[];
  voices: readonly string[];
}

/**
 * One small chart per metric for one run: one line per voice, and the training data's value for
 * that voice dashed in the same colour (when the server sent it). The melody is given, not
 * generated: it is left out unless asked for.
 */
export function RunMetricCharts({ rows, voices, names, showMelody }: MetricRows & { names: readonly string[]; showMelody: boolean }) {
  return (
    <div class="metric-grid">
      {names.map((name) => (
        <OneRunMetric key={name} name={name} rows={rows} voices={voices} showMelody={showMelody} />
      ))}
    </div>
  );
}

function OneRunMetric({ name, rows, voices, showMelody }: MetricRows & { name: string; showMelody: boolean }) {
  const info = metricInfo(name);
  const { x, lines } = useMemo(() => {
    const result: ChartLine[] = [];
    let x: number[] = [];
    for (let k = showMelody ? 0 : 1; k < voices.length; k++) {
      const c = metricColumns(rows, name, k);
      x = c.x;
      const voice = voices[k] ?? `voice ${k}`;
      if (hasValues(c.generated)) result.push({ label: voice, values: c.generated, color: colorAt(k), width: 1.75 });
      if (hasValues(c.reference)) result.push({ label: `${voice}, data`, values: c.reference, color: colorAt(k), width: 1.25, dash: [5, 4], alpha: 0.75 });
    }
    if (x.length === 0) x = rows.map((r) => r.iteration);
    return { x, lines: result };
  }, [rows, voices, name, showMelody]);
  const defined = lines.length > 0;
  return (
    <section class="train-chart small" aria-label={info.label}>
      <h3 title={name}>{info.label}</h3>
      <p class="help">{info.help}</p>
      <LineChart
        label={`${info.label} per voice`}
        x={defined ? x : []}
        lines={lines}
        height={150}
        {...(info.range ? { yRange: info.range } : {})}
        empty={rows.length === 0 ? "Not measured yet." : "Not defined for these voices yet (nothing to measure)."}
      />
    </section>
  );
}

/** One run of a comparison: its name, colour, metric rows (on the shared x) and voice names. */
export interface CompareRun {
  label: string;
  color: string;
  voices: readonly string[];
}

/**
 * A metric of two runs for one voice: each run's line in its colour, and the training data
 * dashed (one grey line when both runs trained on the same data, else one per run).
 */
export function CompareMetricChart({ name, x, runs, generated, reference, voice }: {
  name: string;
  x: readonly number[];
  runs: readonly CompareRun[];
  generated: readonly (readonly (number | null)[])[];
  reference: readonly (readonly (number | null)[])[];
  voice: string;
}) {
  const info = metricInfo(name);
  const lines = useMemo<ChartLine[]>(() => {
    const result: ChartLine[] = [];
    runs.forEach((r, i) => {
      const g = generated[i] ?? [];
      if (hasValues(g)) result.push({ label: r.label, values: g, color: r.color, width: 1.75 });
    });
    const refs = reference.filter((r) => hasValues(r));
    if (refs.length === runs.length && refs.length > 1 && refs.every((r) => sameValues(r, refs[0]!))) {
      result.push({ label: "training data", values: refs[0]!, color: "#9aa1b2", width: 1.25, dash: [5, 4] });
    } else {
      runs.forEach((r, i) => {
        const ref = reference[i] ?? [];
        if (hasValues(ref)) result.push({ label: `${r.label}, data`, values: ref, color: r.color, width: 1.25, dash: [5, 4], alpha: 0.7 });
      });
    }
    return result;
  }, [runs, generated, reference]);
  return (
    <section class="train-chart small" aria-label={`${info.label}, ${voice}`}>
      <h3 title={name}>{info.label}</h3>
      <p class="help">{info.help}</p>
      <LineChart
        label={`${info.label} of the ${voice}`}
        x={lines.length > 0 ? x : []}
        lines={lines}
        height={150}
        {...(info.range ? { yRange: info.range } : {})}
        empty={x.length === 0 ? "Not measured yet." : `Not defined for the ${voice}.`}
      />
    </section>
  );
}
