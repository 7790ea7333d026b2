namespace Cantus.Service.Compositions;

/// <summary>The files of a composition.</summary>
public enum CompositionFile
{
    /// <summary>The result as a Standard MIDI File (audio/midi), as composed or as last revised.</summary>
    Midi,

    /// <summary>The result rendered to audio (audio/wav), rendered on first request and kept until the MIDI is revised.</summary>
    Wav,

    /// <summary>The result drawn as a piano roll (image/png), drawn on first request and kept until the MIDI is revised.</summary>
    Png,
}
