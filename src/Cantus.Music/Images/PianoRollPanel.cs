using Cantus.Music.PianoRolls;

namespace Cantus.Music.Images;

/// <summary>
/// Where one panel of a piano-roll picture lies: the multitrack it shows, its track (for
/// <see cref="TrackArrangement.Stacked"/>), its pitch range and the pixel rectangle of its cells.
/// Pitch rows run from <see cref="PitchRange.Highest"/> at the top to the lowest at the bottom.
/// </summary>
public sealed class PianoRollPanel
{
    internal PianoRollPanel(int sample, int? track, PitchRange pitches, int steps, PixelRect grid, int pixelsPerStep, int pixelsPerPitch)
    {
        Sample = sample;
        Track = track;
        Pitches = pitches;
        Steps = steps;
        Grid = grid;
        PixelsPerStep = pixelsPerStep;
        PixelsPerPitch = pixelsPerPitch;
    }

    /// <summary>Index of the multitrack in the list given to the renderer.</summary>
    public int Sample { get; }

    /// <summary>The track shown (stacked arrangement), or null when the panel overlays all tracks.</summary>
    public int? Track { get; }

    /// <summary>Pitches shown, bottom to top.</summary>
    public PitchRange Pitches { get; }

    /// <summary>Time steps shown (the longest multitrack's length; shorter ones end in empty cells).</summary>
    public int Steps { get; }

    /// <summary>The cells' area: Steps·PixelsPerStep wide, Pitches.Count·PixelsPerPitch high. The frame is drawn just outside it.</summary>
    public PixelRect Grid { get; }

    /// <summary>Width of one step.</summary>
    public int PixelsPerStep { get; }

    /// <summary>Height of one pitch row.</summary>
    public int PixelsPerPitch { get; }

    /// <summary>True for the bottom panel of a sample, under which bar numbers go.</summary>
    internal bool ShowsBarNumbers { get; init; }

    /// <summary>
    /// The pixels of cell (step, pitch): x = Grid.X + step·PixelsPerStep,
    /// y = Grid.Y + (Pitches.Highest − pitch)·PixelsPerPitch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step or pitch is not shown in this panel.</exception>
    public PixelRect Cell(int step, int pitch)
    {
        if ((uint)step >= (uint)Steps) throw new ArgumentOutOfRangeException(nameof(step), step, $"Step must be in [0, {Steps}).");
        if (!Pitches.Contains(pitch)) throw new ArgumentOutOfRangeException(nameof(pitch), pitch, $"Pitch must be in {Pitches.Lowest}..{Pitches.Highest}.");
        return new PixelRect(Grid.X + step * PixelsPerStep, Grid.Y + (Pitches.Highest - pitch) * PixelsPerPitch, PixelsPerStep, PixelsPerPitch);
    }

    /// <summary>The pixel row of the top of <paramref name="pitch"/>'s row (which may lie outside the grid).</summary>
    internal int RowY(int pitch) => Grid.Y + (Pitches.Highest - pitch) * PixelsPerPitch;
}
