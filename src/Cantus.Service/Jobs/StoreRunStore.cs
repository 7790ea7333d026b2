using System.Diagnostics;
using System.Text.Json;
using Cantus.Gan.Models;
using Cantus.Gan.Training;
using Cantus.Music.Images;
using Cantus.Music.PianoRolls;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Training;

namespace Cantus.Service.Jobs;

/// <summary>
/// A training run kept in the store for one run of a job: the run's record, losses (batched,
/// written at most every <see cref="JobSettings.ProgressInterval"/> and before every checkpoint),
/// metrics, checkpoints and preview samples as blobs. Every write carries the run's fencing token,
/// so a run that lost its job to another worker writes nothing more (<see cref="FenceLostException"/>).
/// The model trained so far stays in memory: the job stores it when it completes.
/// </summary>
internal sealed class StoreRunStore : IRunStore
{
    private readonly CantusStore _store;
    private readonly TrainingJobRecord _job;
    private readonly string _fence;
    private readonly TimeSpan _flushInterval;
    private readonly List<JobLoss> _pending = [];
    private readonly Stopwatch _sinceFlush = Stopwatch.StartNew();
    private bool? _hasMetrics;

    public StoreRunStore(CantusStore store, TrainingJobRecord job, string fence, TimeSpan flushInterval)
    {
        _store = store;
        _job = job;
        _fence = fence;
        _flushInterval = flushInterval;
    }

    public string Location => $"training job {_job.Id}";

    public bool HasContent => ReadInfo() is not null;

    public bool HasMetrics => _hasMetrics ??= (Wait(_store.TrainingJobs.GetMetricsAsync(_job.OwnerId, _job.Id))?.Count ?? 0) > 0;

    /// <summary>The model as trained so far (set at every checkpoint).</summary>
    public GanModel? Model { get; private set; }

    /// <summary>The model's configuration after calibration, if calibrated.</summary>
    public ModelConfig? CalibratedConfig { get; private set; }

    public RunInfo? ReadInfo()
    {
        var json = Wait(_store.TrainingRuns.GetRunInfoAsync(_job.Id));
        return json is null ? null : JsonSerializer.Deserialize<RunInfo>(json, JobJson.Options);
    }

    public void WriteInfo(RunInfo info) => Wait(_store.TrainingRuns.SetRunInfoAsync(_job.Id, _fence, JsonSerializer.Serialize(info, JobJson.Options)));

    public void AppendLosses(long iteration, IterationLosses losses, double seconds)
    {
        _pending.Add(new JobLoss
        {
            Iteration = (int)iteration, Critic = losses.Critic, Generator = losses.Generator,
            GradientPenalty = losses.GradientPenalty, Wasserstein = losses.Wasserstein, Seconds = seconds,
        });
        if (_sinceFlush.Elapsed >= _flushInterval) Flush();
    }

    public void AppendMetrics(MetricsSnapshot snapshot)
    {
        Flush();
        Wait(_store.TrainingRuns.AddMetricAsync(_job.Id, _fence, new JobMetric
        {
            Iteration = (int)snapshot.Iteration,
            SimilarityIndex = snapshot.SimilarityIndex,
            Metrics = JsonSerializer.Serialize(new { generated = snapshot.Generated, reference = snapshot.Reference }, JobJson.Options),
        }));
        _hasMetrics = true;
    }

    public void TruncateAfter(long iteration)
    {
        _pending.Clear();
        Wait(_store.TrainingRuns.TruncateAfterAsync(_job.Id, _fence, (int)iteration));
    }

    public string SaveCheckpoint(long iteration, Action<Stream> write, int keep)
    {
        Flush();
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        var blob = Wait(_store.Blobs.PutAsync(buffer));
        Wait(_store.TrainingRuns.AddCheckpointAsync(_job.Id, _fence, (int)iteration, blob.Sha256));
        Wait(_store.TrainingRuns.PruneCheckpointsAsync(_job.Id, _fence, keep));
        return $"{Location} checkpoint {iteration} (blob {blob.Sha256[..12]})";
    }

    public IReadOnlyList<RunCheckpoint> Checkpoints()
    {
        var rows = Wait(_store.TrainingJobs.GetCheckpointsAsync(_job.OwnerId, _job.Id)) ?? [];
        return rows.OrderByDescending(c => c.Iteration)
            .Select(c => new RunCheckpoint(c.Iteration, $"blob {c.BlobSha256[..12]}", () => Open(c.BlobSha256)))
            .ToList();
    }

    public void WriteSamples(long iteration, IReadOnlyList<Multitrack> previews)
    {
        var joined = RunFolder.JoinPreviews(previews);
        using var midi = new MemoryStream();
        MultitrackToMidi.Convert(joined).Write(midi);
        midi.Position = 0;
        using var png = new MemoryStream();
        PngEncoder.Encode(new PianoRollRenderer().Render(joined, $"iteration {iteration}"), png);
        png.Position = 0;
        var midiBlob = Wait(_store.Blobs.PutAsync(midi));
        var pngBlob = Wait(_store.Blobs.PutAsync(png));
        Wait(_store.TrainingRuns.AddSampleAsync(_job.Id, _fence, new JobSample { Iteration = (int)iteration, MidiSha256 = midiBlob.Sha256, PngSha256 = pngBlob.Sha256 }));
    }

    public void WriteModel(GanModel model) => Model = model;

    public void WriteModelConfig(ModelConfig config) => CalibratedConfig = config;

    /// <summary>Writes the losses waiting to be written.</summary>
    public void Flush()
    {
        _sinceFlush.Restart();
        if (_pending.Count == 0) return;
        Wait(_store.TrainingRuns.AddLossesAsync(_job.Id, _fence, _pending.ToList()));
        _pending.Clear();
    }

    // InvalidDataException: the checkpoint format reads it as "this checkpoint is unreadable" and tries the one before.
    private Stream Open(string sha) =>
        Wait(_store.Blobs.OpenReadAsync(sha)) ?? throw new InvalidDataException($"The checkpoint blob {sha[..12]}… is missing from the blob store.");

    // The training loop is synchronous and runs on a worker thread without a synchronisation context.
    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Wait(Task task) => task.GetAwaiter().GetResult();
}
