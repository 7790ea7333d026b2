using Cantus.Service.Datasets;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Maintenance;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Storage;

/// <summary>In a PostgreSQL cluster one node at a time collects blobs; every node prunes its own cache.</summary>
public sealed class MaintenanceLockTests(PostgreSqlStoreFixture fixture) : IClassFixture<PostgreSqlStoreFixture>, IDisposable
{
    private readonly TestClock clock = new();
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>Two nodes on one new database: each store has its own connections, as two processes would.</summary>
    private async Task<(CantusStore A, CantusStore B)> TwoNodesAsync()
    {
        var connection = (await fixture.CreateDatabaseAsync())!;
        var options = fixture.Options with { Time = clock };
        return (await CantusStore.OpenAsync(connection, options), await CantusStore.OpenAsync(connection, options));
    }

    private ServicePaths PathsOf(string node) => new() { DataDirectory = dir[node] };

    [PostgreSqlFact]
    public async Task WhileAnotherNodeHoldsTheTurn_APassLeavesTheBlobs_ButPrunesItsCache()
    {
        var (a, b) = await TwoNodesAsync();
        await using var nodeA = a;
        await using var nodeB = b;
        var loose = await nodeA.Blobs.PutTextAsync("loose " + StoreIds.New());
        clock.Advance(TimeSpan.FromHours(2));
        var stale = Directory.CreateDirectory(Path.Combine(dir["b"], "cache", "datasets", new string('b', 64))).FullName;
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromHours(3));

        await using (var turn = await MaintenanceLock.TryTakeAsync(nodeA.Database))
        {
            Assert.NotNull(turn);
            Assert.Null(await MaintenanceLock.TryTakeAsync(nodeB.Database));
            var skipped = await new StoreMaintenance(nodeB, PathsOf("b")).RunAsync();
            Assert.Null(skipped.Blobs);
            Assert.Equal(1, skipped.Cache.Folders);
            Assert.Contains("no blobs (another node is collecting them)", skipped.Describe(), StringComparison.Ordinal);
            Assert.True(await nodeB.Blobs.ExistsAsync(loose));
            Assert.False(Directory.Exists(stale));
        }

        var next = await new StoreMaintenance(nodeB, PathsOf("b")).RunAsync();
        Assert.Equal(1, next.Blobs?.Count);
        Assert.False(await nodeB.Blobs.ExistsAsync(loose));
    }

    [PostgreSqlFact]
    public async Task TwoPassesAtOnce_NeverBothCollect()
    {
        var (a, b) = await TwoNodesAsync();
        await using var nodeA = a;
        await using var nodeB = b;
        for (var round = 0; round < 3; round++)
        {
            var loose = new List<string>();
            for (var i = 0; i < 150; i++) loose.Add(await nodeA.Blobs.PutTextAsync($"loose {round} {i} " + StoreIds.New()));
            clock.Advance(TimeSpan.FromHours(2));

            using var start = new Barrier(2);
            var passes = new[] { (Node: nodeA, Name: "a"), (Node: nodeB, Name: "b") }.Select(n => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await new StoreMaintenance(n.Node, PathsOf(n.Name)).RunAsync();
            })).ToArray();
            var reports = await Task.WhenAll(passes);

            // One collected them all; the other either found the turn taken or, coming after, nothing left.
            Assert.Single(reports, r => r.Blobs is { Count: > 0 });
            Assert.Equal(150, reports.Sum(r => r.Blobs?.Count ?? 0));
            foreach (var sha256 in loose) Assert.False(await nodeA.Blobs.ExistsAsync(sha256));
        }
        await using var free = await MaintenanceLock.TryTakeAsync(nodeA.Database);
        Assert.NotNull(free); // released by both
    }
}
