namespace Cantus.Music.Images;

/// <summary>Scientific pitch names with MIDI 60 = C4 (the convention of General MIDI documents and most DAWs).</summary>
internal static class NoteNames
{
    private static readonly string[] Classes = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>"C4" for 60, "A#-1" for 10, "G9" for 127.</summary>
    public static string Name(int pitch) => Classes[pitch % 12] + (pitch / 12 - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True for the pitch classes of the black piano keys (C#, D#, F#, G#, A#).</summary>
    public static bool IsBlackKey(int pitch) => (pitch % 12) is 1 or 3 or 6 or 8 or 10;
}
