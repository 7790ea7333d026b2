using System.Diagnostics;
using Cantus.Gan.Composing;
using Cantus.Service.Models;

namespace Cantus.Service.Composing;

/// <summary>
/// Dynamic batching of one loaded model's compose requests, as inference servers do: the first
/// request that finds the generator idle waits up to <see cref="ComposeBatching.Wait"/> for others
/// (or until the waiting ones reach <see cref="ComposeBatching.MaxWindows"/>), then one generator
/// forward pass runs for all of them (<see cref="Composer.GenerateBatch"/>); requests arriving
/// during a pass form the next batch, which goes as soon as the pass ends. A wait of 0 turns
/// batching off: one request per pass, in arrival order.
/// </summary>
/// <remarks>
/// <para>The loop is the model's single flight: each pass holds <see cref="LoadedModel.Gate"/>
/// (evaluations take it too). It runs on a thread of its own that ends 2 s after the last request,
/// so an idle model holds no thread and nothing to dispose.</para>
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
    private long _passEnded; // Stopwatch timestamp of the end of the last pass (under the lock)
    private long _passes, _batches;

    /// <summary>How long the loop's thread stays after the queue empties, for the next request.</summary>
    private static readonly TimeSpan IdleTime = TimeSpan.FromSeconds(2);

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

    /// <summary>Times the loop has waited for a batching window (under the lock; a test sees that it does not spin).</summary>
    internal long WindowWaits { get; private set; }

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
            var wasEmpty = _queue.Count == 0;
            _queue.Add(entry);
            _queuedWindows += pending.GeneratorWindows;
            if (!_running)
            {
                _running = true;
                new Thread(Loop) { IsBackground = true, Name = "compose batcher" }.UnsafeStart(); // no request's context flows into it
            }
            else if (wasEmpty || _queuedWindows >= _settings.MaxWindows) Monitor.Pulse(_lock); // wake an idle loop, or one waiting for the window
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

    /// <summary>
    /// The loop, on a thread of its own: the batching window is waited on the lock (Monitor.Wait
    /// wakes within about 0.1 ms of its time here; a timer, e.g. Task.Delay(2 ms), took 4.2 ms), the
    /// pass runs here and its kernels' other threads come from the pool; a thread-pool thread kept
    /// blocked in the window would starve the pool of a 2-core machine under load.
    /// </summary>
    private void Loop()
    {
        while (true)
        {
            Batch? batch;
            try
            {
                batch = NextBatch();
            }
#pragma warning disable CA1031 // nothing may stop the loop without clearing _running, or the model would never compose again
            catch (Exception ex)
            {
                FailQueued(ex);
                return;
            }
#pragma warning restore CA1031
            if (batch is null) return;
            RunBatch(batch);
        }
    }

    /// <summary>Waits for the batching window, then takes the next batch off the queue; null (and the loop ends) when nothing has come for <see cref="IdleTime"/>.</summary>
    private Batch? NextBatch()
    {
        lock (_lock)
        {
            while (true)
            {
                if (_queue.Count == 0)
                {
                    if (!Monitor.Wait(_lock, IdleTime) && _queue.Count == 0)
                    {
                        _running = false;
                        return null;
                    }
                    continue;
                }
                // The window opens when a request finds the loop idle; requests that came during a pass
                // go as soon as it ends (waiting then would leave the generator idle while they wait).
                if (_settings.Wait > TimeSpan.Zero && _queuedWindows < _settings.MaxWindows && _queue[0].Arrived > _passEnded)
                {
                    var remaining = _settings.Wait - Stopwatch.GetElapsedTime(_queue[0].Arrived);
                    if (remaining > TimeSpan.Zero)
                    {
                        // Whole milliseconds, rounded up: Monitor.Wait truncates a TimeSpan to them, and a
                        // remainder under 1 ms would come back at once, spinning until the window ends.
                        WindowWaits++;
                        Monitor.Wait(_lock, (int)Math.Ceiling(remaining.TotalMilliseconds)); // RunAsync pulses when the queue reaches MaxWindows
                        continue; // look again: the queue may have emptied (cancellations) or filled
                    }
                }
                return TakeBatch();
            }
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

    private void RunBatch(Batch batch)
    {
        _model.Gate.Wait();
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
                _passEnded = Stopwatch.GetTimestamp();
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
