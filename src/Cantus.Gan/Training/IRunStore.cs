using Cantus.Gan.Models;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Training;

/// <summary>
/// Where a training run keeps what it produces: its record (<see cref="RunInfo"/>), the loss and
/// metric time series, checkpoints, preview samples per checkpoint and the model it trains.
/// <see cref="RunFolder"/> keeps them in a folder (the command line's run directories); a service
/// keeps them in its database and blob store. Implementations write each item atomically: a
/// process killed at any moment leaves the previous checkpoint and a readable record.
/// </summary>
public interface IRunStore
{
    /// <summary>Where the run lives, for messages (a folder path, a job id).</summary>
    string Location { get; }

    /// <summary>True when the store already holds something (a new run needs an empty store).</summary>
    bool HasContent { get; }

    /// <summary>The run's record, or null when the store holds no run.</summary>
    /// <exception cref="ModelFormatException">The record is unreadable.</exception>
    RunInfo? ReadInfo();

    /// <summary>Writes the run's record.</summary>
    void WriteInfo(RunInfo info);

    /// <summary>True when metrics were recorded (a new run measures iteration 0 first).</summary>
    bool HasMetrics { get; }

    /// <summary>Appends the losses of one iteration.</summary>
    void AppendLosses(long iteration, IterationLosses losses, double seconds);

    /// <summary>Appends a metrics snapshot.</summary>
    void AppendMetrics(MetricsSnapshot snapshot);

    /// <summary>Drops losses and metrics recorded after <paramref name="iteration"/> (a run resuming from that checkpoint will run them again).</summary>
    void TruncateAfter(long iteration);

    /// <summary>Stores the checkpoint of <paramref name="iteration"/> (bytes written by <paramref name="write"/>), keeps the newest <paramref name="keep"/>, and returns where it is.</summary>
    string SaveCheckpoint(long iteration, Action<Stream> write, int keep);

    /// <summary>The stored checkpoints, newest first.</summary>
    IReadOnlyList<RunCheckpoint> Checkpoints();

    /// <summary>Stores the preview samples drawn at <paramref name="iteration"/> (melody and voices, one multitrack each).</summary>
    void WriteSamples(long iteration, IReadOnlyList<Multitrack> previews);

    /// <summary>Stores the model as trained so far (weights and configuration).</summary>
    void WriteModel(GanModel model);

    /// <summary>Replaces the stored model's configuration (e.g. after calibrating its clean-up).</summary>
    void WriteModelConfig(ModelConfig config);
}
