using Cantus.Gan.Networks;
using Cantus.Tensors;
using Cantus.Tensors.Autograd;
using Cantus.Tensors.Optim;

namespace Cantus.Gan.Training;

/// <summary>
/// One WGAN-GP training iteration exactly as the DeepComposer lab (Gulrajani et al. 2017):
/// <see cref="TrainingOptions.CriticSteps"/> critic updates, each on a fresh real batch with
/// fakes from the generator in evaluation mode without gradients (Keras <c>training=False</c>),
/// minimising mean D(fake) − mean D(real) + λ·mean((‖∇D(x̂)‖₂ − 1)²), ‖·‖ over all non-batch axes
/// with 1e-8 inside the root, x̂ = ε·real + (1−ε)·fake, ε ~ U(0, 1) per sample; then one generator
/// update minimising −mean D(G(c, z)) with the generator in training mode; z ~ truncated normal.
/// All randomness of iteration i comes from a generator seeded by (seed, i), so an iteration
/// depends only on the weights, the optimiser state and i: resuming from a checkpoint replays
/// the same numbers as an uninterrupted run. Each step runs in a <see cref="TensorScope"/>, so
/// its activations and gradients come from (and go back to) a pool: no allocation in steady state.
/// </summary>
internal sealed class WganGp
{
    private readonly Generator _g;
    private readonly Critic _d;
    private readonly Adam _optG;
    private readonly Adam _optD;
    private readonly TrainingOptions _o;
    private readonly WindowSet _data;
    private readonly float[] _real;
    private readonly float[] _condition;
    private readonly int[] _indices;
    private readonly int[] _shifts;

    public WganGp(Generator generator, Critic critic, Adam generatorOptimizer, Adam criticOptimizer, TrainingOptions options, WindowSet data)
    {
        _g = generator;
        _d = critic;
        _optG = generatorOptimizer;
        _optD = criticOptimizer;
        _o = options;
        _data = data;
        _real = new float[options.BatchSize * data.SampleSize];
        _condition = new float[options.BatchSize * data.Steps * data.Pitches];
        _indices = new int[options.BatchSize];
        _shifts = new int[options.BatchSize];
    }

    /// <summary>Runs iteration <paramref name="iteration"/> (0-based) and returns its losses.</summary>
    public IterationLosses Run(long iteration)
    {
        var random = IterationRandom(_o.Seed, iteration);
        double criticLoss = 0, gp = 0, wasserstein = 0;
        for (var k = 0; k < _o.CriticSteps; k++)
        {
            double loss, penalty, distance;
            using (TensorScope.Begin()) (loss, penalty, distance) = CriticStep(random);
            criticLoss += loss;
            gp += penalty;
            wasserstein += distance;
        }
        double generatorLoss;
        using (TensorScope.Begin()) generatorLoss = GeneratorStep(random);
        var n = _o.CriticSteps;
        return new IterationLosses(criticLoss / n, generatorLoss, gp / n, wasserstein / n);
    }

    /// <summary>One critic step alone, with iteration <paramref name="iteration"/>'s random stream (an iteration is CriticSteps of these, then a generator step): for timing.</summary>
    public void RunCriticStep(long iteration)
    {
        using (TensorScope.Begin()) CriticStep(IterationRandom(_o.Seed, iteration));
    }

    /// <summary>One generator step alone, with iteration <paramref name="iteration"/>'s random stream: for timing.</summary>
    public void RunGeneratorStep(long iteration)
    {
        using (TensorScope.Begin()) GeneratorStep(IterationRandom(_o.Seed, iteration));
    }

    /// <summary>The random source of one iteration: SplitMix of the seed and the iteration number.</summary>
    internal static SeededRandom IterationRandom(ulong seed, long iteration) =>
        new(seed * 0x9E3779B97F4A7C15UL ^ (ulong)iteration * 0xD1B54A32D192ED03UL ^ 0x5851F42D4C957F2DUL);

    private (Tensor Real, Tensor Condition) NextBatch(SeededRandom random)
    {
        // A window uniformly, then one of its allowed transpositions uniformly (transposition augmentation).
        for (var b = 0; b < _indices.Length; b++)
        {
            _indices[b] = (int)(random.NextUInt64() % (ulong)_data.Samples);
            var (min, max) = _data.Shifts(_indices[b]);
            _shifts[b] = min + (int)(random.NextUInt64() % (ulong)(max - min + 1));
        }
        _data.Fill(_indices, _shifts, _o.ConditionTrack, _real, _condition);
        var a = _g.Architecture;
        return (Tensor.FromSpan(_real, _indices.Length, a.Tracks, a.Steps, a.Pitches), Tensor.FromSpan(_condition, _indices.Length, 1, a.Steps, a.Pitches));
    }

    private Tensor Latent(SeededRandom random)
    {
        var a = _g.Architecture;
        return random.TruncatedNormal(new TensorShape(_o.BatchSize, a.LatentChannels, a.LatentHeight, a.LatentWidth));
    }

    private (double Loss, double Penalty, double Distance) CriticStep(SeededRandom random)
    {
        var (real, c) = NextBatch(random);
        var z = Latent(random);
        Tensor fake;
        _g.Eval();
        using (GradMode.NoGrad()) fake = _g.Forward(c, z);
        _g.Train();
        var loss = _d.Forward(fake, c).Mean() - _d.Forward(real, c).Mean();
        var eps = random.Uniform(new TensorShape(_o.BatchSize, 1, 1, 1));
        var inter = (eps * real + (1f - eps) * fake).Detach();
        inter.RequiresGrad = true;
        var grad = Gradients.Grad(_d.Forward(inter, c).Sum(), inter, createGraph: true);
        var gp = ((grad.Flatten(1).Pow(2).Sum([1]) + 1e-8f).Sqrt() - 1f).Pow(2).Mean() * _o.GradientPenaltyWeight;
        _optD.ZeroGrad();
        (loss + gp).Backward();
        _optD.Step();
        var l = loss.Item();
        var p = gp.Item();
        return (l + p, p, -l);
    }

    private double GeneratorStep(SeededRandom random)
    {
        var (_, c) = NextBatch(random);
        var z = Latent(random);
        var loss = -_d.Forward(_g.Forward(c, z), c).Mean();
        _optG.ZeroGrad();
        loss.Backward();
        _optG.Step();
        _d.ZeroGrad(); // the critic's gradients from this step are not used
        return loss.Item();
    }
}
