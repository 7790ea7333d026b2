/** A whole evaluation report: every metric per voice for the model, Bach and the naive baseline. */
import { metric } from "../../ui/format";
import { METRIC_HELP, metricLabel, type Report } from "./evaluation";

const SETS: [set: string, label: string][] = [
  ["generated", "This model"],
  ["bach", "Bach"],
  ["baseline", "Naive baseline"],
];

/** The report's facts in a sentence: windows, split, clean-up, time. */
export function reportFacts(r: Report): string {
  const parts = [`${r.windows ?? "?"} windows of ${r.dataset || "the dataset"}'s ${r.split || "?"} split`];
  parts.push(
    r.raw
      ? `raw voices (no clean-up), threshold ${metric(r.threshold)}`
      : `cleaned up with threshold ${metric(r.threshold)} and key penalty ${metric(r.keyPenalty)}`,
  );
  if (r.seconds !== null) parts.push(`measured in ${r.seconds.toFixed(1)} s`);
  return `${parts.join("; ")}.`;
}

/** The table of every metric. */
export function ReportTable({ report, label }: { report: Report; label: string }) {
  const names = Object.keys(report.metrics);
  const tracks = report.trackNames;
  return (
    <div style={{ overflowX: "auto" }}>
      <table>
        <caption class="visually-hidden">{label}: every metric per voice, for this model, Bach and the naive baseline</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Measured on</th>
            {tracks.map((t, i) => (
              <th scope="col" class="num" key={t}>
                {t}
                {i === 0 ? " (melody)" : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((name) =>
            SETS.map(([set, setLabel], k) => (
              <tr key={`${name}-${set}`}>
                {k === 0 && (
                  <th scope="rowgroup" rowSpan={SETS.length} title={METRIC_HELP[name]}>
                    {metricLabel(name)}
                  </th>
                )}
                <td class={set === "generated" ? undefined : "muted"}>{setLabel}</td>
                {tracks.map((t, i) => (
                  <td class={set === "generated" ? "num" : "num muted"} key={t}>
                    {metric(report.metrics[name]?.[set]?.[i] ?? null)}
                  </td>
                ))}
              </tr>
            )),
          )}
        </tbody>
      </table>
      <p class="help">– marks a figure that is undefined (e.g. harmony of the melody with itself, or no notes to measure).</p>
    </div>
  );
}
