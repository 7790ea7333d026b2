namespace Cantus.Music.Images;

/// <summary>Colours of a piano-roll picture.</summary>
public sealed class PianoRollTheme
{
    /// <summary>White background, Tableau 10 track colours (Stone 2008, designed to stay distinct on white).</summary>
    public static PianoRollTheme Light { get; } = new();

    /// <summary>Near-black background with brighter track colours.</summary>
    public static PianoRollTheme Dark { get; } = new()
    {
        Background = Rgba.Parse("#1C1D21"),
        GridBackground = Rgba.Parse("#26282E"),
        BlackKeyRow = Rgba.Parse("#202227"),
        BeatLine = Rgba.Parse("#32353C"),
        BarLine = Rgba.Parse("#5E636D"),
        OctaveLine = Rgba.Parse("#3A3E46"),
        Border = Rgba.Parse("#6B7280"),
        Text = Rgba.Parse("#D4D7DD"),
        TrackColors = [.. new[] { "#5DA5DA", "#FAA43A", "#F15854", "#60BD68", "#B276B2", "#4DC9C9", "#DECF3F", "#F17CB0", "#B2912F", "#BDBDBD" }.Select(Rgba.Parse)],
    };

    /// <summary>Image background, outside the panels.</summary>
    public Rgba Background { get; init; } = Rgba.White;

    /// <summary>Panel background on rows of white piano keys.</summary>
    public Rgba GridBackground { get; init; } = Rgba.White;

    /// <summary>Panel background on rows of black piano keys (C#, D#, F#, G#, A#).</summary>
    public Rgba BlackKeyRow { get; init; } = Rgba.Parse("#F0F2F5");

    /// <summary>Vertical line at each beat that does not start a bar.</summary>
    public Rgba BeatLine { get; init; } = Rgba.Parse("#E1E4E8");

    /// <summary>Vertical line at each bar start.</summary>
    public Rgba BarLine { get; init; } = Rgba.Parse("#A3AAB3");

    /// <summary>Horizontal line between B and the C above it.</summary>
    public Rgba OctaveLine { get; init; } = Rgba.Parse("#D3D7DC");

    /// <summary>Frame around each panel.</summary>
    public Rgba Border { get; init; } = Rgba.Parse("#6C757D");

    /// <summary>Labels, titles and legend text.</summary>
    public Rgba Text { get; init; } = Rgba.Parse("#2F343A");

    /// <summary>Colour of track i is TrackColors[i mod Count].</summary>
    public IReadOnlyList<Rgba> TrackColors { get; init; } =
        [.. new[] { "#4E79A7", "#F28E2B", "#E15759", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948", "#FF9DA7", "#9C755F", "#BAB0AC" }.Select(Rgba.Parse)];

    /// <summary>The colour of track <paramref name="index"/> (cycling through <see cref="TrackColors"/>).</summary>
    public Rgba TrackColor(int index) => TrackColors[index % TrackColors.Count];
}
