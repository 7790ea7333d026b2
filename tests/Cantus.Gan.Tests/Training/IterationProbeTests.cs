using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Tensors;

namespace Cantus.Gan.Tests.Training;

public sealed class IterationProbeTests
{
    private static readonly GanArchitecture Tiny = new() { Filters = 2, LowestPitch = 48, Pitches = 32, LatentChannels = 4 };

    [Fact]
    public void Iterations_Steps_AndSampling_RunAndAreTimed()
    {
        var probe = new IterationProbe(Tiny, new TrainingOptions { BatchSize = 3, CriticSteps = 2 });
        Assert.True(probe.RunIteration() > TimeSpan.Zero);
        var (critic, generator) = probe.RunSteps();
        Assert.True(critic > TimeSpan.Zero && generator > TimeSpan.Zero);
        Assert.True(probe.Generate(20) > TimeSpan.Zero); // two chunks, as a run's evaluation of 20 melodies
        TensorScope.TrimPool();
        Assert.True(probe.RunIteration() > TimeSpan.Zero); // pooled arrays are simply allocated again
    }

    [Fact]
    public void OutOfRangeOptions_AreRefusedNamingTheField()
    {
        var refused = Assert.Throws<ArgumentException>(() => new IterationProbe(Tiny, new TrainingOptions { BatchSize = 0 }));
        Assert.Equal("batchSize", refused.ParamName);
        Assert.Equal("pitches", Assert.Throws<ArgumentException>(() => new IterationProbe(Tiny with { Pitches = 30 }, new TrainingOptions())).ParamName);
    }

    [Fact]
    public void MultiplyAdds_AreProportionalToTheRollsArea_AndGrowWithTheSquareOfTheWidth()
    {
        double Work(GanArchitecture a) => IterationProbe.MultiplyAddsPerSample(a);
        var lab = GanArchitecture.Lab;
        Assert.Equal(2 * Work(lab), Work(lab with { Steps = 64 }), 6);
        Assert.Equal(Work(lab with { Pitches = 64 }) * 2, Work(lab), 6);
        var ratio = Work(lab with { Filters = 128, LatentChannels = 1024 }) / Work(lab);
        Assert.InRange(ratio, 3.8, 4.0); // all but the first and last layers are width × width
        Assert.True(Work(lab with { CriticFilters = 128 }) > Work(lab));
        // The lab's networks: about 0.5 G multiply-adds per sample and forward pass of both (PERFORMANCE.md: 1.8 TFLOP per iteration at batch 64).
        Assert.InRange(Work(lab), 4e8, 7e8);
    }
}
