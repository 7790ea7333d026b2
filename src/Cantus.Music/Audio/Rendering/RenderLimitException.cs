namespace Cantus.Music.Audio.Rendering;

/// <summary>
/// Rendering a sequence would exceed a limit of <see cref="AudioRenderOptions"/> (for example a
/// hostile MIDI file whose notes last a year). Raised before any audio buffer is allocated.
/// Derives from <see cref="FormatException"/> (as MidiFormatException does; <see cref="InvalidDataException"/>
/// is sealed) so callers treat it as bad input.
/// </summary>
public sealed class RenderLimitException : FormatException
{
    /// <summary>Creates the exception with a message naming the limit.</summary>
    public RenderLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RenderLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public RenderLimitException()
        : base("Rendering would exceed a limit.")
    {
    }
}
