namespace Cantus.Service.Storage.Library;

/// <summary>The values of <see cref="MelodyRecord.Source"/>.</summary>
public static class MelodySources
{
    /// <summary>A MIDI file the user uploaded.</summary>
    public const string Upload = "upload";

    /// <summary>Played into the console's keyboard.</summary>
    public const string Recorded = "recorded";

    /// <summary>One of the project's sample melodies.</summary>
    public const string Sample = "sample";
}
