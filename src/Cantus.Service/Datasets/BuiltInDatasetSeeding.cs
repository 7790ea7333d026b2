using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cantus.Service.Datasets;

/// <summary>
/// At a node's start, stores in the store the built-in datasets its data directory holds and the
/// store lacks (<see cref="DatasetLibrary.SeedFromDataDirectoryAsync"/>): a cluster prepared
/// without network needs the files on one node only. Files that are not the published ones are
/// refused with a warning, and the node starts anyway; so does a node whose store cannot be
/// reached (the datasets are stored when first used).
/// </summary>
public sealed partial class BuiltInDatasetSeeding(DatasetLibrary datasets, ILogger<BuiltInDatasetSeeding> logger) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DatasetSeedResult> results;
        try
        {
            results = await datasets.SeedFromDataDirectoryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // seeding is a convenience of the start: the node runs without it
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            return;
        }
#pragma warning restore CA1031
        foreach (var result in results)
        {
            if (result.Outcome == DatasetSeedOutcome.Stored) LogStored(logger, result.Name, result.Detail);
            else if (result.Outcome == DatasetSeedOutcome.Refused) LogRefused(logger, result.Name, result.Detail);
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Built-in dataset {Name} seeded from the data directory: {Detail}")]
    private static partial void LogStored(ILogger logger, string name, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Built-in dataset {Name} not seeded from the data directory: {Detail}")]
    private static partial void LogRefused(ILogger logger, string name, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The built-in datasets of the data directory could not be seeded into the store; they are stored when first used.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
