using Cantus.Service.Errors;

namespace Cantus.Service.Audio;

/// <summary>How to render MIDI to WAV: the SoundFont, sample rate, sample format, level, and the longest audio allowed.</summary>
public sealed record AudioSettings
{
    /// <summary>The defaults: the usual SoundFont search, 44.1 kHz, 16-bit PCM, normalised, at most 10 minutes.</summary>
    public static AudioSettings Default { get; } = new();

    /// <summary>A SoundFont file on this machine (null: <c>$CANTUS_SOUNDFONT</c>, else the system's General MIDI SoundFonts, else a built-in piano). Set by local callers and the server's configuration, never by a request.</summary>
    public string? SoundFontPath { get; init; }

    /// <summary>Samples per second (8000..192000).</summary>
    public int SampleRate { get; init; } = 44100;

    /// <summary>32-bit float samples instead of 16-bit PCM.</summary>
    public bool Float { get; init; }

    /// <summary>Normalise the peak (default true).</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Longest audio rendered, in minutes (above 0, at most 1440).</summary>
    public double MaxMinutes { get; init; } = 10;

    /// <summary>Checks ranges; <see cref="ErrorKind.InvalidOptions"/> names the field.</summary>
    public void Validate()
    {
        if (SampleRate is < 8000 or > 192_000) throw CantusException.Invalid($"The sample rate must be 8000..192000, not {SampleRate}.", "sampleRate");
        if (!(MaxMinutes > 0) || MaxMinutes > 24 * 60) throw CantusException.Invalid($"The longest audio must be above 0 and at most 1440 minutes, not {MaxMinutes}.", "maxMinutes");
    }
}
