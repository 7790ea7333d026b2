namespace Cantus.Service.Storage;

/// <summary>Which slice of a list to return: skip <see cref="Offset"/> rows, then at most <see cref="Limit"/>.</summary>
public readonly record struct Page
{
    /// <summary>The largest page a list returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>A page of <paramref name="limit"/> rows after <paramref name="offset"/> rows.</summary>
    public Page(int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        Offset = offset;
        Limit = limit;
    }

    /// <summary>The first 100 rows: what a list returns when no page is given.</summary>
    public static Page Default { get; } = new(0, 100);

    /// <summary>Rows to skip.</summary>
    public int Offset { get; }

    /// <summary>Rows to return at most.</summary>
    public int Limit { get; }

    /// <summary>The page to use for an optional argument: <see cref="Default"/> for none or for <c>default(Page)</c>.</summary>
    internal static Page Resolve(Page? page) => page is { Limit: > 0 } given ? given : Default;
}
