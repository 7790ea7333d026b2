using System.Globalization;
using System.Text;
using System.Text.Json;

using Cantus.Music.PianoRolls;

namespace Cantus.Music.Datasets;

/// <summary>
/// What <c>cantus dataset info</c> prints: the dataset's name and tags, the windowing used, and
/// per split the pieces and the samples after windowing.
/// </summary>
/// <param name="Name">Dataset name.</param>
/// <param name="Tags">Dataset tags, sorted.</param>
/// <param name="Windowing">Windowing the sample counts were computed with.</param>
/// <param name="Splits">Train, valid and test, in that order.</param>
public sealed record DatasetInfo(string Name, IReadOnlyList<string> Tags, WindowOptions Windowing, IReadOnlyList<SplitInfo> Splits)
{
    /// <summary>Counts pieces, steps and samples of every split of <paramref name="dataset"/>.</summary>
    /// <exception cref="InvalidDataException">A piece lacks the melody track.</exception>
    public static DatasetInfo Compute(Dataset dataset, WindowOptions? windowing = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var windower = new Windower(windowing);
        var splits = new List<SplitInfo>(3);
        foreach (var split in (ReadOnlySpan<DatasetSplit>)[DatasetSplit.Train, DatasetSplit.Valid, DatasetSplit.Test])
        {
            var rolls = dataset.Rolls(split);
            splits.Add(new SplitInfo(split, rolls.Count, rolls.Sum(r => (long)r.Steps), windower.Count(rolls)));
        }
        return new DatasetInfo(dataset.Name, [.. dataset.Tags], windower.Options, splits);
    }

    /// <summary>
    /// Plain text, e.g.
    /// <c>jsb-chorales [bach, classical]</c>, <c>windows: 32 steps, hop 16, melody track 0, pitches 0..127, transposition none</c>,
    /// then one line per split <c>train: 229 pieces, 55228 steps, 3176 samples</c>.
    /// </summary>
    public string ToText()
    {
        var w = Windowing;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Name} [{string.Join(", ", Tags)}]\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"windows: {w.Steps} steps, hop {w.Hop}, melody track {(w.MelodyTrack is int m ? m.ToString(CultureInfo.InvariantCulture) : "none")}, pitches {w.PitchRange}, transposition {w.Transposition}{(w.PadShortPieces ? ", short pieces padded" : "")}\n");
        foreach (var s in Splits)
            sb.Append(CultureInfo.InvariantCulture, $"{SplitName(s.Split)}: {s.Pieces} pieces, {s.Steps} steps, {s.Samples} samples\n");
        return sb.ToString();
    }

    /// <summary>
    /// JSON: <c>{"name", "tags": [...], "windowing": {"steps", "hop", "melodyTrack" (null = none),
    /// "lowestPitch", "highestPitch", "maxShift" (0 = no transposition, null = every shift in range, k = ±k),
    /// "padShortPieces"}, "splits": {"train": {"pieces", "steps", "samples"}, "valid": ..., "test": ...}}</c>.
    /// </summary>
    public string ToJson(bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteStartArray("tags");
            foreach (var tag in Tags) json.WriteStringValue(tag);
            json.WriteEndArray();
            json.WriteStartObject("windowing");
            json.WriteNumber("steps", Windowing.Steps);
            json.WriteNumber("hop", Windowing.Hop);
            if (Windowing.MelodyTrack is int m) json.WriteNumber("melodyTrack", m); else json.WriteNull("melodyTrack");
            json.WriteNumber("lowestPitch", Windowing.PitchRange.Lowest);
            json.WriteNumber("highestPitch", Windowing.PitchRange.Highest);
            if (Windowing.Transposition.MaxShift is int k) json.WriteNumber("maxShift", k); else json.WriteNull("maxShift");
            json.WriteBoolean("padShortPieces", Windowing.PadShortPieces);
            json.WriteEndObject();
            json.WriteStartObject("splits");
            foreach (var s in Splits)
            {
                json.WriteStartObject(SplitName(s.Split));
                json.WriteNumber("pieces", s.Pieces);
                json.WriteNumber("steps", s.Steps);
                json.WriteNumber("samples", s.Samples);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Lower-case split name as in the JSB file: train, valid, test.</summary>
    public static string SplitName(DatasetSplit split) => split switch
    {
        DatasetSplit.Train => "train",
        DatasetSplit.Valid => "valid",
        DatasetSplit.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };
}
