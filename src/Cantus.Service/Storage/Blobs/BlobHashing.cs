using System.Buffers;
using System.Security.Cryptography;

namespace Cantus.Service.Storage.Blobs;

/// <summary>Copies content to where it is kept while hashing it and enforcing the size limit.</summary>
internal static class BlobHashing
{
    private const int BufferSize = 81920;

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> and returns the SHA-256
    /// and length; throws <see cref="BlobTooLargeException"/> as soon as more than
    /// <paramref name="limit"/> bytes have been read (the caller discards the destination).
    /// </summary>
    public static async Task<BlobRef> CopyAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long length = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > limit) throw new BlobTooLargeException(limit);
                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
            return new BlobRef(Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The effective limit: the store's, or the caller's when smaller.</summary>
    public static long Limit(StoreOptions options, long? maxLength)
    {
        if (maxLength is < 0) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "The size limit cannot be negative.");
        return maxLength is { } given ? Math.Min(given, options.MaxBlobBytes) : options.MaxBlobBytes;
    }
}
