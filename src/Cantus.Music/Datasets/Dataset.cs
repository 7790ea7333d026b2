using System.Globalization;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Datasets;

/// <summary>
/// A named collection of pieces in train/valid/test splits, with tags (such as <c>bach</c>,
/// <c>chorale</c>) by which a user picks a training set, as the DeepComposer console filtered
/// datasets by genre. Pieces keep the order they were given in, so everything derived from
/// a dataset (windows, dense arrays) is deterministic.
/// </summary>
public sealed class Dataset
{
    private readonly DatasetPiece[][] _pieces;
    private readonly Multitrack[][] _rolls;

    /// <summary>Creates a dataset from its three splits.</summary>
    /// <exception cref="ArgumentException">The name is empty or a tag is empty.</exception>
    public Dataset(string name, IEnumerable<string> tags, IEnumerable<DatasetPiece> train,
        IEnumerable<DatasetPiece> valid, IEnumerable<DatasetPiece> test)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(test);
        Name = name;
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(tag, nameof(tags));
            set.Add(NormalizeTag(tag));
        }
        Tags = set;
        _pieces = [[.. train], [.. valid], [.. test]];
        foreach (var split in _pieces)
            foreach (var piece in split)
                ArgumentNullException.ThrowIfNull(piece, nameof(train));
        _rolls = [.. _pieces.Select(s => s.Select(p => p.Roll).ToArray())];
    }

    /// <summary>
    /// Builds a dataset from pieces that carry no split (e.g. the files of a MIDI folder, in the
    /// order given: sort file names ordinally for a reproducible order); <paramref name="rule"/>
    /// assigns each piece to a split by its name (default <see cref="SplitRule.AllTrain"/>).
    /// </summary>
    public static Dataset Create(string name, IEnumerable<string> tags, IEnumerable<DatasetPiece> pieces, SplitRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        rule ??= SplitRule.AllTrain;
        var splits = new[] { new List<DatasetPiece>(), new List<DatasetPiece>(), new List<DatasetPiece>() };
        foreach (var piece in pieces)
        {
            ArgumentNullException.ThrowIfNull(piece, nameof(pieces));
            splits[(int)rule.Assign(piece.Name)].Add(piece);
        }
        return new Dataset(name, tags, splits[0], splits[1], splits[2]);
    }

    /// <summary>
    /// Builds a dataset from unnamed rolls; piece <c>i</c> (zero-based, in enumeration order) is
    /// named <c>i</c> as a decimal string, and <paramref name="rule"/> sees that name.
    /// </summary>
    public static Dataset Create(string name, IEnumerable<string> tags, IEnumerable<Multitrack> rolls, SplitRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(rolls);
        return Create(name, tags, rolls.Select((r, i) => new DatasetPiece(i.ToString(CultureInfo.InvariantCulture), r)), rule);
    }

    /// <summary>Dataset name, e.g. <c>jsb-chorales</c>.</summary>
    public string Name { get; }

    /// <summary>Tags in lower case, sorted ordinally.</summary>
    public IReadOnlySet<string> Tags { get; }

    /// <summary>The pieces of one split, in order.</summary>
    public IReadOnlyList<DatasetPiece> Pieces(DatasetSplit split) => _pieces[Index(split)];

    /// <summary>The piano rolls of one split, in the same order as <see cref="Pieces"/>.</summary>
    public IReadOnlyList<Multitrack> Rolls(DatasetSplit split) => _rolls[Index(split)];

    /// <summary>Number of pieces over all splits.</summary>
    public int PieceCount => _pieces.Sum(s => s.Length);

    /// <summary>
    /// True when the dataset carries every tag in <paramref name="required"/> (case-insensitive);
    /// an empty filter matches every dataset.
    /// </summary>
    public bool HasAllTags(IEnumerable<string> required)
    {
        ArgumentNullException.ThrowIfNull(required);
        return required.All(t => Tags.Contains(NormalizeTag(t)));
    }

    /// <summary>
    /// The datasets that carry every tag in <paramref name="required"/>, in input order
    /// (the console's dataset picker: choose the tags, get the matching training sets).
    /// </summary>
    public static IEnumerable<Dataset> FilterByTags(IEnumerable<Dataset> datasets, IEnumerable<string> required)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var tags = required?.ToArray() ?? throw new ArgumentNullException(nameof(required));
        return datasets.Where(d => d.HasAllTags(tags));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} [{string.Join(", ", Tags)}]: {_pieces[0].Length}/{_pieces[1].Length}/{_pieces[2].Length} pieces");

    private static string NormalizeTag(string tag) => tag.Trim().ToLowerInvariant();

    private static int Index(DatasetSplit split) => split switch
    {
        DatasetSplit.Train or DatasetSplit.Valid or DatasetSplit.Test => (int)split,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };
}
