namespace Cantus.Music.Datasets;

/// <summary>The names of the <see cref="DatasetSplit"/> values as users and files write them: <c>train</c>, <c>valid</c>, <c>test</c>.</summary>
public static class DatasetSplits
{
    /// <summary>The three splits in order.</summary>
    public static IReadOnlyList<DatasetSplit> All { get; } = [DatasetSplit.Train, DatasetSplit.Valid, DatasetSplit.Test];

    /// <summary>The split's name: train, valid or test.</summary>
    public static string Name(this DatasetSplit split) => split switch
    {
        DatasetSplit.Train => "train",
        DatasetSplit.Valid => "valid",
        DatasetSplit.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Not a dataset split."),
    };

    /// <summary>Parses train, valid (or validation) or test, ignoring case and spaces.</summary>
    /// <exception cref="FormatException">Anything else; the message lists the three names.</exception>
    public static DatasetSplit Parse(string? text) =>
        TryParse(text, out var split) ? split : throw new FormatException($"A dataset split is train, valid or test, not '{text}'.");

    /// <summary>Parses as <see cref="Parse"/>; false for anything else.</summary>
    public static bool TryParse(string? text, out DatasetSplit split)
    {
        switch ((text ?? "").Trim().ToLowerInvariant())
        {
            case "train": split = DatasetSplit.Train; return true;
            case "valid" or "validation": split = DatasetSplit.Valid; return true;
            case "test": split = DatasetSplit.Test; return true;
            default: split = DatasetSplit.Train; return false;
        }
    }
}
