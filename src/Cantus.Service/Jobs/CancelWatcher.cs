using Cantus.Service.Storage;

namespace Cantus.Service.Jobs;

/// <summary>
/// Watches a running job's row: when its owner asks to cancel it, or when another run takes it over,
/// it cancels <c>stop</c> so that training ends after the current iteration.
/// </summary>
internal sealed class CancelWatcher
{
    private readonly CantusStore _store;
    private readonly string _jobId;
    private readonly string _fence;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _done = new();

    public CancelWatcher(CantusStore store, string jobId, string fence, TimeSpan interval, CancellationTokenSource stop)
    {
        _store = store;
        _jobId = jobId;
        _fence = fence;
        _interval = interval;
        _stop = stop;
    }

    public async Task RunAsync()
    {
        try
        {
            while (!_done.IsCancellationRequested && !_stop.IsCancellationRequested)
            {
                await Task.Delay(_interval, _done.Token).ConfigureAwait(false);
                if (await UserCanceledAsync().ConfigureAwait(false) || !await StillOwnedAsync().ConfigureAwait(false)) await _stop.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task StopAsync() => await _done.CancelAsync().ConfigureAwait(false);

    /// <summary>True when the owner asked to cancel the job (false when the run lost the job or the store does not answer).</summary>
    public async Task<bool> UserCanceledAsync()
    {
        try
        {
            return await _store.TrainingRuns.IsCancelRequestedAsync(_jobId, _fence).ConfigureAwait(false);
        }
        catch (FenceLostException)
        {
            return false;
        }
#pragma warning disable CA1031 // a store that does not answer right now is asked again at the next poll
        catch (Exception)
        {
            return false;
        }
#pragma warning restore CA1031
    }

    /// <summary>False once another run owns the job.</summary>
    public async Task<bool> StillOwnedAsync()
    {
        try
        {
            await _store.TrainingRuns.IsCancelRequestedAsync(_jobId, _fence).ConfigureAwait(false);
            return true;
        }
        catch (FenceLostException)
        {
            return false;
        }
#pragma warning disable CA1031 // unknown: keep going; the fenced writes refuse for sure
        catch (Exception)
        {
            return true;
        }
#pragma warning restore CA1031
    }
}
