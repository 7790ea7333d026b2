using Cantus.Gan.Networks;

namespace Cantus.Gan.Training;

/// <summary>What <c>run.json</c> records: everything needed to resume or reproduce a run.</summary>
/// <param name="Format">"cantus-gan-run".</param>
/// <param name="Options">Hyperparameters and data selection.</param>
/// <param name="Architecture">Network sizes.</param>
/// <param name="VoiceNames">Names of the tracks.</param>
/// <param name="DatasetFingerprint">SHA-256 of the training array (a resumed run must see the same data).</param>
/// <param name="TrainingSamples">Number of training windows (untransposed).</param>
/// <param name="AugmentedSamples">Number of (window, transposition) pairs the batches draw from.</param>
/// <param name="EngineVersion">Version of the Cantus.Gan assembly that started the run.</param>
/// <param name="ThreadCount">Engine threads (results are bit-identical only for the same count).</param>
/// <param name="Created">When the run started (UTC).</param>
public sealed record RunInfo(
    string Format,
    TrainingOptions Options,
    GanArchitecture Architecture,
    IReadOnlyList<string> VoiceNames,
    string DatasetFingerprint,
    int TrainingSamples,
    long AugmentedSamples,
    string EngineVersion,
    int ThreadCount,
    DateTimeOffset Created)
{
    /// <summary>The format tag of run.json.</summary>
    public const string FormatName = "cantus-gan-run";
}
