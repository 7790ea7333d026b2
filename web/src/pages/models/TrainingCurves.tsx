/** The curves of the training run that made a model: losses and the similarity index per iteration. */
import { api } from "../../api/client";
import type { JobLoss, JobMetricDto } from "../../api/types";
import { LineChart } from "../../ui/chart/LineChart";
import { decimate } from "../../ui/chart/data";
import { PALETTE } from "../../ui/chart/palette";
import { ErrorNote, Loading } from "../../ui/feedback";
import { useAsync } from "../../ui/useAsync";
import { lossCurves, similarityCurve } from "./curves";

const MAX_POINTS = 1500;

/** Two small charts of run <paramref name="jobId" />, with a link to the run's own page. */
export function TrainingCurves({ jobId, runName, model }: { jobId: string; runName: string; model: string }) {
  const base = `/api/training-jobs/${encodeURIComponent(jobId)}`;
  const data = useAsync(
    async (signal) => {
      const [losses, metrics] = await Promise.all([api<JobLoss[]>("GET", `${base}/losses`, { signal }), api<JobMetricDto[]>("GET", `${base}/metrics`, { signal })]);
      return { losses: lossCurves(losses), similarity: similarityCurve(metrics) };
    },
    [jobId],
  );
  if (data.loading && !data.value) return <Loading what="Loading the training curves…" />;
  if (data.error || !data.value) return <ErrorNote sentence={`The training curves could not be loaded: ${data.error ?? "no answer"}`} retry={data.reload} />;
  const losses = decimate(data.value.losses.x, data.value.losses.lines, MAX_POINTS);
  const similarity = data.value.similarity;
  return (
    <div class="grid2">
      <LineChart
        label={`Losses of the run ${runName} that made ${model}`}
        title="Losses"
        x={losses.x}
        lines={[
          { label: "Critic", values: losses.ys[0] ?? [], color: PALETTE[0] },
          { label: "Generator", values: losses.ys[1] ?? [], color: PALETTE[1] },
          { label: "Wasserstein estimate", values: losses.ys[2] ?? [], color: PALETTE[2], width: 1 },
        ]}
        height={160}
        empty="The run recorded no losses."
      />
      <LineChart
        label={`Similarity index to the training data during the run ${runName}`}
        title="Similarity to the training data"
        x={similarity.x}
        lines={[{ label: "Similarity index", values: similarity.lines[0] ?? [], color: PALETTE[3] }]}
        height={160}
        yRange={[0, 1]}
        empty="The run measured no similarity index."
      />
    </div>
  );
}
