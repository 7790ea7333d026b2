using System.Globalization;
using Cantus.Music.Datasets;
using Cantus.Music.PianoRolls;
using Cantus.Service.Errors;

namespace Cantus.Service;

/// <summary>
/// The text forms of option values that the command line and the web both accept, each with one
/// parser; a value that does not parse is <see cref="ErrorKind.InvalidOptions"/> naming the field.
/// </summary>
public static class OptionValues
{
    /// <summary>A pitch range <c>LOW..HIGH</c> (<see cref="PitchRange.Parse"/>).</summary>
    public static PitchRange PitchRange(string? text, string field = "pitchRange") =>
        Parse(() => Music.PianoRolls.PitchRange.Parse(text ?? ""), field);

    /// <summary>A transposition: none, all or k (<see cref="Transposition.Parse"/>).</summary>
    public static Transposition Transposition(string? text, string field = "transposition") =>
        Parse(() => Music.Datasets.Transposition.Parse(text ?? ""), field);

    /// <summary>A dataset split: train, valid or test (<see cref="DatasetSplits.Parse"/>).</summary>
    public static DatasetSplit Split(string? text, string field = "split") => Parse(() => DatasetSplits.Parse(text), field);

    /// <summary>General-MIDI programs per output track, melody first: numbers 0..127 separated by commas (empty: none).</summary>
    public static IReadOnlyList<int> Programs(string? text, string field = "programs")
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var parts = text.Split(',');
        if (parts.Length > 16) throw CantusException.Invalid($"At most 16 programs can be given, not {parts.Length}.", field);
        return parts.Select(p => int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= 127
            ? v : throw CantusException.Invalid($"Programs are General MIDI numbers 0..127 separated by commas (e.g. 0,52,52,32), not '{text}'.", field)).ToArray();
    }

    private static T Parse<T>(Func<T> parse, string field)
    {
        try
        {
            return parse();
        }
        catch (FormatException ex)
        {
            throw CantusException.Invalid(ex.Message, field, ex);
        }
    }
}
