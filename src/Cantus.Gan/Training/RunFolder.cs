using Cantus.Music.IO;
using System.Globalization;
using System.Text.Json;
using Cantus.Gan.Models;
using Cantus.Music.Images;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Training;

/// <summary>
/// The files of a training run: <c>run.json</c>, <c>losses.csv</c>, <c>metrics.jsonl</c>,
/// <c>checkpoints/</c>, <c>samples/iter-N.png|.mid</c> (the fixed preview samples side by side),
/// <c>charts/losses.png</c>, <c>charts/similarity.png</c>, <c>charts/metrics.png</c>,
/// <c>evolution.png</c> (animated PNG of the previews across checkpoints) and <c>model/</c>
/// (the latest weights as a model directory). Charts and the animation are redrawn at every checkpoint.
/// </summary>
public sealed class RunFolder : IRunStore
{
    /// <summary>Header line of losses.csv.</summary>
    public const string LossesHeader = "iteration,critic_loss,generator_loss,gradient_penalty,wasserstein,seconds";

    private const string CheckpointPrefix = "ckpt-";
    private const string CheckpointExtension = ".safetensors";
    private IReadOnlyList<string>? _voiceNames;

    /// <summary>The run in folder <paramref name="path"/> (created when the run starts).</summary>
    public RunFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public string Location => Path;

    /// <inheritdoc/>
    public bool HasContent => Directory.Exists(Path) && Directory.EnumerateFileSystemEntries(Path).Any();

    /// <inheritdoc/>
    public bool HasMetrics => File.Exists(MetricsJsonl);

    public string RunJson => Combine("run.json");

    public string LossesCsv => Combine("losses.csv");

    public string MetricsJsonl => Combine("metrics.jsonl");

    public string CheckpointsFolder => Combine("checkpoints");

    public string Samples => Combine("samples");

    public string Charts => Combine("charts");

    public string Model => Combine("model");

    public string Evolution => Combine("evolution.png");

    /// <inheritdoc/>
    public void WriteInfo(RunInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Directory.CreateDirectory(Path);
        AtomicFile.WriteAllText(RunJson, JsonSerializer.Serialize(info, GanJson.Options));
        _voiceNames = info.VoiceNames;
    }

