using System.Diagnostics;
using Cantus.Gan.Composing;
using Cantus.Service.Models;

namespace Cantus.Service.Composing;

/// <summary>
/// Dynamic batching of one loaded model's compose requests, as inference servers do: the first
/// request waits up to <see cref="ComposeBatching.Wait"/> for others (or until the waiting ones
/// reach <see cref="ComposeBatching.MaxWindows"/>), then one generator forward pass runs for all of
/// them (<see cref="Composer.GenerateBatch"/>); requests arriving during a pass form the next batch.
/// A wait of 0 turns batching off: one request per pass, in arrival order.
/// </summary>
/// <remarks>
/// <para>The loop is the model's single flight: each pass holds <see cref="LoadedModel.Gate"/>
/// (evaluations take it too), and the loop runs only while requests wait, so an idle model holds
/// no thread and nothing to dispose.</para>
/// <para>Only the generator (and the critic, for candidates) runs in the loop. Reading the melody
/// and writing the result are each caller's own work, before and after, so a request's bad input
/// fails that request alone. A request canceled while it waits leaves the queue; one canceled
/// during a pass gets its cancellation at once while the others' pass goes on (the pass itself
/// stops between chunks only when every request in it is canceled). A pass that fails fails the
/// requests in it, and the loop goes on with the next.</para>
/// </remarks>
internal sealed class ComposeBatcher
{
    private readonly LoadedModel _model;
    private readonly ComposeBatching _settings;
    private readonly object _lock = new();
    private readonly List<Entry> _queue = [];
    private long _queuedWindows;
    private bool _running;
    private TaskCompletionSource? _full;
    private long _passes, _batches;

    /// <summary>Longest wait for the batching window that blocks the loop's thread rather than awaiting a timer.</summary>
    private static readonly TimeSpan SyncWaitLimit = TimeSpan.FromMilliseconds(50);

