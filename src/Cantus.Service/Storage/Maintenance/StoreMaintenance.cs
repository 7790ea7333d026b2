using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Storage.Blobs;

namespace Cantus.Service.Storage.Maintenance;

/// <summary>
/// One pass of storage maintenance, the use case behind the scheduled pass of every node
/// (<see cref="MaintenanceRegistration"/>) and <c>cantus admin gc</c>: garbage collection of the
/// store's blobs that no row refers to (<see cref="IBlobStore.DeleteUnreferencedAsync"/>; in a
/// PostgreSQL cluster one node at a time, the others skip it), then a prune of this node's cache of
/// unpacked dataset archives (folders of archives no dataset row has any more, unused for as long,
/// and temporary folders left behind). Both keep whatever was stored or used within
/// <c>olderThan</c> (default: the store's blob grace period).
/// </summary>
public sealed class StoreMaintenance
{
    private readonly CantusStore store;
    private readonly DatasetCache cache;

    /// <summary>Maintenance of <paramref name="store"/> and of the dataset cache in the data directory of <paramref name="paths"/>.</summary>
    public StoreMaintenance(CantusStore store, ServicePaths paths)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(paths);
        this.store = store;
        cache = new DatasetCache(paths.DataDirectory);
    }

    /// <summary>Runs one pass; with <paramref name="dryRun"/> it deletes nothing and reports what it would delete.</summary>
    /// <exception cref="CantusException">InvalidOptions: <paramref name="olderThan"/> is negative.</exception>
    public async Task<MaintenanceReport> RunAsync(TimeSpan? olderThan = null, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var age = olderThan ?? store.Database.Options.BlobGracePeriod;
        if (age < TimeSpan.Zero) throw CantusException.Invalid($"The age of what maintenance deletes cannot be negative ({age}).", "olderThan");
        BlobSweep? blobs;
        if (dryRun)
        {
            blobs = await store.Blobs.CountUnreferencedAsync(age, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await using var turn = await MaintenanceLock.TryTakeAsync(store.Database, cancellationToken).ConfigureAwait(false);
            blobs = turn is null ? null : await store.Blobs.DeleteUnreferencedAsync(age, cancellationToken).ConfigureAwait(false);
        }
        // The cache is this node's own: pruned whoever collects the blobs. The archives in use are
        // read first; a dataset created since has a folder fresher than the cutoff, if any. Folder
        // ages are the file system's, on its clock (the one that stamps their uses).
        var keep = await store.Datasets.ListArchivesAsync(cancellationToken).ConfigureAwait(false);
        var swept = cache.Prune(keep, DateTime.UtcNow, age, dryRun);
        return new MaintenanceReport(age, dryRun, blobs, swept);
    }
}
