using Cantus.Service.Storage;

namespace Cantus.Service.Tests.Storage;

/// <summary>
/// One migrated store per test class (a class fixture), on a database of its own that is
/// removed at the end; plus empty databases on request, for the migration tests.
/// </summary>
public abstract class StoreFixture : IAsyncLifetime
{
    private CantusStore? store;

    public abstract DatabaseEngine Engine { get; }

    public TestClock Clock { get; } = new();

    public CantusStore Store => store ?? throw new InvalidOperationException("The store is not available (see the skip reason).");

    /// <summary>Store settings for tests: the test clock, and a small blob limit that tests can exceed cheaply.</summary>
    public StoreOptions Options => new() { Time = Clock, MaxBlobBytes = 4 * 1024 * 1024, SpoolMemoryBytes = 64 * 1024 };

    /// <summary>A connection setting for a new, empty database (dropped with the fixture), or null when the engine is unavailable.</summary>
    public abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        var connection = await CreateDatabaseAsync();
        if (connection is not null) store = await CantusStore.OpenAsync(connection, Options);
    }

    public async Task DisposeAsync()
    {
        if (store is not null) await store.DisposeAsync();
        await RemoveDatabasesAsync();
    }

    protected abstract Task RemoveDatabasesAsync();
}
