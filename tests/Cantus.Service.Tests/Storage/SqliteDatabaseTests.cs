using System.Text;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Blobs;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Cantus.Service.Tests.Storage;

/// <summary>What only the embedded setup has: its connection settings, its write lock, its blob files.</summary>
public sealed class SqliteDatabaseTests(SqliteStoreFixture fixture) : IClassFixture<SqliteStoreFixture>
{
    [Fact]
    public async Task EveryConnectionHasTheSettings()
    {
        var file = (await fixture.CreateDatabaseAsync())!;
        await using var database = CantusDatabase.Open(file, fixture.Options with { BusyTimeout = TimeSpan.FromSeconds(2) });
        for (var i = 0; i < 2; i++)
        {
            await using var connection = await database.OpenConnectionAsync();
            Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
            Assert.Equal(2, await connection.ExecuteScalarAsync<int>("PRAGMA synchronous"));
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
            Assert.Equal(2000, await connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout"));
            // Spoil the settings: the pool hands this connection out again, and it must come back set.
            await connection.ExecuteAsync("PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA busy_timeout=0");
        }
        Assert.True(File.Exists(file));
        Assert.Equal(DatabaseEngine.Sqlite, database.Engine);
        Assert.Equal(Path.GetFullPath(file), database.SqliteFile);
        Assert.Equal("SQLite " + Path.GetFullPath(file), database.Description);
    }

    [Fact]
    public async Task WriteTransactionsHoldTheWriteLockFromTheirStart()
    {
        var file = (await fixture.CreateDatabaseAsync())!;
        await using var holder = CantusDatabase.Open(file, fixture.Options);
        await using var waiter = CantusDatabase.Open(file, fixture.Options with { BusyTimeout = TimeSpan.FromMilliseconds(50) });
        await new Cantus.Service.Storage.Migrations.Migrator(holder).ApplyAsync();

        await using (var work = await holder.BeginAsync())
        {
            var busy = await Assert.ThrowsAsync<SqliteException>(() => waiter.BeginAsync());
            Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY: BEGIN IMMEDIATE, not a deferred BEGIN
            await using var reader = await waiter.OpenConnectionAsync();
            Assert.Equal(1, await reader.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users")); // WAL: readers go on
        }
        await using var after = await waiter.BeginAsync();
        await after.CommitAsync();
    }

    [Fact]
    public async Task BlobsAreFilesUnderTheDataDirectoryAndStrayFilesAreSweptAway()
    {
        var store = fixture.Store;
        var root = Path.Combine(Path.GetDirectoryName(store.Database.SqliteFile)!, "blobs");
        var blob = await store.Blobs.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("a file " + StoreIds.New())));
        var path = Path.Combine(root, blob.Sha256[..2], blob.Sha256[2..4], blob.Sha256);
        Assert.True(File.Exists(path));
        Assert.Equal(blob.Length, new FileInfo(path).Length);

        var stray = new string('9', 64);
        var strayPath = Path.Combine(root, "99", "99", stray);
        Directory.CreateDirectory(Path.GetDirectoryName(strayPath)!);
        await File.WriteAllTextAsync(strayPath, "left by a crash");
        var part = Path.Combine(root, "tmp", "abandoned.part");
        await File.WriteAllTextAsync(part, "half");
        File.SetLastWriteTimeUtc(part, DateTime.UtcNow.AddHours(-3)); // a part's age is the file system's: a put in progress has nothing else
        var writing = Path.Combine(root, "tmp", "writing.part");
        await File.WriteAllTextAsync(writing, "a put in progress");
        var foreign = Path.Combine(root, "README");
        await File.WriteAllTextAsync(foreign, "not a blob");
        Assert.False(await store.Blobs.ExistsAsync(stray));

        await store.Blobs.DeleteUnreferencedAsync(TimeSpan.FromHours(1));
        Assert.True(File.Exists(strayPath));
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await store.Blobs.DeleteUnreferencedAsync(TimeSpan.FromHours(1));
        Assert.False(File.Exists(strayPath));
        Assert.False(File.Exists(part));
        Assert.True(File.Exists(writing));
        await store.Blobs.DeleteUnreferencedAsync(TimeSpan.Zero);
        Assert.True(File.Exists(writing)); // whatever the age asked for
        File.Delete(writing);
        Assert.True(File.Exists(foreign));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task AMissingFileIsAMissingBlobUntilPutAgain()
    {
        var text = "vanishing " + StoreIds.New();
        var blob = await fixture.Store.Blobs.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        File.Delete(Path.Combine(Path.GetDirectoryName(fixture.Store.Database.SqliteFile)!, "blobs", blob.Sha256[..2], blob.Sha256[2..4], blob.Sha256));
        Assert.False(await fixture.Store.Blobs.ExistsAsync(blob.Sha256));
        Assert.Null(await fixture.Store.Blobs.OpenReadAsync(blob.Sha256));

        Assert.Equal(blob, await fixture.Store.Blobs.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes(text))));
        Assert.Equal(text, await fixture.Store.Blobs.ReadTextAsync(blob.Sha256));
    }

    [Fact]
    public void AConfiguredBlobDirectoryIsUsed()
    {
        var folder = Path.Combine(fixture.Directory, "elsewhere");
        using var store = new CantusStore(CantusDatabase.Open(Path.Combine(fixture.Directory, "x.db"), new StoreOptions { BlobDirectory = folder }));
        Assert.Equal(folder, Assert.IsType<FileBlobStore>(store.Blobs).Root);
    }
}
