using Cantus.Music.PianoRolls;

namespace Cantus.Music.Datasets;

/// <summary>
/// One piece of a dataset: a name that identifies it inside the dataset (for the JSB
/// Chorales <c>train/12</c>; for a MIDI folder the file name) and its piano roll.
/// </summary>
/// <param name="Name">Identifier used in messages and by <see cref="SplitRule.ByNameHash"/>.</param>
/// <param name="Roll">The piece as a multitrack piano roll.</param>
/// <exception cref="ArgumentNullException">An argument is null.</exception>
public sealed record DatasetPiece(string Name, Multitrack Roll)
{
    /// <summary>Identifier used in messages and by <see cref="SplitRule.ByNameHash"/>.</summary>
    public string Name { get; init; } = Name ?? throw new ArgumentNullException(nameof(Name));

    /// <summary>The piece as a multitrack piano roll.</summary>
    public Multitrack Roll { get; init; } = Roll ?? throw new ArgumentNullException(nameof(Roll));
}
