using Cantus.Service.Composing;
using Cantus.Service.Melodies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cantus.Web.Hosting;

/// <summary>
/// Warms the server up once it has started, as inference servers do: loads the default model and
/// composes the first sample melody once (nothing is stored), so that the first musician's
/// Compose is as quick as the next ones (no model loading or first-call compilation on their time).
/// Off with <c>Cantus:WarmUp=false</c>.
/// </summary>
internal sealed class ComposeWarmUp(ComposeMelody compose, SampleMelodies samples, IHostApplicationLifetime lifetime, ILogger<ComposeWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start serving first; the warm-up only uses time nobody is waiting for.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }

        try
        {
            var first = samples.List().FirstOrDefault();
            if (first is null) return;
            var melody = await samples.MidiAsync(first.Name, stoppingToken).ConfigureAwait(false);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await compose.ExecuteAsync(new ComposeRequest { Melody = melody, MelodyName = first.Name, Lenient = true }, cancellationToken: stoppingToken).ConfigureAwait(false);
            log.LogInformation("Warmed up: the default model composed '{Melody}' in {Milliseconds} ms", first.Name, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A warm-up that fails changes nothing: the first real request loads what it needs and reports its own error.
            log.LogInformation("The warm-up compose did not run: {Reason}", e.Message);
        }
    }
}
