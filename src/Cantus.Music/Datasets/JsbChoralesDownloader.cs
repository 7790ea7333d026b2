using Cantus.Music.IO;
using System.Globalization;
using System.Security.Cryptography;

namespace Cantus.Music.Datasets;

/// <summary>
/// Downloads <c>Jsb16thSeparated.json</c> from its canonical address (raw content of
/// github.com/czhuang/JSB-Chorales-dataset, branch master), checks its SHA-256 against the
/// published copy (<see cref="Sha256"/>) and stores it atomically: the bytes stream into a
/// temporary file in the target folder, which is flushed to disk and only then renamed over
/// the final name, so a crash or a bad download never leaves a partial or unverified file
/// under the real name.
/// </summary>
public sealed class JsbChoralesDownloader
{
    /// <summary>SHA-256 (lower-case hex) of the published file, from datasets/jsb-chorales/SHA256SUMS.</summary>
    public const string Sha256 = "79294cc374f9252e95ef4b703161524c1c53dc1f712c236f00f1c1f5d54af5a7";

    /// <summary>The canonical address of the file.</summary>
    public static Uri CanonicalUri { get; } = new("https://raw.githubusercontent.com/czhuang/JSB-Chorales-dataset/master/" + JsbChoralesLoader.FileName);

    private readonly HttpClient _http;

    /// <summary>Creates a downloader using <paramref name="httpClient"/> (owned by the caller).</summary>
    /// <param name="httpClient">Client to fetch with; tests pass one over a local handler.</param>
    /// <param name="maxBytes">Largest download accepted (default 16 MiB; the file is 1.6 MB).</param>
    /// <param name="source">Address to fetch (default <see cref="CanonicalUri"/>, e.g. a mirror).</param>
    /// <exception cref="ArgumentOutOfRangeException">maxBytes is not positive.</exception>
    public JsbChoralesDownloader(HttpClient httpClient, long maxBytes = 16L << 20, Uri? source = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _http = httpClient;
        MaxBytes = maxBytes;
        Source = source ?? CanonicalUri;
    }

    /// <summary>Largest download accepted, in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>Address fetched.</summary>
    public Uri Source { get; }

    /// <summary>
    /// Ensures a verified <c>Jsb16thSeparated.json</c> in <paramref name="targetDirectory"/> (created if
    /// needed). A verified copy already there is kept unless <paramref name="force"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The download is larger than <see cref="MaxBytes"/> or its SHA-256 differs; nothing is written.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or answered with an error status.</exception>
    public async Task<DatasetDownloadResult> DownloadAsync(string targetDirectory, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetDirectory);
        Directory.CreateDirectory(targetDirectory);
        var finalPath = Path.GetFullPath(Path.Combine(targetDirectory, JsbChoralesLoader.FileName));
        if (!force && File.Exists(finalPath))
        {
            var existing = await HashFileAsync(finalPath, cancellationToken).ConfigureAwait(false);
            if (existing == Sha256) return new DatasetDownloadResult(finalPath, new FileInfo(finalPath).Length, existing, false);
        }

        using var response = await _http.GetAsync(Source, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture,
                $"GET {Source} answered {(int)response.StatusCode} {response.ReasonPhrase}."), null, response.StatusCode);
        if (response.Content.Headers.ContentLength is long declared && declared > MaxBytes)
            throw TooLarge(declared);

        long bytes = 0;
        string hash = "";
        // The hash is checked before the rename: a corrupted transfer never replaces a good copy.
        await AtomicFile.WriteAsync(finalPath, async (file, ct) =>
        {
            (bytes, hash) = await CopyAsync(response, file, ct).ConfigureAwait(false);
            if (hash != Sha256)
                throw DatasetErrors.Create(
                    $"SHA-256 of the download is {hash}; expected {Sha256}. The transfer was corrupted or the upstream file changed; nothing was written.",
                    Source.ToString());
        }, cancellationToken).ConfigureAwait(false);
        return new DatasetDownloadResult(finalPath, bytes, hash, true);
    }

    /// <summary>True when the file at <paramref name="path"/> exists and has the published SHA-256.</summary>
    public static async Task<bool> IsVerifiedAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return File.Exists(path) && await HashFileAsync(path, cancellationToken).ConfigureAwait(false) == Sha256;
    }

    private async Task<(long Bytes, string Hash)> CopyAsync(HttpResponseMessage response, Stream file, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            // Check before writing: a lying or absent Content-Length cannot make us store more than MaxBytes.
            total += read;
            if (total > MaxBytes) throw TooLarge(total);
            sha.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return (total, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
    }

    private InvalidDataException TooLarge(long bytes) => DatasetErrors.Create(string.Create(CultureInfo.InvariantCulture,
        $"download is larger than the limit of {MaxBytes} bytes (at least {bytes}); nothing was written"), Source.ToString());
}
