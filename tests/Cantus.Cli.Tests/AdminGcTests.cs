using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Storage.Library;

namespace Cantus.Cli.Tests;

/// <summary><c>cantus admin gc</c>: an operator cleans up the store and the dataset cache now, or sees what would go.</summary>
public sealed class AdminGcTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-gc-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string BlobFile(string data, string sha256) => Path.Combine(data, "blobs", sha256[..2], sha256[2..4], sha256);

    [Fact]
    public async Task Gc_DeletesWhatNothingUses_AndADryRunOnlySaysWhatItWouldDelete()
    {
        var data = Path.Combine(_root, "data");
        var db = Path.Combine(data, "cantus.db");
        string loose, used;
        await using (var store = await CantusStore.OpenAsync(db))
        {
            loose = (await store.Blobs.PutAsync(new MemoryStream(new byte[1000]))).Sha256;
            used = (await store.Blobs.PutAsync(new MemoryStream(new byte[700]))).Sha256;
            await store.Melodies.CreateAsync(new MelodyRecord { OwnerId = UserRepository.LocalUserId, Name = "ode", Source = MelodySources.Upload, MidiSha256 = used });
        }
        var stale = Directory.CreateDirectory(Path.Combine(data, "cache", "datasets", new string('b', 64))).FullName;
        File.WriteAllBytes(Path.Combine(stale, "piece.mid"), new byte[2048]);
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-3));

        var dry = CliRunner.Run("admin", "gc", "--data", data, "--older-than", "0", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Stderr);
        Assert.EndsWith(": would delete 1 blob (1000 B) and 1 dataset cache folder (2.0 KiB) unused for over 0s", dry.Stdout.Trim(), StringComparison.Ordinal);
        Assert.True(File.Exists(BlobFile(data, loose)));
        Assert.True(Directory.Exists(stale));

        var run = CliRunner.Run("admin", "gc", "--db", db, "--data", data, "--older-than", "0");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.EndsWith(": deleted 1 blob (1000 B) and 1 dataset cache folder (2.0 KiB) unused for over 0s", run.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Contains(db, run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(BlobFile(data, loose)));
        Assert.True(File.Exists(BlobFile(data, used)));
        Assert.False(Directory.Exists(stale));

        var again = CliRunner.Run("admin", "gc", "--data", data);
        Assert.EndsWith(": deleted 0 blobs (0 B) and 0 dataset cache folders (0 B) unused for over 1h", again.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gc_BadArguments_AreOneLineErrors()
    {
        var data = Path.Combine(_root, "data");
        var badAge = CliRunner.Run("admin", "gc", "--data", data, "--older-than", "soon");
        Assert.Equal(1, badAge.ExitCode);
        Assert.Equal("cantus: error: --older-than: 'soon' is not a duration; give a number and a unit, such as 90s, 30m, 1h, 1h30m or 2d.", badAge.Stderr.Trim());

        var noDatabase = CliRunner.Run("admin", "gc", "--data", data);
        Assert.Equal(2, noDatabase.ExitCode);
        Assert.Single(noDatabase.Stderr.Trim().Split('\n'));
        Assert.StartsWith($"cantus: error: There is no database at {Path.Combine(data, "cantus.db")}", noDatabase.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data)); // cleaning up created nothing

        var unknown = CliRunner.Run("admin", "gc", "--older", "1h");
        Assert.Equal(1, unknown.ExitCode);
    }
}
