using System.Diagnostics;
using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Tensors;
using Cantus.Tensors.Autograd;
using Cantus.Tensors.Diagnostics;
using Cantus.Tensors.Optim;

namespace Cantus.Bench;

/// <summary>
/// Issue 3's engine benchmarks on the lab's exact networks (torch_reference.py): one training
/// iteration (5 critic steps with gradient penalty + 1 generator step) through Cantus's own
/// WGAN-GP trainer, and generator inference at batch 1; both on random 3 %-dense rolls as the
/// reference uses.
/// </summary>
public static class TrainBenchmark
{
    /// <summary>The lab iteration's FLOPs at batch 64, filters 64 (PERFORMANCE.md: about 1.8 TFLOP).</summary>
    public const double LabIterationFlops = 1.8e12;

    /// <summary>Timings of the training iteration.</summary>
    public sealed record TrainResult(int Threads, int Batch, int Filters, double IterationSecondsMedian, IReadOnlyList<double> IterationSecondsAll,
        double SamplesPerSecond, double? AchievedGflops, double FmaPeakGflops, double PeakWorkingSetGiB);

    /// <summary>Timings of batch-1 inference.</summary>
    public sealed record InferResult(int Threads, int Filters, double MsMedian, double MsMin, int Runs);

    /// <summary>Runs one warm-up iteration and <paramref name="iterations"/> timed ones.</summary>
    public static TrainResult Train(int iterations, int batch = 64, int filters = 64)
    {
        var architecture = GanArchitecture.Lab with { Filters = filters };
        var random = new SeededRandom(0);
        var generator = new Generator(architecture, random);
        var critic = new Critic(architecture, random);
        var optG = new Adam(generator.NamedParameters(), 1e-3f, 0.5f, 0.9f);
        var optD = new Adam(critic.NamedParameters(), 1e-3f, 0.5f, 0.9f);
        var samples = Math.Max(batch, 256);
        var cells = new byte[samples * architecture.Tracks * architecture.Steps * architecture.Pitches];
        for (var i = 0; i < cells.Length; i++) cells[i] = random.NextDouble() < 0.03 ? (byte)1 : (byte)0;
        var data = new WindowSet(cells, samples, architecture.Tracks, architecture.Steps, architecture.Pitches);
        var trainer = new WganGp(generator, critic, optG, optD, new TrainingOptions { BatchSize = batch }, data);

        trainer.Run(0); // warm-up: JIT, buffer pools, packed weights
        var seconds = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            trainer.Run(i + 1);
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        var median = seconds.Order().ElementAt((seconds.Length - 1) / 2);
        double? gflops = filters == 64 ? LabIterationFlops * batch / 64 / median / 1e9 : null;
        var threads = EngineSettings.ThreadCount;
        using var self = Process.GetCurrentProcess();
        return new TrainResult(threads, batch, filters, median, seconds, batch * 6 / median, gflops,
            TensorBench.FmaPeakGflops(threads), self.PeakWorkingSet64 / (double)(1L << 30));
    }

    /// <summary>Generator forward at batch 1 in evaluation mode without gradients, <paramref name="runs"/> times after warm-up.</summary>
    public static InferResult Infer(int runs = 50, int filters = 64)
    {
        var architecture = GanArchitecture.Lab with { Filters = filters };
        var random = new SeededRandom(1);
        var generator = new Generator(architecture, random);
        generator.Eval();
        var values = new float[architecture.Steps * architecture.Pitches];
        for (var i = 0; i < values.Length; i++) values[i] = random.NextDouble() < 0.03 ? 1f : -1f;
        var condition = Tensor.FromArray(values, 1, 1, architecture.Steps, architecture.Pitches);
        var z = random.TruncatedNormal(new TensorShape(1, architecture.LatentChannels, architecture.LatentHeight, architecture.LatentWidth));
        var ms = new double[runs];
        using (GradMode.NoGrad())
        {
            for (var i = 0; i < 5; i++) generator.Forward(condition, z);
            for (var i = 0; i < runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                generator.Forward(condition, z);
                ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
        return new InferResult(EngineSettings.ThreadCount, filters, ms.Order().ElementAt((runs - 1) / 2), ms.Min(), runs);
    }
}
