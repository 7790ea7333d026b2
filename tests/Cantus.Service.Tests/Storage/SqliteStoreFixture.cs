using Cantus.Service.Storage;
using Microsoft.Data.Sqlite;

namespace Cantus.Service.Tests.Storage;

/// <summary>SQLite databases in a temporary directory of the test class's own, deleted at the end.</summary>
public sealed class SqliteStoreFixture : StoreFixture
{
    private int databases;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "cantus-store-tests-" + StoreIds.New());

    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public override Task<string?> CreateDatabaseAsync()
    {
        var folder = Path.Combine(Directory, "db" + Interlocked.Increment(ref databases));
        return Task.FromResult<string?>(Path.Combine(folder, CantusDatabase.DefaultFileName));
    }

    protected override Task RemoveDatabasesAsync()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
