using System.Globalization;

namespace Cantus.Music.Datasets;

/// <summary>
/// Loads the JSB Chorales from <c>Jsb16thSeparated.json</c> (czhuang/JSB-Chorales-dataset, the
/// format Coconet uses; Huang et al., ISMIR 2017): <c>{"train": [...], "valid": [...], "test": [...]}</c>,
/// each chorale a list of 16th-note steps <c>[soprano, alto, tenor, bass]</c> of MIDI pitches,
/// <c>-1</c> for a silent voice. Each chorale becomes a <see cref="PianoRolls.Multitrack"/> of 4
/// tracks named soprano, alto, tenor, bass, 4 steps per beat, 4/4, at
/// <see cref="JsbLoadOptions.TempoBpm"/>. The file does not tell a held note from a repeated
/// one, so consecutive equal pitches become one held note.
/// Pieces are named <c>train/0</c>, <c>train/1</c>, ... in file order.
/// </summary>
public static class JsbChoralesLoader
{
    /// <summary>File name of the dataset, locally and at its canonical address.</summary>
    public const string FileName = "Jsb16thSeparated.json";

    /// <summary>Name of the loaded dataset.</summary>
    public const string DatasetName = "jsb-chorales";

    /// <summary>Voice (track) names, in the order of each step's array.</summary>
    public static IReadOnlyList<string> VoiceNames { get; } = ["soprano", "alto", "tenor", "bass"];

    /// <summary>Tags of the loaded dataset.</summary>
    public static IReadOnlyList<string> Tags { get; } = ["bach", "chorale", "classical"];

    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The content is malformed or exceeds a limit.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Dataset Load(string path, JsbLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= JsbLoadOptions.Default;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Load(stream, Path.GetFileName(path), options);
    }

    /// <summary>
    /// Reads the whole of <paramref name="stream"/> (at most <see cref="JsbLoadOptions.MaxFileBytes"/>)
    /// and parses it; <paramref name="sourceName"/> appears in error messages.
    /// </summary>
    /// <exception cref="InvalidDataException">The content is malformed or exceeds a limit.</exception>
    public static Dataset Load(Stream stream, string sourceName = FileName, JsbLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= JsbLoadOptions.Default;
        var bytes = ReadBounded(stream, options.MaxFileBytes, sourceName);
        return Parse(bytes, sourceName, options);
    }

    /// <summary>Parses UTF-8 JSON already in memory.</summary>
    /// <exception cref="InvalidDataException">The content is malformed or exceeds a limit.</exception>
    public static Dataset Parse(ReadOnlySpan<byte> utf8Json, string sourceName = FileName, JsbLoadOptions? options = null)
    {
        options ??= JsbLoadOptions.Default;
        if (utf8Json.Length > options.MaxFileBytes) throw TooLarge(sourceName, utf8Json.Length, options.MaxFileBytes);
        var splits = new JsbChoralesParser(sourceName, options).Parse(utf8Json);
        return new Dataset(DatasetName, Tags, splits[0], splits[1], splits[2]);
    }

    private static byte[] ReadBounded(Stream stream, long maxBytes, string sourceName)
    {
        if (stream.CanSeek)
        {
            var remaining = stream.Length - stream.Position;
            if (remaining > maxBytes) throw TooLarge(sourceName, remaining, maxBytes);
        }
        // Read at most maxBytes + 1 so an unseekable stream that is too long is caught without reading it all.
        var limit = (int)Math.Min(maxBytes + 1, Array.MaxLength);
        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length - stream.Position, limit) : 1 << 16);
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) throw TooLarge(sourceName, buffer.Length, maxBytes);
        }
        return buffer.ToArray();
    }

    private static InvalidDataException TooLarge(string sourceName, long length, long maxBytes) =>
        DatasetErrors.Create(string.Create(CultureInfo.InvariantCulture,
            $"file is larger than the limit of {maxBytes} bytes (JsbLoadOptions.MaxFileBytes); read {length}"), sourceName);
}
