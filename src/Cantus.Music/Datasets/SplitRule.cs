using System.Globalization;
using System.Text;

namespace Cantus.Music.Datasets;

/// <summary>
/// Decides which split a piece of a folder dataset (which carries no split of its own) goes to.
/// <list type="bullet">
/// <item><see cref="AllTrain"/>: every piece is training data (the DeepComposer lab trained on
/// all 229 snippets).</item>
/// <item><see cref="ByNameHash"/>: a deterministic split by piece name. The bucket is
/// <c>FNV-1a-32(UTF-8(name)) mod 100</c>; buckets [0, train) go to train, [train, train + valid)
/// to valid, the rest to test. It depends only on the name (not on the order or number of
/// files), so adding a file never moves another one between splits. Names are compared
/// byte for byte: pass the file name relative to the folder with '/' separators.</item>
/// </list>
/// </summary>
public sealed class SplitRule
{
    private SplitRule(int trainPercent, int validPercent)
    {
        TrainPercent = trainPercent;
        ValidPercent = validPercent;
    }

    /// <summary>Every piece goes to <see cref="DatasetSplit.Train"/>.</summary>
    public static SplitRule AllTrain { get; } = new(100, 0);

    /// <summary>
    /// Hash split with <paramref name="trainPercent"/> % train, <paramref name="validPercent"/> % valid
    /// and the rest test (in expectation; the hash spreads names evenly over 100 buckets).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A percentage is negative or they add up to more than 100.</exception>
    public static SplitRule ByNameHash(int trainPercent = 80, int validPercent = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainPercent);
        ArgumentOutOfRangeException.ThrowIfNegative(validPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trainPercent + validPercent, 100, nameof(validPercent));
        return new SplitRule(trainPercent, validPercent);
    }

    /// <summary>Percentage of hash buckets that go to train.</summary>
    public int TrainPercent { get; }

    /// <summary>Percentage of hash buckets that go to valid.</summary>
    public int ValidPercent { get; }

    /// <summary>The split for the piece called <paramref name="name"/>.</summary>
    public DatasetSplit Assign(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TrainPercent == 100) return DatasetSplit.Train;
        var bucket = (int)(Fnv1a32(name) % 100);
        if (bucket < TrainPercent) return DatasetSplit.Train;
        return bucket < TrainPercent + ValidPercent ? DatasetSplit.Valid : DatasetSplit.Test;
    }

    /// <inheritdoc/>
    public override string ToString() => TrainPercent == 100
        ? "all-train"
        : string.Create(CultureInfo.InvariantCulture, $"hash {TrainPercent}/{ValidPercent}/{100 - TrainPercent - ValidPercent}");

    /// <summary>FNV-1a, 32 bits (offset basis 2166136261, prime 16777619) over the UTF-8 bytes.</summary>
    internal static uint Fnv1a32(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }
}
