namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// The bytes given as a SoundFont 2 file are not a valid SoundFont 2.04 file: a chunk is
/// missing, truncated or of a bad size, a record points outside its list, or a sample or
/// loop lies outside the sample data. The message names the chunk or record at fault.
/// Derives from <see cref="FormatException"/> like <c>MidiFormatException</c>, because
/// <see cref="InvalidDataException"/> is sealed; the CLI maps both to "bad input".
/// </summary>
public sealed class SoundFontFormatException : FormatException
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public SoundFontFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public SoundFontFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SoundFontFormatException()
        : base("The data is not a valid SoundFont 2 file.")
    {
    }
}
