using System.Security.Cryptography;
using Cantus.Service.Errors;
using Cantus.Service.Storage;

namespace Cantus.Service.Accounts;

/// <summary>
/// Where a web node's key-ring secret (the one <see cref="KeyRingCipher"/> derives its keys from)
/// comes from: the setting <c>Cantus:KeyRingSecret</c> when it is set (every node of a cluster
/// the same); else a node without accounts needs none (it keeps its keys in memory: nothing it
/// serves uses them); else, on SQLite (the embedded one-machine server), a secret generated once
/// into the data directory's <see cref="FileName"/>, readable by its owner only, so that sign-in
/// works out of the box and survives restarts; else (PostgreSQL, a cluster's node, where a secret
/// made per node would differ between machines) the node refuses to start, saying what to set.
/// </summary>
public static class KeyRingSecret
{
    /// <summary>The setting that holds the secret.</summary>
    public const string Setting = "Cantus:KeyRingSecret";

    /// <summary>The file in the data directory that holds the embedded server's generated secret.</summary>
    public const string FileName = "key-ring.secret";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OthersMask = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// The secret for a node on <paramref name="engine"/>, or null when it keeps its keys in memory
    /// (no setting, no <paramref name="accounts"/>).
    /// </summary>
    /// <exception cref="CantusException">InvalidOptions: the setting is too short; on PostgreSQL with accounts, it is missing; the generated file is readable by others or damaged.</exception>
    public static string? Resolve(string? configured, DatabaseEngine engine, bool accounts, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (configured.Trim().Length < KeyRingCipher.MinSecretLength)
                throw CantusException.Invalid($"{Setting} is at least {KeyRingCipher.MinSecretLength} characters (e.g. the output of 'openssl rand -base64 32'); the one given has {configured.Trim().Length}.");
            return configured.Trim();
        }
        if (!accounts) return null;
        if (engine == DatabaseEngine.Sqlite) return ReadOrCreate(Path.Combine(dataDirectory, FileName));
        throw CantusException.Invalid(
            $"A web node with accounts on PostgreSQL needs {Setting} (environment Cantus__KeyRingSecret): the same secret on every node, " +
            $"at least {KeyRingCipher.MinSecretLength} characters (e.g. from 'openssl rand -base64 32'); it encrypts the sign-in keys the nodes share in the database.");
    }

    /// <summary>The secret in <paramref name="path"/>, made first (32 random bytes, base64url, mode 0600) when the file does not exist.</summary>
    internal static string ReadOrCreate(string path)
    {
        if (!File.Exists(path)) Create(path);
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersMask) != 0)
            throw CantusException.Invalid($"{path} holds the key ring's secret but other users may read it: make it readable by its owner only (chmod 600 '{path}').");
        var secret = File.ReadAllText(path).Trim();
        // Made by another process this very moment: its one small write lands whole, so wait for it a little.
        for (var wait = 0; secret.Length == 0 && wait < 50; wait++)
        {
            Thread.Sleep(20);
            secret = File.ReadAllText(path).Trim();
        }
        if (secret.Length < KeyRingCipher.MinSecretLength)
            throw CantusException.Invalid($"{path} does not hold a key-ring secret of at least {KeyRingCipher.MinSecretLength} characters; delete it to have a new one made (everyone then signs in again).");
        return secret;
    }

    /// <summary>
    /// Creates the file exclusively (O_EXCL), mode 0600 from the start, and writes a new secret in
    /// one write; when another process created it first, leaves it to them. (A temporary file moved
    /// into place would not do: .NET's move without overwrite checks, then renames, so two makers
    /// could each believe they won.)
    /// </summary>
    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Base64Url(RandomNumberGenerator.GetBytes(32)) + "\n"));
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it at the same moment: use theirs.
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
