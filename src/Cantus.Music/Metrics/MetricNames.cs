namespace Cantus.Music.Metrics;

/// <summary>
/// The metric names (docs/metrics.md), used as JSON keys (<see cref="MetricsReport"/>),
/// in the order they are reported.
/// </summary>
public static class MetricNames
{
    /// <summary>Empty bars ÷ bars.</summary>
    public const string EmptyBarRate = "empty_bar_rate";

    /// <summary>Mean over bars of the distinct active pitches.</summary>
    public const string PitchesUsed = "pitches_used";

    /// <summary>Mean over bars of the distinct active pitch classes.</summary>
    public const string PitchClassesUsed = "pitch_classes_used";

    /// <summary>Steps with more than 2 active pitches ÷ steps.</summary>
    public const string PolyphonicRate = "polyphonic_rate";

    /// <summary>Active cells in C major ÷ active cells.</summary>
    public const string InScaleRate = "in_scale_rate";

    /// <summary>Largest in-scale rate over the 12 major scales.</summary>
    public const string ScaleConsistency = "scale_consistency";

    /// <summary>Notes of 2 or more steps ÷ notes.</summary>
    public const string QualifiedNoteRate = "qualified_note_rate";

    /// <summary>Mean active pitches over sounding steps.</summary>
    public const string Polyphony = "polyphony";

    /// <summary>Entropy (bits) of the pitch-class histogram.</summary>
    public const string PitchClassEntropy = "pitch_class_entropy";

    /// <summary>Tonal distance of track k to track 0 (the melody).</summary>
    public const string TonalDistance = "tonal_distance";

    /// <summary>Consonant steps of track k against track 0 ÷ steps where both sound.</summary>
    public const string ConsonanceRate = "consonance_rate";

    /// <summary>Parallel fifths/octaves of track k against track 0 ÷ moving step pairs.</summary>
    public const string ParallelFifthsOctavesRate = "parallel_fifths_octaves_rate";

    /// <summary>All names in report order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        EmptyBarRate, PitchesUsed, PitchClassesUsed, PolyphonicRate, InScaleRate, ScaleConsistency,
        QualifiedNoteRate, Polyphony, PitchClassEntropy, TonalDistance, ConsonanceRate, ParallelFifthsOctavesRate,
    ];

    /// <summary>The kind of values <paramref name="name"/> takes.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="All"/>.</exception>
    public static MetricKind KindOf(string name) => name switch
    {
        PitchesUsed or PitchClassesUsed or Polyphony => MetricKind.Count,
        PitchClassEntropy => MetricKind.Entropy,
        TonalDistance => MetricKind.Distance,
        EmptyBarRate or PolyphonicRate or InScaleRate or ScaleConsistency or QualifiedNoteRate
            or ConsonanceRate or ParallelFifthsOctavesRate => MetricKind.Rate,
        _ => throw new ArgumentException($"Unknown metric '{name}'.", nameof(name)),
    };
}