    /// <summary>Creates the batcher of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    public ComposeBatcher(LoadedModel model, ComposeBatching settings)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        settings.Validate();
        Composer = new Composer(model.Model);
    }

    /// <summary>The model's composer: callers <see cref="Composer.Prepare"/> before and <see cref="Composer.Finish"/> after <see cref="RunAsync"/>.</summary>
    public Composer Composer { get; }

    /// <summary>The settings.</summary>
    public ComposeBatching Settings => _settings;

    /// <summary>Generator forward passes run so far.</summary>
    public long ForwardPasses => Interlocked.Read(ref _passes);

    /// <summary>Batches run so far (a request larger than <see cref="ComposeBatching.MaxWindows"/> is one batch of several passes).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Requests waiting for a pass (not counting those in the running pass).</summary>
    internal int Queued
    {
        get
        {
            lock (_lock) return _queue.Count;
        }
    }

    /// <summary>Test hook: called in the loop with each batch before its pass (inside the model's gate).</summary>
    internal Action<IReadOnlyList<PendingComposition>>? BeforePass { get; set; }

    /// <summary>Runs the generator for <paramref name="pending"/>, together with whatever else waits for this model.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    /// <exception cref="Exception">The pass failed (every request in it gets the exception).</exception>
    public async Task RunAsync(PendingComposition pending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        cancellationToken.ThrowIfCancellationRequested();
        var entry = new Entry(pending, cancellationToken, Stopwatch.GetTimestamp());
        lock (_lock)
        {
            _queue.Add(entry);
            _queuedWindows += pending.GeneratorWindows;
            if (_queuedWindows >= _settings.MaxWindows)
            {
                Monitor.Pulse(_lock); // a loop waiting for the window goes now
                _full?.TrySetResult();
            }
            if (!_running)
            {
                _running = true;
                _ = Task.Run(LoopAsync, CancellationToken.None);
            }
        }
        using (cancellationToken.Register(() => Cancel(entry)))
            await entry.Done.Task.ConfigureAwait(false);
    }

    private void Cancel(Entry entry)
    {
        CancellationTokenSource? stop = null;
        lock (_lock)
        {
            if (_queue.Remove(entry)) _queuedWindows -= entry.Pending.GeneratorWindows;
            else if (entry.Batch is { } batch && batch.Entries.All(e => e.Token.IsCancellationRequested)) stop = batch.Stop;
        }
        entry.Done.TrySetCanceled(entry.Token);
        try
        {
            stop?.Cancel(); // nobody waits for this pass any more: stop it between chunks
        }
        catch (ObjectDisposedException)
        {
            // the pass has just ended
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            Batch? batch;
            try
            {
                batch = await NextBatchAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // nothing may stop the loop without clearing _running, or the model would never compose again
            catch (Exception ex)
            {
                FailQueued(ex);
                return;
            }
#pragma warning restore CA1031
            if (batch is null) return;
            await RunBatchAsync(batch).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the batching window, then takes the next batch off the queue; null (and the loop ends) when nothing waits.</summary>
    /// <remarks>
    /// Short waits block the loop's thread on the lock (Monitor.Wait wakes within about 0.1 ms of
    /// its time here, where a Task.Delay of 2 ms took 4.2 ms: the timer queue's granularity would
    /// double the default wait); waits above <see cref="SyncWaitLimit"/> are awaited.
    /// </remarks>
    private async Task<Batch?> NextBatchAsync()
    {
        while (true)
        {
            Task? full = null;
            var remaining = TimeSpan.Zero;
            lock (_lock)
            {
                while (true)
                {
                    if (_queue.Count == 0)
                    {
                        _running = false;
                        return null;
                    }
                    if (_settings.Wait > TimeSpan.Zero && _queuedWindows < _settings.MaxWindows)
                    {
                        remaining = _settings.Wait - Stopwatch.GetElapsedTime(_queue[0].Arrived);
                        if (remaining > SyncWaitLimit)
                        {
                            full = (_full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                            break;
                        }
                        if (remaining > TimeSpan.Zero)
                        {
                            Monitor.Wait(_lock, remaining); // RunAsync pulses when the queue reaches MaxWindows
                            continue; // look again: the queue may have emptied (cancellations) or filled
                        }
                    }
                    return TakeBatch();
                }
            }
            await Task.WhenAny(full, Task.Delay(remaining)).ConfigureAwait(false);
            lock (_lock) _full = null;
        }
    }

    /// <summary>Takes the next batch off the queue (under the lock): in arrival order, as many as fit in a pass (always the first; with no wait, only the first).</summary>
    private Batch TakeBatch()
    {
        var taken = new List<Entry>();
        long windows = 0;
        foreach (var entry in _queue)
        {
            if (taken.Count > 0 && (_settings.Wait == TimeSpan.Zero || windows + entry.Pending.GeneratorWindows > _settings.MaxWindows)) break;
            taken.Add(entry);
            windows += entry.Pending.GeneratorWindows;
        }
        _queue.RemoveRange(0, taken.Count);
        _queuedWindows -= windows;
        var batch = new Batch(taken);
        foreach (var entry in taken) entry.Batch = batch;
        return batch;
    }

    private async Task RunBatchAsync(Batch batch)
    {
        await _model.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // Requests canceled between being taken and now are left out.
            var live = batch.Entries.Where(e => !e.Token.IsCancellationRequested).ToList();
            if (live.Count == 0) return;
            var items = live.Select(e => e.Pending).ToList();
            BeforePass?.Invoke(items);
            var passes = Composer.GenerateBatch(items, _settings.MaxWindows, batch.Stop.Token);
            Interlocked.Add(ref _passes, passes);
            Interlocked.Increment(ref _batches);
            foreach (var entry in live) entry.Done.TrySetResult();
        }
        catch (OperationCanceledException) when (batch.Stop.IsCancellationRequested)
        {
            // every request of the batch was canceled; each got its cancellation already
        }
#pragma warning disable CA1031 // a failed pass fails its requests, not the loop
        catch (Exception ex)
        {
            foreach (var entry in batch.Entries) entry.Done.TrySetException(ex);
        }
#pragma warning restore CA1031
        finally
        {
            _model.Gate.Release();
            lock (_lock)
            {
                foreach (var entry in batch.Entries) entry.Batch = null;
                batch.Stop.Dispose();
            }
        }
    }

    private void FailQueued(Exception ex)
    {
        List<Entry> queued;
        lock (_lock)
        {
            queued = [.. _queue];
            _queue.Clear();
            _queuedWindows = 0;
            _running = false;
        }
        foreach (var entry in queued) entry.Done.TrySetException(ex);
    }

    /// <summary>One waiting request.</summary>
    private sealed class Entry(PendingComposition pending, CancellationToken token, long arrived)
    {
        public PendingComposition Pending { get; } = pending;

        public CancellationToken Token { get; } = token;

        public long Arrived { get; } = arrived;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The batch it is in, once taken off the queue (under the lock).</summary>
        public Batch? Batch { get; set; }
    }

    /// <summary>Requests that share a pass, and the source that stops the pass when all of them are canceled.</summary>
    private sealed class Batch(List<Entry> entries)
    {
        public List<Entry> Entries { get; } = entries;

        public CancellationTokenSource Stop { get; } = new();
    }
}
