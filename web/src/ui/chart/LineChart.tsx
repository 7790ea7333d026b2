/**
 * A line chart over iterations (uPlot): lines with colour, width, dash and transparency; sized to
 * its container (ResizeObserver); drag to zoom in, double-click to zoom out. The plot is drawn
 * for the eye; screen readers get the chart's name and a sentence with the latest values.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./chart.css";
import { AXIS } from "./palette";
import { formatIteration, formatValue, lastDefined, summarize } from "./data";

/** Whole-number tick steps for the iteration axis (1, 2, 5, 10, 20, 50, …). */
const ITERATION_STEPS = Array.from({ length: 10 }, (_, e) => [1, 2, 5].map((m) => m * 10 ** e)).flat();

/** One line of a chart. */
export interface ChartLine {
  /** Its name in the legend and the summary. */
  label: string;
  /** One value per x (null: no point there). */
  values: readonly (number | null)[];
  /** CSS colour. */
  color: string;
  /** Stroke width in CSS pixels (default 1.5). */
  width?: number;
  /** Dash pattern, e.g. [5, 4] for a reference line. */
  dash?: number[];
  /** Opacity 0..1 (default 1): a faint raw curve behind its smoothed line. */
  alpha?: number;
  /** Listed in the legend and the summary (default true). */
  legend?: boolean;
}

/** What a chart shows. */
export interface LineChartProps {
  /** The accessible name, e.g. "Critic loss of run my-bach". */
  label: string;
  /** A visible title above the plot (optional). */
  title?: string;
  /** The x values (iterations), ascending. */
  x: readonly number[];
  lines: readonly ChartLine[];
  /** Plot height in CSS pixels (default 180). */
  height?: number;
  /** Name of the x axis (default "Iteration"). */
  xLabel?: string;
  /** Fixed y range; null ends are fitted to the data. */
  yRange?: [number | null, number | null];
  /** The sentence shown instead of an empty plot. */
  empty?: string;
}

/** A responsive uPlot line chart with a legend, a hover read-out and a screen-reader summary. */
export function LineChart({ label, title, x, lines, height = 180, xLabel = "Iteration", yRange, empty = "No points yet." }: LineChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const zoomed = useRef(false);
  const [hover, setHover] = useState<number | null>(null);

  // What needs a new uPlot (the lines' looks); data alone only calls setData.
  const structure = JSON.stringify([height, xLabel, yRange ?? null, lines.map((l) => [l.label, l.color, l.width ?? 1.5, l.dash ?? null, l.alpha ?? 1])]);
  const data = useMemo<uPlot.AlignedData>(() => [x as number[], ...lines.map((l) => l.values as (number | null)[])], [x, lines]);
  const dataRef = useRef(data);
  dataRef.current = data;
  const hasPoints = x.length > 0;

  useEffect(() => {
    const el = host.current;
    if (!el || !hasPoints) return;
    const range = yRange;
    const axis: uPlot.Axis = {
      stroke: AXIS.text,
      grid: { stroke: AXIS.grid, width: 1 },
      ticks: { stroke: AXIS.tick, width: 1, size: 4 },
      font: "11px system-ui, sans-serif",
    };
    const options: uPlot.Options = {
      width: Math.max(160, Math.floor(el.clientWidth || 300)),
      height,
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 5 } },
      scales: {
        x: { time: false },
        y: range ? { range: (_u, min, max) => [range[0] ?? min, range[1] ?? max] } : {},
      },
      axes: [
        { ...axis, incrs: ITERATION_STEPS, values: (_u, splits) => splits.map((v) => formatIteration(v)) },
        { ...axis, size: 52, values: (_u, splits) => splits.map((v) => formatValue(v)) },
      ],
      series: [
        { label: xLabel },
        ...lines.map<uPlot.Series>((l) => ({
          label: l.label,
          stroke: l.color,
          width: l.width ?? 1.5,
          ...(l.dash ? { dash: l.dash } : {}),
          alpha: l.alpha ?? 1,
          spanGaps: true,
          ...((l.alpha ?? 1) < 0.6 ? { points: { show: false } } : {}),
        })),
      ],
      hooks: {
        setCursor: [(u) => setHover(u.cursor.idx ?? null)],
        setSelect: [(u) => { if (u.select.width > 0) zoomed.current = true; }],
      },
    };
    const u = new uPlot(options, dataRef.current, el);
    plot.current = u;
    const unzoom = () => { zoomed.current = false; };
    u.over.addEventListener("dblclick", unzoom);
    const observer = new ResizeObserver(() => {
      const width = Math.max(160, Math.floor(el.clientWidth));
      if (width !== u.width) u.setSize({ width, height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.over.removeEventListener("dblclick", unzoom);
      u.destroy();
      plot.current = null;
      setHover(null);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [structure, hasPoints]);

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    u.setData(data, !zoomed.current);
  }, [data]);

  const shown = lines.filter((l) => l.legend !== false);
  const at = hover !== null && hover < x.length ? hover : null;
  const summary = summarize(label, x, shown);
  return (
    <figure class="chart" role="figure" aria-label={label}>
      <div class="chart-head" aria-hidden="true">
        {title && <p class="chart-title">{title}</p>}
        <div class="chart-legend">
          {at !== null && <span class="at">{`${xLabel} ${x[at]}`}</span>}
          {shown.map((l) => {
            const value = at !== null ? (l.values[at] ?? null) : (lastDefined(l.values)?.value ?? null);
            return (
              <span class="item" key={l.label} style={{ color: l.color }}>
                <span class={l.dash ? "chart-swatch dashed" : "chart-swatch"} />
                <span class="muted">{l.label}</span>
                <span class="value">{formatValue(value)}</span>
              </span>
            );
          })}
        </div>
      </div>
      {hasPoints ? (
        <div class="chart-plot" ref={host} aria-hidden="true" style={{ height: `${height}px` }} />
      ) : (
        <div class="chart-empty" style={{ height: `${Math.min(height, 120)}px` }}>
          {empty}
        </div>
      )}
      <p class="visually-hidden">{summary}</p>
    </figure>
  );
}
