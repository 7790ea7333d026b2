/** An evaluation's headline: the similarity index and, per voice, consonance and parallels beside Bach's. */
import type { ComponentChildren } from "preact";
import { metric } from "../../ui/format";
import type { Headline } from "./evaluation";

/** The headline figures, or a sentence that there are none. */
export function HeadlineView({ headline, label, empty = "Not evaluated yet." }: { headline: Headline | null; label: string; empty?: ComponentChildren }) {
  if (!headline) return <p class="muted">{empty}</p>;
  const voices = headline.voices.filter((v) => v.consonance !== null || v.parallels !== null || v.consonanceBach !== null);
  return (
    <div class="stack">
      {headline.similarity !== null && (
        <p>
          <span title="How alike the generated voices' profiles are to Bach's, 0 to 1 (1: indistinguishable)">Similarity to Bach</span>{" "}
          <strong>{metric(headline.similarity)}</strong>
          {(headline.ceiling !== null || headline.baseline !== null) && (
            <span class="muted">
              {" "}
              ({[headline.ceiling !== null ? `Bach's own ceiling ${metric(headline.ceiling)}` : "", headline.baseline !== null ? `naive baseline ${metric(headline.baseline)}` : ""]
                .filter(Boolean)
                .join(", ")}
              )
            </span>
          )}
        </p>
      )}
      {voices.length > 0 && (
        <table>
          <caption class="visually-hidden">{label}: consonance with the melody and parallel fifths and octaves per voice, beside Bach's</caption>
          <thead>
            <tr>
              <th scope="col">Voice</th>
              <th scope="col" class="num" title="Steps consonant with the melody, as a share of steps where both sound">
                Consonance
              </th>
              <th scope="col" class="num">
                Bach
              </th>
              <th scope="col" class="num" title="Parallel fifths and octaves with the melody, as a share of moves">
                Parallel 5ths/8ves
              </th>
              <th scope="col" class="num">
                Bach
              </th>
            </tr>
          </thead>
          <tbody>
            {voices.map((v) => (
              <tr key={v.voice}>
                <th scope="row">{v.voice}</th>
                <td class="num">{metric(v.consonance)}</td>
                <td class="num muted">{metric(v.consonanceBach)}</td>
                <td class="num">{metric(v.parallels)}</td>
                <td class="num muted">{metric(v.parallelsBach)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
