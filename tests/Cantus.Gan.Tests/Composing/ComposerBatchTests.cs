using Cantus.Gan.Composing;
using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Gan.Tests.TestSupport;
using Cantus.Music.Midi;
using Cantus.Tensors;
using Cantus.Tensors.Autograd;

namespace Cantus.Gan.Tests.Composing;

/// <summary>
/// Dynamic batching (<see cref="Composer.Prepare"/>, <see cref="Composer.GenerateBatch"/>,
/// <see cref="Composer.Finish"/>): several requests' windows share the generator's forward passes,
/// and every request's result is bit-identical to composing it alone.
/// </summary>
public sealed class ComposerBatchTests
{
    private static readonly GanModel Tiny = GanModel.CreateUntrained(new ModelConfig { Architecture = new GanArchitecture { Filters = 2, LowestPitch = 36, Pitches = 64, LatentChannels = 3 } }, 4);

    private static readonly Lazy<GanModel> Shipped = new(() => ModelStore.Load(Path.Combine(Paths.RepoRoot, "models", "bach-chorales")));

    /// <summary>Requests unlike each other: lengths (1 to 41 windows), leading silence, seeds, candidates, clean-up options, programs, an explicit per-window latent.</summary>
    private static List<(MidiFile Input, ComposeOptions Options)> Requests(GanModel model)
    {
        var a = model.Config.Architecture;
        var latent = new SeededRandom(77).TruncatedNormal(new TensorShape(3, a.LatentChannels, a.LatentHeight, a.LatentWidth)); // differs per window
        return
        [
            (Melodies.Scale(4), new ComposeOptions { Seed = 1 }),
            (Melodies.Scale(1), new ComposeOptions { Seed = 2, Candidates = 3 }),
            (Melodies.Scale(9, 5), new ComposeOptions { Seed = 3, Raw = true, Threshold = 0.1f }),
            (Melodies.Scale(82), new ComposeOptions { Seed = 4, KeyPenalty = 0.5f, Threshold = -0.4f }), // 41 windows: more than a pass of 32
            (Melodies.Scale(5, 20), new ComposeOptions { Latent = latent, Programs = [40, 41, 42, 43] }),
            (Melodies.Scale(4), new ComposeOptions { Seed = 1, Candidates = 2, Threshold = -1f }), // the first request's melody and seed, other options
            (Melodies.Scale(3), new ComposeOptions { Seed = 5, Candidates = 4 }),
        ];
    }

