using Cantus.Gan;
using Cantus.Gan.Composing;
using Cantus.Service.Composing;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Composing;

/// <summary>
/// Dynamic batching of compose requests (<see cref="ComposeBatcher"/> under <see cref="ComposeMelody"/>):
/// requests that arrive together share one generator pass, with results bit-identical to composing
/// each alone; cancellation and failures of one request leave the others intact.
/// </summary>
public sealed class ComposeBatcherTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(5);
    private readonly TempFolder _dir = new();
    private readonly ModelLibrary _library;
    private readonly ComposeMelody _alone;

    public ComposeBatcherTests()
    {
        _library = Fixtures.Library(Fixtures.Paths(_dir));
        _alone = new ComposeMelody(_library); // batching off: the reference
    }

    public void Dispose() => _dir.Dispose();

    private static ComposeRequest Request(int bars, ulong seed = 0, int candidates = 1) =>
        new() { Melody = Fixtures.Melody(bars), Model = ModelRef.Named("sample"), Seed = seed, Candidates = candidates };

    private async Task<ComposeBatcher> BatcherAsync(ComposeMelody compose) =>
        compose.BatcherFor(await _library.LoadAsync(Service.Storage.Accounts.UserRepository.LocalUserId, ModelRef.Named("sample")));

    /// <summary>Starts the requests one after the other (each is queued when its task is returned: the model is loaded already), then waits for all.</summary>
    private static async Task<ComposeResult[]> AllAsync(ComposeMelody compose, IEnumerable<ComposeRequest> requests) =>
        await Task.WhenAll(requests.Select(r => compose.ExecuteAsync(r)).ToList());

    [Fact]
    public async Task Batched_IsBitIdenticalToComposingEachAlone()
    {
        ComposeRequest[] requests =
        [
            Request(2, 1),
            Request(4, 2, candidates: 3),
            Request(9, 3) with { Raw = true, Threshold = 0.1f },
            Request(5, 4) with { KeyPenalty = 0.5f, Threshold = -0.5f, Programs = [40, 41, 42, 43] },
            Request(2, 1, candidates: 2),
            Request(7, 5),
        ];
        var expected = new List<byte[]>();
        foreach (var r in requests) expected.Add((await _alone.ExecuteAsync(r)).Midi);
        // 1 + 2·3 + 5 + 3 + 1·2 + 4 windows: the batch goes as soon as they are all there.
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = Long, MaxWindows = 21 });
        var batcher = await BatcherAsync(compose);
        var results = await AllAsync(compose, requests);
        Assert.Equal(1, batcher.ForwardPasses);
        Assert.Equal(1, batcher.Batches);
        for (var i = 0; i < requests.Length; i++) Assert.Equal(expected[i], results[i].Midi);
        Assert.NotNull(results[1].Composition.CriticScore);
    }

    [Fact]
    public async Task RequestsArrivingWithinTheWait_ShareOneForwardPass()
    {
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = TimeSpan.FromSeconds(1) });
        var batcher = await BatcherAsync(compose);
        await _alone.ExecuteAsync(Request(2)); // the model is loaded and compiled before the clock matters
        var results = await AllAsync(compose, Enumerable.Range(0, 5).Select(i => Request(2 + i % 2, (ulong)i)));
        Assert.Equal(1, batcher.ForwardPasses);
        Assert.Equal(5, results.Length);
    }

    [Fact]
    public async Task AShortWait_IsWaitedInFull_AndAFullBatchGoesAtOnce()
    {
        // The window is waited on the loop thread's lock (precise to about 0.1 ms).
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = TimeSpan.FromMilliseconds(40), MaxWindows = 3 });
        var batcher = await BatcherAsync(compose);
        await _alone.ExecuteAsync(Request(2));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await compose.ExecuteAsync(Request(2));
        Assert.True(clock.ElapsedMilliseconds >= 39, $"{clock.ElapsedMilliseconds} ms"); // a lone request waits the whole window
        Assert.InRange(batcher.WindowWaits, 1, 3); // asleep, not spinning (a wait shorter than 1 ms must not come back at once)
        var results = await AllAsync(compose, [Request(2, 1), Request(2, 2), Request(2, 3)]); // 3 windows: no need to wait
        Assert.Equal(2, batcher.ForwardPasses);
        Assert.Equal((await _alone.ExecuteAsync(Request(2, 2))).Midi, results[1].Midi);
    }

    [Fact]
    public async Task RequestsArrivingDuringAPass_FormTheNextBatch_WhichGoesWhenThePassEnds()
    {
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = Long, MaxWindows = 4 });
        var batcher = await BatcherAsync(compose);
        using var inPass = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var sizes = new List<int>();
        batcher.BeforePass = items =>
        {
            sizes.Add(items.Count);
            inPass.Release();
            if (sizes.Count == 1) release.Wait(Long);
        };
        var first = compose.ExecuteAsync(Request(8, 1)); // 4 windows: a full pass, no wait
        Assert.True(await inPass.WaitAsync(Long));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var b = compose.ExecuteAsync(Request(2, 2));
        var c = compose.ExecuteAsync(Request(2, 3)); // 2 windows wait during the pass: not a full batch
        release.Release();
        await Task.WhenAll(first, b, c).WaitAsync(Long);
        Assert.True(clock.Elapsed < Long / 2, $"{clock.Elapsed}: the second batch waited for the window");
        Assert.Equal([1, 2], sizes);
        Assert.Equal((await _alone.ExecuteAsync(Request(2, 3))).Midi, (await c).Midi);
    }

    [Fact]
    public async Task WaitZero_IsNoBatching_OnePassPerRequest()
    {
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = TimeSpan.Zero });
        var batcher = await BatcherAsync(compose);
        var requests = Enumerable.Range(0, 5).Select(i => Request(2, (ulong)i)).ToList();
        var results = await AllAsync(compose, requests);
        Assert.Equal(5, batcher.ForwardPasses);
        Assert.Equal(5, batcher.Batches);
        for (var i = 0; i < requests.Count; i++) Assert.Equal((await _alone.ExecuteAsync(requests[i])).Midi, results[i].Midi);
        Assert.Equal(TimeSpan.Zero, new ComposeMelody(_library).Batching.Wait); // the default of the use case (the CLI's)
    }

    [Fact]
    public async Task MaxWindows_BoundsEveryPass_ALargerRequestRunsAloneInPassesOfThatSize()
    {
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = Long, MaxWindows = 4 });
        var batcher = await BatcherAsync(compose);
        var sizes = new List<long>();
        batcher.BeforePass = items => sizes.Add(items.Sum(p => p.GeneratorWindows));
        var results = await AllAsync(compose, Enumerable.Range(0, 6).Select(i => Request(4, (ulong)i))); // 2 windows each
        Assert.Equal([4L, 4L, 4L], sizes);
        Assert.Equal(3, batcher.ForwardPasses);

        sizes.Clear();
        var large = Request(10, 7); // 5 windows
        var result = await compose.ExecuteAsync(large);
        Assert.Equal([5L], sizes);
        Assert.Equal(5, batcher.ForwardPasses); // one batch, two passes (4 + 1 windows)
        Assert.Equal((await _alone.ExecuteAsync(large)).Midi, result.Midi);
        Assert.All(results, r => Assert.Equal(64, r.Composition.Roll.Steps));
    }

    [Fact]
    public async Task CanceledWhileWaiting_LeavesTheQueue_TheOthersShareThePass()
    {
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = TimeSpan.FromSeconds(3) });
        var batcher = await BatcherAsync(compose);
        using var cts = new CancellationTokenSource();
        var a = compose.ExecuteAsync(Request(2, 1));
        var b = compose.ExecuteAsync(Request(4, 2), cancellationToken: cts.Token);
        var c = compose.ExecuteAsync(Request(6, 3));
        Assert.Equal(3, batcher.Queued);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b);
        Assert.Equal(2, batcher.Queued);
        Assert.Equal((await _alone.ExecuteAsync(Request(2, 1))).Midi, (await a).Midi);
        Assert.Equal((await _alone.ExecuteAsync(Request(6, 3))).Midi, (await c).Midi);
        Assert.Equal(1, batcher.ForwardPasses);
    }

    [Fact]
    public async Task CanceledDuringThePass_ReturnsAtOnce_TheOthersComplete()
    {
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = Long, MaxWindows = 6 });
        var batcher = await BatcherAsync(compose);
        using var inPass = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        batcher.BeforePass = _ =>
        {
            inPass.Release();
            release.Wait(Long);
        };
        using var cts = new CancellationTokenSource();
        var a = compose.ExecuteAsync(Request(2, 1));
        var b = compose.ExecuteAsync(Request(4, 2), cancellationToken: cts.Token);
        var c = compose.ExecuteAsync(Request(6, 3)); // 1 + 2 + 3 = 6 windows: the batch goes
        Assert.True(await inPass.WaitAsync(Long));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b); // while the pass is still held
        Assert.False(a.IsCompleted);
        release.Release();
        Assert.Equal((await _alone.ExecuteAsync(Request(2, 1))).Midi, (await a).Midi);
        Assert.Equal((await _alone.ExecuteAsync(Request(6, 3))).Midi, (await c).Midi);
        Assert.Equal(1, batcher.ForwardPasses);
    }

    [Fact]
    public async Task EveryRequestOfAPassCanceled_ThePassStops_AndTheModelComposesAgain()
    {
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = TimeSpan.Zero, MaxWindows = 1 });
        var batcher = await BatcherAsync(compose);
        using var inPass = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        batcher.BeforePass = _ =>
        {
            inPass.Release();
            release.Wait(Long);
        };
        using var cts = new CancellationTokenSource();
        var alone = compose.ExecuteAsync(Request(8, 1), cancellationToken: cts.Token); // 4 windows: 4 passes of 1
        Assert.True(await inPass.WaitAsync(Long));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => alone);
        release.Release();
        batcher.BeforePass = null;
        var next = await compose.ExecuteAsync(Request(2, 1)).WaitAsync(Long);
        Assert.Equal((await _alone.ExecuteAsync(Request(2, 1))).Midi, next.Midi);
        Assert.Equal(1, batcher.ForwardPasses); // the canceled batch stopped before its first pass; the next one ran
    }

    [Fact]
    public async Task OneRequestsBadInput_FailsThatRequestOnly()
    {
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = Long, MaxWindows = 4 });
        var batcher = await BatcherAsync(compose);
        var a = compose.ExecuteAsync(Request(2, 1));
        var bad = compose.ExecuteAsync(Request(4, 2) with { MelodyTrack = "7" });
        var c = compose.ExecuteAsync(Request(6, 3)); // 1 + 3 windows: the batch goes without the bad one
        var ex = await Assert.ThrowsAsync<CantusException>(() => bad);
        Assert.Equal((ErrorKind.InvalidOptions, "melodyTrack"), (ex.Kind, ex.Field));
        Assert.Equal((await _alone.ExecuteAsync(Request(2, 1))).Midi, (await a).Midi);
        Assert.Equal((await _alone.ExecuteAsync(Request(6, 3))).Midi, (await c).Midi);
        Assert.Equal(1, batcher.ForwardPasses);
    }

    [Fact]
    public async Task OneRequestsFailingProgress_FailsThatRequestOnly()
    {
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = Long, MaxWindows = 6 });
        var batcher = await BatcherAsync(compose);
        var a = compose.ExecuteAsync(Request(2, 1));
        var b = compose.ExecuteAsync(Request(4, 2), SyncProgress.Of<WorkProgress>(p =>
        {
            if (p.Stage == "generating") throw new InvalidOperationException("the progress of b broke");
        }));
        var c = compose.ExecuteAsync(Request(6, 3));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => b);
        Assert.Equal("the progress of b broke", ex.Message);
        Assert.Equal((await _alone.ExecuteAsync(Request(2, 1))).Midi, (await a).Midi);
        Assert.Equal((await _alone.ExecuteAsync(Request(6, 3))).Midi, (await c).Midi);
        Assert.Equal(1, batcher.ForwardPasses);
    }

    [Fact]
    public async Task AFailedPass_FailsItsRequests_TheNextBatchRuns()
    {
        var compose = new ComposeMelody(_library, new ComposeBatching { Wait = Long, MaxWindows = 2 });
        var batcher = await BatcherAsync(compose);
        batcher.BeforePass = _ => throw new InvalidOperationException("the pass broke");
        var a = compose.ExecuteAsync(Request(2, 1));
        var b = compose.ExecuteAsync(Request(2, 2));
        Assert.Equal("the pass broke", (await Assert.ThrowsAsync<InvalidOperationException>(() => a)).Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => b);
        batcher.BeforePass = null;
        var next = await compose.ExecuteAsync(Request(4, 3)).WaitAsync(Long);
        Assert.Equal((await _alone.ExecuteAsync(Request(4, 3))).Midi, next.Midi);
        Assert.Equal(1, batcher.ForwardPasses);
    }

    [Fact]
    public void Settings_AreChecked()
    {
        Assert.Throws<ArgumentException>(() => new ComposeMelody(_library, new ComposeBatching { Wait = TimeSpan.FromMilliseconds(-1) }));
        Assert.Throws<ArgumentException>(() => new ComposeMelody(_library, new ComposeBatching { MaxWindows = 0 }));
        Assert.Equal("composeBatchWaitMs", Assert.Throws<ArgumentException>(() => ComposeBatching.FromWaitMs(double.NaN)).ParamName);
        Assert.Throws<ArgumentException>(() => ComposeBatching.FromWaitMs(10_001));
        Assert.Equal(TimeSpan.FromMilliseconds(2.5), ComposeBatching.FromWaitMs(2.5).Wait);
        Assert.Equal(ComposeBatching.Default.MaxWindows, ComposeBatching.FromWaitMs(0).MaxWindows);
        Assert.Equal((TimeSpan.FromMilliseconds(2), Composer.DefaultPassWindows), (ComposeBatching.Default.Wait, ComposeBatching.Default.MaxWindows));
    }
}
