using Cantus.Music.PianoRolls;

namespace Cantus.Music.Images;

/// <summary>Settings of <see cref="PianoRollRenderer"/>. The defaults suit a few bars of a four-voice chorale.</summary>
public sealed class PianoRollRenderOptions
{
    /// <summary>The defaults.</summary>
    public static PianoRollRenderOptions Default { get; } = new();

    /// <summary>Width of one time step in pixels, 1..64; default 6.</summary>
    public int PixelsPerStep { get; init; } = 6;

    /// <summary>Height of one pitch row in pixels, 1..64; default 5.</summary>
    public int PixelsPerPitch { get; init; } = 5;

    /// <summary>Pitches shown; null (default) crops to the pitches used, widened by <see cref="PitchMargin"/>. Notes outside are not drawn.</summary>
    public PitchRange? PitchRange { get; init; }

    /// <summary>Semitones added below and above the used pitches when cropping, 0..127; default 2.</summary>
    public int PitchMargin { get; init; } = 2;

    /// <summary>Fewest pitch rows of a cropped panel, 1..128; default 12, so every panel shows at least one C label.</summary>
    public int MinimumPitchSpan { get; init; } = 12;

    /// <summary>One panel with all tracks (default) or one panel per track.</summary>
    public TrackArrangement Arrangement { get; init; } = TrackArrangement.Overlay;

    /// <summary>Columns of the grid when several multitracks are drawn; 0 (default) picks ceil(√n).</summary>
    public int Columns { get; init; }

    /// <summary>Draw the track legend (colour swatch and name per track); default true.</summary>
    public bool ShowLegend { get; init; } = true;

    /// <summary>Label each C row with its note name (C4 = MIDI 60); default true.</summary>
    public bool ShowPitchLabels { get; init; } = true;

    /// <summary>Number the bars under each panel; default true.</summary>
    public bool ShowBarNumbers { get; init; } = true;

    /// <summary>Draw beat lines (bar lines are always drawn); default true. Skipped when beats are under 4 pixels apart.</summary>
    public bool ShowBeatLines { get; init; } = true;

    /// <summary>Lighten a note toward the panel background as its velocity falls (velocity 127 gets the exact track colour); default false.</summary>
    public bool ShadeByVelocity { get; init; }

    /// <summary>Size of each font pixel, 1..4; default 1 (5×7-pixel characters). Titles use twice this.</summary>
    public int TextScale { get; init; } = 1;

    /// <summary>Largest picture accepted, in pixels (width × height); default 16 777 216 (4096², 64 MiB of RGBA).</summary>
    public long MaxPixels { get; init; } = 1L << 24;

    /// <summary>Colours; default <see cref="PianoRollTheme.Light"/>.</summary>
    public PianoRollTheme Theme { get; init; } = PianoRollTheme.Light;

    internal void Validate()
    {
        Check(PixelsPerStep, 1, 64, nameof(PixelsPerStep));
        Check(PixelsPerPitch, 1, 64, nameof(PixelsPerPitch));
        Check(PitchMargin, 0, 127, nameof(PitchMargin));
        Check(MinimumPitchSpan, 1, 128, nameof(MinimumPitchSpan));
        Check(Columns, 0, 1024, nameof(Columns));
        Check(TextScale, 1, 4, nameof(TextScale));
        if (MaxPixels < 1 || MaxPixels > RasterImage.MaxPixelCount)
            throw new ArgumentOutOfRangeException(nameof(MaxPixels), MaxPixels, $"MaxPixels must be in [1, {RasterImage.MaxPixelCount}].");
        if (!Enum.IsDefined(Arrangement)) throw new ArgumentOutOfRangeException(nameof(Arrangement), Arrangement, "Unknown arrangement.");
        ArgumentNullException.ThrowIfNull(Theme, nameof(Theme));
        if (Theme.TrackColors is null || Theme.TrackColors.Count == 0) throw new ArgumentException("The theme needs at least one track colour.", nameof(Theme));
    }

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max) throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}].");
    }
}
