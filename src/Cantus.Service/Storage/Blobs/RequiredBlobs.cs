using Cantus.Service.Errors;

namespace Cantus.Service.Storage.Blobs;

/// <summary>Opening a blob that a stored row refers to: its absence means lost data, reported as unavailable with what to do.</summary>
public static class RequiredBlobs
{
    /// <summary>Opens blob <paramref name="sha256"/>, which holds <paramref name="what"/> (e.g. "the weights of model 'x'").</summary>
    /// <exception cref="CantusException">Unavailable: the blob is missing from the store.</exception>
    public static async Task<Stream> OpenRequiredAsync(this IBlobStore blobs, string? sha256, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        return (sha256 is null ? null : await blobs.OpenReadAsync(sha256, cancellationToken).ConfigureAwait(false))
            ?? throw new CantusException(ErrorKind.Unavailable, $"{char.ToUpperInvariant(what[0])}{what[1..]} (blob {sha256?[..Math.Min(12, sha256.Length)] ?? "none"}) is missing from the blob store; restore the store from a backup.");
    }
}
