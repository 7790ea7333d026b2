namespace Cantus.Service.Storage.Blobs;

/// <summary>A stored blob: its SHA-256 (lowercase hex, the key) and its length in bytes.</summary>
/// <param name="Sha256">The SHA-256 of the content, 64 lowercase hex digits.</param>
/// <param name="Length">The content's length in bytes.</param>
public sealed record BlobRef(string Sha256, long Length)
{
    /// <summary>True for 64 lowercase hex digits (the only keys the stores accept, so a key is never a path).</summary>
    public static bool IsValidSha256(string? sha256) =>
        sha256 is { Length: 64 } && sha256.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;

    /// <summary>Throws unless <paramref name="sha256"/> is a valid key.</summary>
    internal static void ThrowIfInvalid(string? sha256)
    {
        if (!IsValidSha256(sha256))
            throw new ArgumentException($"\"{sha256}\" is not a SHA-256 in lowercase hex.", nameof(sha256));
    }
}
