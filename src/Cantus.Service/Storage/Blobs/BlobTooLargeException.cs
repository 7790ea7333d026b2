namespace Cantus.Service.Storage.Blobs;

/// <summary>A blob was larger than the limit; nothing of it was kept (the web answers 413).</summary>
public sealed class BlobTooLargeException : Exception
{
    /// <summary>A blob over <paramref name="limit"/> bytes.</summary>
    public BlobTooLargeException(long limit)
        : base($"The content is larger than the limit of {limit} bytes.") => Limit = limit;

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }
}
