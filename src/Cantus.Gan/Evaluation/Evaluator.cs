using System.Diagnostics;
using Cantus.Gan.Composing;
using Cantus.Gan.Models;
using Cantus.Gan.Training;
using Cantus.Music.Datasets;
using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Evaluation;

/// <summary>
/// Evaluates a model: every window of the split's melodies is accompanied (one
/// latent per window); the metric suite is computed per track for the generated voices, Bach's
/// voices of the same windows, and a naive baseline (the melody copied a fourth, an octave and
/// two octaves down, the three-voice texture a beginner would write); the similarity index of
/// the voices (tracks 1..) of each set against Bach's; and Bach's train split against the same
/// windows, the best a model can hope for.
/// </summary>
public static class Evaluator
{
    private static readonly int[] BaselineIntervals = [-5, -12, -24];

    /// <summary>Runs the evaluation on the dataset that <paramref name="datasets"/> resolves (default: <see cref="DatasetSource"/> over the data directory).</summary>
    /// <exception cref="ArgumentException">An option is out of range (<see cref="EvaluationOptions.Validate"/>).</exception>
    /// <exception cref="InvalidDataException">The split gives no windows.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static EvaluationReport Evaluate(GanModel model, EvaluationOptions options, string modelName, IDatasetResolver? datasets = null,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var a = model.Config.Architecture;
        var condition = model.Config.ConditionTrack;
        progress?.Report(new WorkProgress("reading the dataset", 0, 0));
        var dataset = (datasets ?? new DatasetSource()).Open(options.Dataset);
        var bach = SplitWindows(model, options, dataset);
        var windowing = new WindowOptions { Steps = a.Steps, Hop = options.Hop, MelodyTrack = condition };
        var train = Windows(dataset, DatasetSplit.Train, windowing, a.Tracks, condition, 2000);

        var composer = new Composer(model);
        var compose = new ComposeOptions { Raw = options.Raw, Threshold = options.Threshold, KeyPenalty = options.KeyPenalty };
        var generated = composer.AccompanyWindows(bach.Select(w => w.Tracks[0]).ToList(), compose, options.Seed, cancellationToken, progress);
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new WorkProgress("measuring", bach.Count, bach.Count));
        var baseline = bach.Select(Baseline).ToList();

        var metricOptions = MetricOptions.Default;
        var sets = new Dictionary<string, SetMetrics>(StringComparer.Ordinal)
        {
            ["generated"] = SetMetrics.Compute(generated, metricOptions),
            ["bach"] = SetMetrics.Compute(bach, metricOptions),
            ["baseline"] = SetMetrics.Compute(baseline, metricOptions),
        };
        var trainMetrics = SetMetrics.Compute(train, metricOptions);
        var metrics = MetricNames.All.ToDictionary(
            m => m,
            m => (IReadOnlyDictionary<string, IReadOnlyList<double?>>)sets.ToDictionary(s => s.Key, s => s.Value.Means(m), StringComparer.Ordinal),
            StringComparer.Ordinal);
        var names = new List<string> { model.Config.VoiceNames[condition] };
        names.AddRange(model.Config.VoiceNames.Where((_, k) => k != condition));
        var (threshold, keyPenalty) = composer.ResolveCleanup(compose);
        return new EvaluationReport(modelName, options.Dataset, options.Split.Name(), bach.Count, options.Raw, threshold, keyPenalty, names,
            VoiceSimilarity.Compute(sets["generated"], sets["bach"]),
            VoiceSimilarity.Compute(sets["baseline"], sets["bach"]),
            VoiceSimilarity.Compute(trainMetrics, sets["bach"]),
            metrics, SimilarityIndex.Compute(sets["generated"], sets["bach"]).Overlaps, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The melody and three copies of it a fourth, an octave and two octaves down (pitches below 0 dropped).</summary>
    internal static Multitrack Baseline(Multitrack window)
    {
        var melody = window.Tracks[0];
        var result = new Multitrack(window.Steps, window.StepsPerBeat, window.TempoBpm, window.TimeSignature);
        result.Add(melody.Slice(0, melody.Steps));
        foreach (var interval in BaselineIntervals)
        {
            var copy = result.AddTrack($"{interval:+#;-#}");
            var dst = copy.MutableCells;
            for (var t = 0; t < melody.Steps; t++)
                for (var p = 0; p < PianoRollTrack.PitchCount; p++)
                    if (melody.IsActive(t, p) && p + interval >= 0) dst[t * PianoRollTrack.PitchCount + p + interval] = melody[t, p];
        }
        return result;
    }

    /// <summary>The split's windows (melody first) that <see cref="Evaluate"/> accompanies.</summary>
    /// <exception cref="InvalidDataException">The split gives no windows.</exception>
    internal static List<Multitrack> SplitWindows(GanModel model, EvaluationOptions options, Dataset dataset)
    {
        options.Validate();
        var a = model.Config.Architecture;
        var condition = model.Config.ConditionTrack;
        var windowing = new WindowOptions { Steps = a.Steps, Hop = options.Hop, MelodyTrack = condition };
        var bach = Windows(dataset, options.Split, windowing, a.Tracks, condition, options.MaxWindows);
        if (bach.Count == 0) throw new InvalidDataException($"The {options.Split.Name()} split of {options.Dataset} gives no {a.Steps}-step windows with {a.Tracks} tracks.");
        return bach;
    }

    private static List<Multitrack> Windows(Dataset dataset, DatasetSplit split, WindowOptions windowing, int tracks, int condition, int? max)
    {
        var pieces = TrainingData.WithTracks(dataset.Rolls(split), tracks);
        var windower = new Windower(windowing);
        var plan = windower.Plan(pieces);
        var chosen = TrainingData.SpreadIndices(plan.Count, max ?? int.MaxValue);
        return chosen.Select(i => ConditionFirst(windower.Extract(pieces[plan[i].Piece], plan[i]), condition)).ToList();
    }

    private static Multitrack ConditionFirst(Multitrack window, int condition)
    {
        if (condition == 0) return window;
        var result = new Multitrack(window.Steps, window.StepsPerBeat, window.TempoBpm, window.TimeSignature);
        result.Add(window.Tracks[condition].Slice(0, window.Steps));
        for (var k = 0; k < window.Tracks.Count; k++)
            if (k != condition) result.Add(window.Tracks[k].Slice(0, window.Steps));
        return result;
    }
}
