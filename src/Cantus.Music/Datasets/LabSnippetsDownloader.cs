using System.Globalization;
using System.Security.Cryptography;
using Cantus.Music.IO;

namespace Cantus.Music.Datasets;

/// <summary>
/// Downloads the AWS DeepComposer GAN lab's 229 two-bar, four-voice training snippets
/// (<c>MIDI-0.mid</c> … <c>MIDI-228.mid</c>, aws-samples/aws-deepcomposer-samples, gan/original_midi,
/// MIT No Attribution) from their canonical address, checks every file against its published
/// SHA-256 (embedded in Cantus), and only then moves the whole folder into place: a partial or
/// corrupted download never appears as the dataset.
/// </summary>
public sealed class LabSnippetsDownloader
{
    /// <summary>The dataset's name (its folder under the data directory's <c>datasets/</c>).</summary>
    public const string DatasetName = "lab-snippets";

    /// <summary>The canonical address of the folder (each file is <c>MIDI-N.mid</c> below it).</summary>
    public static Uri CanonicalUri { get; } = new("https://raw.githubusercontent.com/aws-samples/aws-deepcomposer-samples/master/gan/original_midi/");

    /// <summary>Every file and its SHA-256 (lower-case hex), in order.</summary>
    public static IReadOnlyList<(string File, string Sha256)> Manifest { get; } = ReadManifest();

    private readonly HttpClient _http;

    /// <summary>Creates a downloader over <paramref name="httpClient"/> (owned by the caller); <paramref name="source"/> is a mirror of the folder.</summary>
    public LabSnippetsDownloader(HttpClient httpClient, Uri? source = null)
    {
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        Source = source ?? CanonicalUri;
    }

    /// <summary>The folder fetched from.</summary>
    public Uri Source { get; }

    /// <summary>Largest file accepted (the snippets are about 1 KB each).</summary>
    public const long MaxFileBytes = 1L << 20;

    /// <summary>Ensures the verified snippets in <paramref name="targetDirectory"/>; a complete verified folder already there is kept unless <paramref name="force"/>.</summary>
    /// <exception cref="InvalidDataException">A file is larger than the limit or its SHA-256 differs; nothing is written.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or answered with an error status.</exception>
    public async Task<DatasetDownloadResult> DownloadAsync(string targetDirectory, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetDirectory);
        var target = Path.GetFullPath(targetDirectory);
        if (!force && await IsVerifiedAsync(target, cancellationToken).ConfigureAwait(false))
            return new DatasetDownloadResult(target, Manifest.Sum(m => new FileInfo(Path.Combine(target, m.File)).Length), Fingerprint(), false);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = target + AtomicFile.TempMarker + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        try
        {
            long total = 0;
            foreach (var (file, sha) in Manifest)
            {
                var uri = new Uri(Source, file);
                using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}."), null, response.StatusCode);
                var bytes = await ReadBoundedAsync(response, uri, cancellationToken).ConfigureAwait(false);
                var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
                if (actual != sha)
                    throw DatasetErrors.Create($"SHA-256 of {file} is {actual}; expected {sha}. The transfer was corrupted or the upstream file changed; nothing was written.", uri.ToString());
                await File.WriteAllBytesAsync(Path.Combine(staging, file), bytes, cancellationToken).ConfigureAwait(false);
                total += bytes.Length;
            }
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(staging, target);
            return new DatasetDownloadResult(target, total, Fingerprint(), true);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>True when <paramref name="directory"/> holds every snippet with its published SHA-256.</summary>
    public static async Task<bool> IsVerifiedAsync(string directory, CancellationToken cancellationToken = default)
    {
        foreach (var (file, sha) in Manifest)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path)) return false;
            if (Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false))) != sha) return false;
        }
        return true;
    }

    /// <summary>SHA-256 of the manifest: one hash naming the whole verified set.</summary>
    public static string Fingerprint() =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(string.Join("\n", Manifest.Select(m => $"{m.Sha256}  {m.File}")))));

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is long declared && declared > MaxFileBytes)
            throw DatasetErrors.Create($"{uri} is larger than the limit of {MaxFileBytes} bytes; nothing was written.", uri.ToString());
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 14];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes) throw DatasetErrors.Create($"{uri} is larger than the limit of {MaxFileBytes} bytes; nothing was written.", uri.ToString());
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static List<(string, string)> ReadManifest()
    {
        using var stream = typeof(LabSnippetsDownloader).Assembly.GetManifestResourceStream("Cantus.Music.LabSnippets.sha256")
            ?? throw new InvalidOperationException("The lab snippets' manifest is missing from Cantus.Music.");
        using var reader = new StreamReader(stream);
        var result = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split("  ", 2);
            if (parts.Length == 2) result.Add((parts[1].Trim(), parts[0].Trim()));
        }
        return result;
    }
}
