namespace Cantus.Cli.Tests;

/// <summary><c>cantus admin datasets seed</c>: an operator stores the built-in datasets of a folder in a database, without network.</summary>
public sealed class AdminDatasetsSeedTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-seed-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Seed_StoresTheBuiltInDatasetsOnce_AndRefusesFilesThatAreNotThePublishedOnes()
    {
        var db = Path.Combine(_root, "db", "cantus.db");
        var first = CliRunner.Run("admin", "datasets", "seed", "--db", db, "--from", CliRunner.Datasets);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("jsb-chorales: stored 382 pieces from ", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("lab-snippets: stored 229 pieces from ", first.Stdout, StringComparison.Ordinal);

        var again = CliRunner.Run("admin", "datasets", "seed", "--db", db, "--from", CliRunner.Datasets);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(["jsb-chorales is already in the store.", "lab-snippets is already in the store."], again.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var bad = Path.Combine(_root, "bad");
        Directory.CreateDirectory(Path.Combine(bad, "jsb-chorales"));
        File.WriteAllText(Path.Combine(bad, "jsb-chorales", "Jsb16thSeparated.json"), """{"train": [], "valid": [], "test": []}""");
        var other = Path.Combine(_root, "other", "cantus.db");
        var refused = CliRunner.Run("admin", "datasets", "seed", "--db", other, "--from", bad);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("is not the published JSB chorales file: its SHA-256 is ", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was stored", refused.Stderr, StringComparison.Ordinal);
        // Nothing of it was stored: a good copy is stored now, not found already there.
        Assert.Contains("jsb-chorales: stored 382 pieces", CliRunner.Run("admin", "datasets", "seed", "--db", other, "--from", CliRunner.Datasets).Stdout, StringComparison.Ordinal);

        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        var none = CliRunner.Run("admin", "datasets", "seed", "--db", Path.Combine(_root, "third", "cantus.db"), "--from", empty);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("holds none of the built-in datasets", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DownloadTakesADatabaseOrAFolder_NotBoth() =>
        Assert.Equal(1, CliRunner.Run("dataset", "download", "jsb-chorales", "--to", Path.Combine(_root, "x"), "--db", Path.Combine(_root, "y.db")).ExitCode);
}