    [Theory]
    [InlineData(1)]    // every window alone: the plainest reference
    [InlineData(3)]    // passes that cut requests and candidates anywhere
    [InlineData(32)]
    [InlineData(1000)] // the whole batch in one pass
    public void Batch_IsBitIdenticalToComposingEachAlone(int maxPassWindows)
    {
        var composer = new Composer(Tiny);
        var requests = Requests(Tiny);
        var alone = requests.Select(r => composer.Compose(r.Input, r.Options)).ToList();
        var batch = requests.Select(r => composer.Prepare(r.Input, r.Options)).ToList();
        var total = batch.Sum(p => p.GeneratorWindows);
        Assert.Equal(2 + 1 * 3 + 5 + 41 + 3 + 2 * 2 + 2 * 4, total); // windows × candidates; 2 bars a window
        var passes = composer.GenerateBatch(batch, maxPassWindows);
        Assert.Equal((int)((total + maxPassWindows - 1) / maxPassWindows), passes);
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.True(batch[i].IsGenerated);
            var together = composer.Finish(batch[i]);
            Assert.Equal(alone[i].Midi.ToBytes(), together.Midi.ToBytes());
            Assert.Equal(alone[i].Latent.ToArray(), together.Latent.ToArray());
            Assert.Equal(alone[i].Latent.Shape, together.Latent.Shape);
            Assert.Equal(alone[i].CriticScore, together.CriticScore);
            Assert.Equal(alone[i].Windows, together.Windows);
        }
    }

    [Fact]
    public void Batch_GeneratorOutput_EqualsEachChosenCandidateRunOnItsOwn()
    {
        // The plain reference: the generator run on one request's windows and chosen latent alone (Composer.Generate).
        var composer = new Composer(Tiny);
        var requests = Requests(Tiny);
        var batch = requests.Select(r => composer.Prepare(r.Input, r.Options)).ToList();
        composer.GenerateBatch(batch, 1000);
        var a = Tiny.Config.Architecture;
        for (var i = 0; i < batch.Count; i++)
        {
            var composition = composer.Finish(batch[i]);
            var own = composer.Generate(Tensor.FromArray(batch[i].Condition, batch[i].Windows, 1, a.Steps, a.Pitches), composition.Latent);
            Assert.Equal(Bits(own), Bits(batch[i].Best!));
            if (batch[i].Candidates > 1)
            {
                using var _ = GradMode.NoGrad();
                var score = Tiny.Critic!.Forward(own, Tensor.FromArray(batch[i].Condition, batch[i].Windows, 1, a.Steps, a.Pitches)).Mean().Item();
                Assert.Equal(score, composition.CriticScore);
            }
        }
    }

    [Fact]
    public void Batch_WithTheShippedModel_IsBitIdenticalToComposingEachAlone()
    {
        // The shipped model's sizes (16 filters, 512 latent channels) take the wide, threaded GEMM paths.
        var composer = new Composer(Shipped.Value);
        var melodies = Directory.GetFiles(Path.Combine(Paths.RepoRoot, "samples", "melodies"), "*.mid").Order(StringComparer.Ordinal).Select(f => MidiFile.Read(f)).ToList();
        Assert.True(melodies.Count >= 4);
        var requests = melodies.SelectMany((m, i) => new[]
        {
            (Input: m, Options: new ComposeOptions { Seed = (ulong)i }),
            (Input: m, Options: new ComposeOptions { Seed = (ulong)(i + 10), Candidates = 2 }),
            (Input: m, Options: new ComposeOptions { Seed = 3, Raw = true }),
        }).ToList();
        var alone = requests.Select(r => composer.Compose(r.Input, r.Options).Midi.ToBytes()).ToList();
        var batch = requests.Select(r => composer.Prepare(r.Input, r.Options)).ToList();
        Assert.Equal(1, composer.GenerateBatch(batch, 1000));
        for (var i = 0; i < requests.Count; i++) Assert.Equal(alone[i], composer.Finish(batch[i]).Midi.ToBytes());
        Assert.Contains(batch, p => p.Windows > 1);
        Assert.Contains(batch, p => p.Windows != batch[0].Windows);
    }

    [Fact]
    public void Batch_ReportsEachCompositionsOwnProgress()
    {
        var composer = new Composer(Tiny);
        var first = new List<WorkProgress>();
        var second = new List<WorkProgress>();
        var a = composer.Prepare(Melodies.Scale(6), new ComposeOptions { Candidates = 2 }, new Inline(first.Add));   // 3 windows × 2
        var b = composer.Prepare(Melodies.Scale(2), progress: new Inline(second.Add));                               // 1 window
        Assert.Equal(2, composer.GenerateBatch([a, b], 4));
        Assert.Equal([3L, 4L, 6L], first.Select(r => r.Done)); // a pass of 4: candidate 1 and a window of candidate 2; then the rest and b
        Assert.All(first, r => Assert.Equal(("generating", 6L), (r.Stage, r.Total)));
        Assert.Equal([new WorkProgress("generating", 1, 1)], second);
    }

    [Fact]
    public void Batch_Refuses_AnotherModelsComposition_TwiceTheSame_AndGeneratingAgain()
    {
        var composer = new Composer(Tiny);
        var other = new Composer(GanModel.CreateUntrained(Tiny.Config, 5));
        var mine = composer.Prepare(Melodies.Scale(2));
        Assert.Throws<ArgumentException>(() => composer.GenerateBatch([other.Prepare(Melodies.Scale(2))]));
        Assert.Throws<ArgumentException>(() => composer.GenerateBatch([mine, mine]));
        Assert.Throws<InvalidOperationException>(() => composer.Finish(mine));
        Assert.False(mine.IsGenerated);
        composer.GenerateBatch([mine]);
        Assert.Throws<ArgumentException>(() => composer.GenerateBatch([mine]));
        Assert.Throws<ArgumentException>(() => other.Finish(mine));
        Assert.Throws<ArgumentOutOfRangeException>(() => composer.GenerateBatch([composer.Prepare(Melodies.Scale(2))], 0));
    }

    [Fact]
    public void Batch_Canceled_StopsBeforeThePass()
    {
        var composer = new Composer(Tiny);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var pending = composer.Prepare(Melodies.Scale(2));
        Assert.ThrowsAny<OperationCanceledException>(() => composer.GenerateBatch([pending], cancellationToken: cts.Token));
        Assert.False(pending.IsGenerated);
    }

    [Fact]
    public void Prepare_RefusesBadRequestsBeforeAnyGeneration()
    {
        var composer = new Composer(Tiny);
        Assert.Throws<MelodyTooLongException>(() => composer.Prepare(Melodies.Scale(9), new ComposeOptions { MaxWindows = 4 }));
        Assert.Throws<ArgumentException>(() => composer.Prepare(Melodies.Scale(2), new ComposeOptions { MelodyTrack = "9" }));
        Assert.Throws<ArgumentException>(() => new Composer(new GanModel(Tiny.Config, Tiny.Generator, null)).Prepare(Melodies.Scale(2), new ComposeOptions { Candidates = 2 }));
        var pending = composer.Prepare(Melodies.Scale(6), new ComposeOptions { Candidates = 3 });
        Assert.Equal((3, 3, 9L), (pending.Windows, pending.Candidates, pending.GeneratorWindows));
    }

    private static int[] Bits(Tensor t) => t.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Inline(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
