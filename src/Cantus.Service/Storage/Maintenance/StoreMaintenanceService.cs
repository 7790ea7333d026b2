using Cantus.Service.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cantus.Service.Storage.Maintenance;

/// <summary>
/// Runs <see cref="StoreMaintenance"/> on a node: <see cref="MaintenanceSettings.FirstRunDelay"/>
/// after the start, then every <see cref="MaintenanceSettings.Interval"/>, logging one line per
/// pass. A database that does not answer skips the pass quietly (the next one tries again); any
/// other failure is logged, and the node goes on.
/// </summary>
internal sealed partial class StoreMaintenanceService(StoreMaintenance maintenance, MaintenanceSettings settings, ILogger<StoreMaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(settings.FirstRunDelay, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(settings.Interval);
            do
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass; its report, or null when it failed (logged) or the database did not answer.</summary>
    public async Task<MaintenanceReport?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await maintenance.RunAsync(settings.OlderThan, dryRun: false, cancellationToken).ConfigureAwait(false);
            LogPass(logger, report.Describe());
            return report;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ErrorClassifier.Classify(ex, out var message) == ErrorKind.Unavailable)
        {
            LogUnavailable(logger, message);
            return null;
        }
#pragma warning disable CA1031 // a background pass: its failure must not end the node
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            return null;
        }
#pragma warning restore CA1031
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage maintenance: {Summary}")]
    private static partial void LogPass(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Storage maintenance skipped, the database does not answer ({Reason}); the next pass tries again.")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage maintenance failed; the next pass tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
