using Cantus.Music.PianoRolls;

namespace Cantus.Music.Datasets;

/// <summary>
/// How pieces are cut into training samples (see <see cref="Windower"/>). Defaults follow the
/// DeepComposer lab: 32 steps (2 bars of 4/4 in 16ths), a hop of 16 (1 bar), melody in track 0,
/// all 128 pitches, no transposition, no padding.
/// </summary>
public sealed record WindowOptions
{
    /// <summary>The defaults.</summary>
    public static WindowOptions Default { get; } = new();

    /// <summary>Steps per sample, N (default 32).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int Steps
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1); field = value; }
    } = 32;

    /// <summary>Steps between the starts of consecutive windows (default 16).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int Hop
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1); field = value; }
    } = 16;

    /// <summary>
    /// Track holding the melody (default 0): a window in which it is silent is skipped.
    /// Null keeps every window.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int? MelodyTrack
    {
        get;
        init { if (value is int v) ArgumentOutOfRangeException.ThrowIfNegative(v, nameof(MelodyTrack)); field = value; }
    } = 0;

    /// <summary>
    /// Pitches every sample must fit in (default 0..127); also the pitch crop of
    /// <see cref="DenseRolls"/>. A window whose pitched notes cannot be placed inside it under
    /// <see cref="Transposition"/> is skipped.
    /// </summary>
    public PitchRange PitchRange { get; init; } = PitchRange.Full;

    /// <summary>Transposition augmentation (default <see cref="Datasets.Transposition.None"/>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public Transposition Transposition
    {
        get;
        init { ArgumentNullException.ThrowIfNull(value); field = value; }
    } = Transposition.None;

    /// <summary>
    /// When true, a non-empty piece shorter than <see cref="Steps"/> gives one window at step 0,
    /// padded with silence to <see cref="Steps"/>; when false (default) it gives none. Longer
    /// pieces are never padded: their tail after the last full window is dropped.
    /// </summary>
    public bool PadShortPieces { get; init; }
}
