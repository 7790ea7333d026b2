using System.Security.Cryptography;
using Cantus.Gan.Networks;
using Cantus.Music.Datasets;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Training;

/// <summary>
/// The training windows as one dense binary array (<see cref="DenseRolls"/>: samples, tracks,
/// steps, pitches), the fixed evaluation melodies, and a reference set of real windows for the
/// similarity index. Batches are built on demand as {−1, +1} floats, the lab's encoding.
/// </summary>
internal sealed class TrainingData
{
    private TrainingData(WindowSet train, WindowSet evaluation, IReadOnlyList<Multitrack> reference, string fingerprint)
    {
        Train = train;
        Evaluation = evaluation;
        Reference = reference;
        Fingerprint = fingerprint;
    }

    public WindowSet Train { get; }

    /// <summary>Fixed evaluation windows (the valid split, else the test split), at most TrainingOptions.EvaluationSamples.</summary>
    public WindowSet Evaluation { get; }

    /// <summary>Real training windows (untransposed, up to 512 spread over the split) for the similarity index.</summary>
    public IReadOnlyList<Multitrack> Reference { get; }

    /// <summary>SHA-256 of the training array's shape and cells: two runs with the same fingerprint saw the same data.</summary>
    public string Fingerprint { get; }

    public static TrainingData Load(TrainingOptions options, GanArchitecture architecture, IDatasetResolver datasets, CancellationToken cancellationToken = default)
    {
        var dataset = datasets.Open(options.Dataset, options.Tags);
        cancellationToken.ThrowIfCancellationRequested();
        var windowing = Windowing(options, architecture);
        var transposition = options.Transposition;
        var trainPieces = WithTracks(dataset.Rolls(options.Split), architecture.Tracks);
        var train = new Windower(windowing).ToDense(trainPieces);
        if (train.Samples == 0) throw NoWindows(options, architecture);
        var plain = windowing;
        var evalPieces = WithTracks(dataset.Rolls(DatasetSplit.Valid), architecture.Tracks);
        if (new Windower(plain).Count(evalPieces) == 0) evalPieces = WithTracks(dataset.Rolls(DatasetSplit.Test), architecture.Tracks);
        if (new Windower(plain).Count(evalPieces) == 0) evalPieces = trainPieces;
        var evaluation = Spread(new Windower(plain).ToDense(evalPieces), options.EvaluationSamples);
        var plainWindower = new Windower(plain);
        var all = plainWindower.Plan(trainPieces);
        var reference = SpreadIndices(all.Count, 512).Select(i => plainWindower.Extract(trainPieces[all[i].Piece], all[i])).ToList();
        return new TrainingData(WindowSet.From(train, transposition.MaxShift), evaluation, reference, ComputeFingerprint(train, transposition));
    }

    /// <summary>The number of training windows <see cref="Load"/> would make (untransposed), without building them.</summary>
    /// <exception cref="InvalidDataException">There are none.</exception>
    public static int CountTrainingWindows(TrainingOptions options, GanArchitecture architecture, IDatasetResolver datasets, CancellationToken cancellationToken = default)
    {
        var dataset = datasets.Open(options.Dataset, options.Tags);
        cancellationToken.ThrowIfCancellationRequested();
        var count = new Windower(Windowing(options, architecture)).Count(WithTracks(dataset.Rolls(options.Split), architecture.Tracks));
        return count > 0 ? count : throw NoWindows(options, architecture);
    }

    private static WindowOptions Windowing(TrainingOptions options, GanArchitecture architecture) => new()
    {
        Steps = architecture.Steps,
        Hop = options.Hop,
        MelodyTrack = options.ConditionTrack,
        PitchRange = PitchRange.FromCount(architecture.LowestPitch, architecture.Pitches),
        Transposition = Transposition.None, // shifts are drawn per batch: see WindowSet
    };

    private static InvalidDataException NoWindows(TrainingOptions options, GanArchitecture architecture) =>
        new($"Dataset '{options.Dataset}' ({options.Split.Name()} split) gives no {architecture.Steps}-step windows with {architecture.Tracks} tracks within pitches {PitchRange.FromCount(architecture.LowestPitch, architecture.Pitches)}.");

    /// <summary>Pieces with exactly <paramref name="tracks"/> tracks (a dense array needs the same count everywhere).</summary>
    internal static List<Multitrack> WithTracks(IReadOnlyList<Multitrack> pieces, int tracks) => pieces.Where(p => p.Tracks.Count == tracks).ToList();

    /// <summary>Up to <paramref name="count"/> indices spread evenly over 0..n-1.</summary>
    internal static IEnumerable<int> SpreadIndices(int n, int count) =>
        n <= count ? Enumerable.Range(0, n) : Enumerable.Range(0, count).Select(i => (int)((long)i * n / count));

    private static WindowSet Spread(DenseRolls rolls, int count) => WindowSet.From(rolls).Select(SpreadIndices(rolls.Samples, count).ToArray());

    private static string ComputeFingerprint(DenseRolls rolls, Transposition transposition)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.ASCII.GetBytes($"{rolls.Samples}x{rolls.Tracks}x{rolls.Steps}x{rolls.Pitches}@{rolls.LowestPitch};shift {transposition};"));
        sha.AppendData(rolls.Cells);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
