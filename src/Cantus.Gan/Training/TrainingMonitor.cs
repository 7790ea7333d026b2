using Cantus.Gan.Composing;
using Cantus.Gan.Evaluation;
using Cantus.Gan.Networks;
using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;
using Cantus.Tensors;
using Cantus.Tensors.Autograd;

namespace Cantus.Gan.Training;

/// <summary>
/// Watches training as the lab did: the generator, in evaluation mode and without gradients,
/// accompanies fixed melodies with fixed noise; the samples (melody + generated voices
/// thresholded at 0, no clean-up) get the metric suite and the similarity index against the
/// training windows. Evaluation never changes the networks, so it does not disturb a resumed run.
/// </summary>
internal sealed class TrainingMonitor
{
    private const int Chunk = 16;
    private readonly WindowSet _melodies;
    private readonly Tensor _latent;
    private readonly int _conditionTrack;
    private readonly IReadOnlyList<string> _names;
    private readonly SetMetrics _reference;
    private readonly MetricOptions _metricOptions;

    public TrainingMonitor(TrainingData data, GanArchitecture a, TrainingOptions options, IReadOnlyList<string> names)
    {
        _melodies = data.Evaluation;
        _conditionTrack = options.ConditionTrack;
        _names = names;
        _metricOptions = MetricOptions.Default; // 4/4 bars of 16 steps, as the windows
        // A fixed noise independent of the training stream: the same seed gives the same samples at every checkpoint.
        _latent = new SeededRandom(options.Seed ^ 0xE7A1_5A3D_0000_0001UL).TruncatedNormal(new TensorShape(_melodies.Samples, a.LatentChannels, a.LatentHeight, a.LatentWidth));
        _reference = SetMetrics.Compute(data.Reference.Select(ToConditionFirst), _metricOptions);
        ReferenceMeans = VoiceSimilarity.Means(_reference);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<double?>> ReferenceMeans { get; }

    /// <summary>The accompanied evaluation melodies at the current weights (generator left in training mode afterwards).</summary>
    public IReadOnlyList<Multitrack> Samples(Generator generator)
    {
        var a = generator.Architecture;
        var plane = a.Steps * a.Pitches;
        var result = new List<Multitrack>(_melodies.Samples);
        var wasTraining = generator.Training;
        generator.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            for (var first = 0; first < _melodies.Samples; first += Chunk)
            {
                var n = Math.Min(Chunk, _melodies.Samples - first);
                var indices = Enumerable.Range(first, n).ToArray();
                var real = new float[n * _melodies.SampleSize];
                var condition = new float[n * plane];
                _melodies.Fill(indices, _conditionTrack, real, condition);
                var z = _latent.Narrow(0, first, n);
                var output = generator.Forward(Tensor.FromArray(condition, n, 1, a.Steps, a.Pitches), z).AsReadOnlySpan();
                for (var i = 0; i < n; i++)
                {
                    var sample = new Multitrack(a.Steps, 4, 100);
                    var melody = sample.AddTrack(_names[_conditionTrack]);
                    RollCodec.Decode(condition.AsSpan(i * plane, plane), 0, 0, 0f, a, melody);
                    for (var k = 0; k < a.Tracks; k++)
                    {
                        if (k == _conditionTrack) continue;
                        var voice = sample.AddTrack(k < _names.Count ? _names[k] : $"voice {k}");
                        RollCodec.Decode(output.Slice((i * a.Tracks + k) * plane, plane), 0, 0, 0f, a, voice);
                    }
                    result.Add(sample);
                }
            }
        }
        finally
        {
            generator.Train(wasTraining);
        }
        return result;
    }

    public MetricsSnapshot Measure(long iteration, IReadOnlyList<Multitrack> samples)
    {
        var generated = SetMetrics.Compute(samples, _metricOptions);
        return new MetricsSnapshot(iteration, VoiceSimilarity.Compute(generated, _reference), VoiceSimilarity.Means(generated), ReferenceMeans);
    }

    /// <summary>The window with the condition track moved to the front (metrics take track 0 as the melody).</summary>
    private Multitrack ToConditionFirst(Multitrack window)
    {
        if (_conditionTrack == 0) return window;
        var result = new Multitrack(window.Steps, window.StepsPerBeat, window.TempoBpm, window.TimeSignature);
        result.Add(Copy(window.Tracks[_conditionTrack], window.Steps));
        for (var k = 0; k < window.Tracks.Count; k++)
            if (k != _conditionTrack) result.Add(Copy(window.Tracks[k], window.Steps));
        return result;
    }

    private static PianoRollTrack Copy(PianoRollTrack track, int steps) => track.Slice(0, steps);
}
