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

    /// <summary>
    /// A duration: numbers with units <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (<c>90s</c>, <c>30m</c>,
    /// <c>1h30m</c>, <c>2d</c>), <c>0</c>, or <c>hh:mm:ss</c>; between 0 and 3650 days.
    /// </summary>
    public static TimeSpan Duration(string? text, string field = "duration")
    {
        var value = (text ?? "").Trim();
        if (value == "0") return TimeSpan.Zero;
        if (value.Contains(':', StringComparison.Ordinal))
        {
            if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero && span <= MaxDuration) return span;
            throw NotADuration(text, field);
        }
        var seconds = 0.0;
        var i = 0;
        while (i < value.Length)
        {
            var start = i;
            while (i < value.Length && char.IsAsciiDigit(value[i])) i++;
            if (i == start || i == value.Length || i - start > 9) throw NotADuration(text, field);
            var n = int.Parse(value.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            seconds += n * (value[i++] switch
            {
                's' => 1.0,
                'm' => 60.0,
                'h' => 3600.0,
                'd' => 86400.0,
                _ => throw NotADuration(text, field),
            });
        }
        if (value.Length == 0 || seconds > MaxDuration.TotalSeconds) throw NotADuration(text, field);
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>A duration as <see cref="Duration"/> reads it, whole seconds: <c>1h30m</c>, <c>45s</c>, <c>0s</c>.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var total = (long)Math.Round(Math.Max(0, duration.TotalSeconds));
        if (total == 0) return "0s";
        var text = new System.Text.StringBuilder();
        foreach (var (unit, seconds) in new[] { ('d', 86400L), ('h', 3600L), ('m', 60L), ('s', 1L) })
        {
            if (total < seconds) continue;
            text.Append(CultureInfo.InvariantCulture, $"{total / seconds}{unit}");
            total %= seconds;
        }
        return text.ToString();
    }

    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3650);

    private static CantusException NotADuration(string? text, string field) =>
        CantusException.Invalid($"{field}: '{text}' is not a duration; give a number and a unit, such as 90s, 30m, 1h, 1h30m or 2d.", field);

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