    /// <inheritdoc/>
    public RunInfo? ReadInfo()
    {
        if (!File.Exists(RunJson)) return null;
        RunInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<RunInfo>(File.ReadAllText(RunJson), GanJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"{RunJson} is not valid: {ex.Message}", ex);
        }
        if (info is null || info.Format != RunInfo.FormatName || info.Options is null || info.Architecture is null)
            throw new ModelFormatException($"{RunJson} is not a Cantus training run record.");
        _voiceNames = info.VoiceNames;
        return info;
    }

    /// <summary>
    /// Drops log lines past <paramref name="iteration"/> (written after the checkpoint a run resumes
    /// from) and lines cut short by a kill in the middle of a write.
    /// </summary>
    public void TruncateAfter(long iteration)
    {
        if (File.Exists(LossesCsv))
        {
            var columns = LossesHeader.Split(',').Length;
            var keep = File.ReadAllLines(LossesCsv).Where((l, i) => i == 0 || (l.Split(',').Length == columns && IterationOf(l) <= iteration));
            AtomicFile.WriteAllText(LossesCsv, string.Join('\n', keep) + "\n");
        }
        if (File.Exists(MetricsJsonl))
        {
            var keep = File.ReadAllLines(MetricsJsonl).Where(l => MetricsIteration(l) is long it && it <= iteration).ToList();
            AtomicFile.WriteAllText(MetricsJsonl, keep.Count == 0 ? "" : string.Join('\n', keep) + "\n");
        }
    }

    private static long? MetricsIteration(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.TryGetProperty("iteration", out var it) && it.TryGetInt64(out var v) ? v : null;
        }
        catch (JsonException)
        {
            return null; // a line cut short by a kill
        }
    }

    /// <inheritdoc/>
    public void AppendLosses(long iteration, IterationLosses l, double seconds)
    {
        if (!File.Exists(LossesCsv)) AtomicFile.WriteAllText(LossesCsv, LossesHeader + "\n");
        File.AppendAllText(LossesCsv, string.Create(CultureInfo.InvariantCulture,
            $"{iteration},{l.Critic:R},{l.Generator:R},{l.GradientPenalty:R},{l.Wasserstein:R},{seconds:F4}\n"));
    }

    /// <inheritdoc/>
    public void AppendMetrics(MetricsSnapshot snapshot) =>
        File.AppendAllText(MetricsJsonl, JsonSerializer.Serialize(snapshot, GanJson.Compact) + "\n");

    /// <inheritdoc/>
    public string SaveCheckpoint(long iteration, Action<Stream> write, int keep)
    {
        Directory.CreateDirectory(CheckpointsFolder);
        var path = CheckpointPath(iteration);
        AtomicFile.Write(path, write);
        foreach (var old in Checkpoints().Skip(Math.Max(1, keep))) File.Delete(old.Location);
        return path;
    }

    /// <summary>Checkpoint files, newest first (temporary files of interrupted writes are ignored).</summary>
    public IReadOnlyList<RunCheckpoint> Checkpoints()
    {
        if (!Directory.Exists(CheckpointsFolder)) return [];
        var result = new List<RunCheckpoint>();
        foreach (var path in Directory.EnumerateFiles(CheckpointsFolder, CheckpointPrefix + "*" + CheckpointExtension))
        {
            var name = System.IO.Path.GetFileName(path);
            var digits = name[CheckpointPrefix.Length..^CheckpointExtension.Length];
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var it))
                result.Add(new RunCheckpoint(it, path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete)));
        }
        return result.OrderByDescending(r => r.Iteration).ToList();
    }

    /// <summary>Path of the checkpoint file of <paramref name="iteration"/>.</summary>
    public string CheckpointPath(long iteration) =>
        Combine(System.IO.Path.Combine("checkpoints", CheckpointPrefix + iteration.ToString("D8", CultureInfo.InvariantCulture) + CheckpointExtension));

    /// <inheritdoc/>
    public void WriteModel(GanModel model) => ModelStore.Save(Model, model);

    /// <inheritdoc/>
    public void WriteModelConfig(ModelConfig config) => ModelStore.SaveConfig(Model, config);

    /// <summary>
    /// Writes samples/iter-N.mid and .png with the preview samples one after another in time, then
    /// redraws evolution.png and the charts.
    /// </summary>
    public void WriteSamples(long iteration, IReadOnlyList<Multitrack> previews)
    {
        ArgumentNullException.ThrowIfNull(previews);
        Directory.CreateDirectory(Samples);
        var joined = JoinPreviews(previews);
        var name = SampleName(iteration);
        var midi = MultitrackToMidi.Convert(joined);
        AtomicFile.Write(System.IO.Path.Combine(Samples, name + ".mid"), s => midi.Write(s));
        var image = new PianoRollRenderer().Render(joined, string.Create(CultureInfo.InvariantCulture, $"iteration {iteration}"));
        AtomicFile.Write(System.IO.Path.Combine(Samples, name + ".png"), s => PngEncoder.Encode(image, s));
        WriteEvolution();
        WriteCharts(_voiceNames ?? ReadInfo()?.VoiceNames ?? []);
    }

    /// <summary>Rebuilds evolution.png from every samples/iter-N.mid, in iteration order.</summary>
    public void WriteEvolution()
    {
        if (!Directory.Exists(Samples)) return;
        var files = Directory.EnumerateFiles(Samples, "iter-*.mid").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return;
        var frames = files.Select(f => MidiToMultitrack.Read(f)).ToList();
        var captions = files.Select(f => System.IO.Path.GetFileNameWithoutExtension(f).Replace("iter-", "iteration ", StringComparison.Ordinal)).ToList();
        AtomicFile.Write(Evolution, s => new PianoRollRenderer().WriteAnimation(frames, s, captions));
    }

    /// <summary>Draws charts/losses.png, charts/similarity.png and charts/metrics.png from the logs.</summary>
    public void WriteCharts(IReadOnlyList<string> voiceNames)
    {
        Directory.CreateDirectory(Charts);
        var rows = File.Exists(LossesCsv) ? File.ReadAllLines(LossesCsv).Skip(1).Select(l => l.Split(',')).Where(c => c.Length >= 5).ToList() : [];
        double Col(string[] c, int i) => double.Parse(c[i], CultureInfo.InvariantCulture);
        var losses = new LineChart("Losses", "iteration");
        losses.Add("critic", rows.Select(c => (Col(c, 0), Col(c, 1))));
        losses.Add("generator", rows.Select(c => (Col(c, 0), Col(c, 2))));
        losses.Add("gradient penalty", rows.Select(c => (Col(c, 0), Col(c, 3))));
        Save("losses.png", losses);

        var snapshots = File.Exists(MetricsJsonl)
            ? File.ReadAllLines(MetricsJsonl).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<MetricsSnapshot>(l, GanJson.Options)!).ToList()
            : [];
        var similarity = new LineChart("Similarity index of the voices to the training set", "iteration");
        similarity.Add("similarity", snapshots.Where(s => s.SimilarityIndex is not null).Select(s => ((double)s.Iteration, s.SimilarityIndex!.Value)));
        Save("similarity.png", similarity);

        var metrics = new LineChart("Consonance with the melody per voice (dashed: training set)", "iteration");
        const string name = Music.Metrics.MetricNames.ConsonanceRate;
        for (var k = 1; k < voiceNames.Count; k++)
        {
            var track = k;
            var reference = snapshots.Count > 0 && snapshots[^1].Reference.TryGetValue(name, out var r) && track < r.Count ? r[track] : null;
            metrics.Add(voiceNames[k], snapshots.Select(s => (s.Iteration, s.Generated.TryGetValue(name, out var v) && track < v.Count ? v[track] : null))
                .Where(p => p.Item2 is not null).Select(p => ((double)p.Iteration, p.Item2!.Value)), reference);
        }
        Save("metrics.png", metrics);
    }

    private void Save(string file, LineChart chart)
    {
        var image = chart.Render();
        AtomicFile.Write(System.IO.Path.Combine(Charts, file), s => PngEncoder.Encode(image, s));
    }

    private static string SampleName(long iteration) => "iter-" + iteration.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>The preview samples one after another in time, as one multitrack (what samples/iter-N.mid holds).</summary>
    public static Multitrack JoinPreviews(IReadOnlyList<Multitrack> samples)
    {
        var steps = samples.Sum(s => s.Steps);
        var first = samples[0];
        var result = new Multitrack(steps, first.StepsPerBeat, first.TempoBpm, first.TimeSignature);
        for (var k = 0; k < first.Tracks.Count; k++)
        {
            var track = result.AddTrack(first.Tracks[k].Name, first.Tracks[k].Program);
            var offset = 0;
            foreach (var s in samples)
            {
                s.Tracks[k].Cells.CopyTo(track.MutableCells[(offset * PianoRollTrack.PitchCount)..]);
                offset += s.Steps;
            }
        }
        return result;
    }

    private static long IterationOf(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && long.TryParse(line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out var it) ? it : long.MaxValue;
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);
}
