using System.Diagnostics;
using Cantus.Gan.Networks;
using Cantus.Tensors;
using Cantus.Tensors.Autograd;
using Cantus.Tensors.Optim;

namespace Cantus.Gan.Training;

/// <summary>
/// Times training on this machine without a dataset: the networks of an architecture (initialised
/// from the options' seed) and their Adam optimisers run real WGAN-GP iterations, exactly as a
/// <see cref="TrainingSession"/> runs them (the same <see cref="WganGp"/> step: critic steps with
/// gradient penalty, then a generator step), on random windows with 3 % of the cells on (as the
/// benchmarks use); and the generator samples as the run's evaluations and checkpoints do. Used to
/// estimate how long a training job will take.
/// </summary>
public sealed class IterationProbe
{
    private const int EvaluationChunk = 16; // TrainingMonitor generates its samples 16 at a time
    private readonly GanArchitecture _architecture;
    private readonly Generator _generator;
    private readonly WganGp _steps;
    private readonly SeededRandom _random;
    private long _iteration;

    /// <summary>Builds the networks of <paramref name="architecture"/> and a trainer with <paramref name="options"/> (batch size, critic steps, learning rates, seed).</summary>
    /// <exception cref="ArgumentException">The options or the architecture are out of range.</exception>
    public IterationProbe(GanArchitecture architecture, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(options);
        architecture.Validate();
        options.Validate();
        _architecture = architecture;
        _random = new SeededRandom(options.Seed);
        _generator = new Generator(architecture, _random);
        var critic = new Critic(architecture, _random);
        var optG = new Adam(_generator.NamedParameters(), options.GeneratorLearningRate, options.Beta1, options.Beta2);
        var optD = new Adam(critic.NamedParameters(), options.CriticLearningRate, options.Beta1, options.Beta2);
        var samples = Math.Max(options.BatchSize, 8);
        var cells = new byte[(long)samples * architecture.Tracks * architecture.Steps * architecture.Pitches];
        for (var i = 0; i < cells.Length; i++) cells[i] = _random.NextDouble() < 0.03 ? (byte)1 : (byte)0;
        var data = new WindowSet(cells, samples, architecture.Tracks, architecture.Steps, architecture.Pitches);
        _steps = new WganGp(_generator, critic, optG, optD, options with { ConditionTrack = Math.Min(options.ConditionTrack, architecture.Tracks - 1) }, data);
    }

    /// <summary>Runs one training iteration and returns how long it took.</summary>
    public TimeSpan RunIteration()
    {
        var start = Stopwatch.GetTimestamp();
        _generator.Train();
        _steps.Run(_iteration++);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>
    /// Runs one critic step and then one generator step alone and returns how long each took: an
    /// iteration is <see cref="TrainingOptions.CriticSteps"/> critic steps and one generator step,
    /// so this times any number of critic steps at a fraction of an iteration's cost.
    /// </summary>
    public (TimeSpan Critic, TimeSpan Generator) RunSteps()
    {
        _generator.Train();
        var start = Stopwatch.GetTimestamp();
        _steps.RunCriticStep(_iteration);
        var critic = Stopwatch.GetElapsedTime(start);
        start = Stopwatch.GetTimestamp();
        _steps.RunGeneratorStep(_iteration++);
        return (critic, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// Generates <paramref name="samples"/> samples as an evaluation or a checkpoint does (the
    /// generator in evaluation mode, without gradients, 16 at a time) and returns how long it took.
    /// </summary>
    public TimeSpan Generate(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var a = _architecture;
        var start = Stopwatch.GetTimestamp();
        _generator.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            for (var first = 0; first < samples; first += EvaluationChunk)
            {
                var n = Math.Min(EvaluationChunk, samples - first);
                var condition = _random.Uniform(new TensorShape(n, 1, a.Steps, a.Pitches));
                var z = _random.TruncatedNormal(new TensorShape(n, a.LatentChannels, a.LatentHeight, a.LatentWidth));
                _generator.Forward(condition, z).AsReadOnlySpan();
            }
        }
        finally
        {
            _generator.Train();
        }
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>
    /// Multiply-adds of one forward pass of the generator and the critic for one sample (their
    /// 4×4 convolutions, which are nearly all of the work; the upsampling convolutions at the
    /// phase-decomposed cost). Training work per sample is proportional to it for networks of the
    /// same shape, which lets a probe of a smaller architecture be scaled to a larger one.
    /// </summary>
    public static double MultiplyAddsPerSample(GanArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var a = architecture;
        double area = (double)a.Steps * a.Pitches, f = a.Filters, c = a.CriticWidth, cc = a.ConditionChannels, zc = a.LatentChannels, t = a.Tracks;
        const double kernel = 16, phases = 2.56; // SameConv.ForwardUpsampled: 2.56× fewer multiply-adds
        var generator = kernel * (cc * f * area / 4 + 2 * f * f * area / 16 + 8 * f * f * area / 64 + 32 * f * f * area / 256)
            + kernel / phases * ((8 * f + zc) * 4 * f * area / 64 + 16 * f * f * area / 16 + 4 * f * f * area / 4 + 2 * f * t * area);
        var critic = kernel * ((t + cc) * c * area / 4 + 2 * c * c * area / 16 + 8 * c * c * area / 64 + 32 * c * c * area / 256) + 8 * c * area / 256;
        return generator + critic;
    }
}
