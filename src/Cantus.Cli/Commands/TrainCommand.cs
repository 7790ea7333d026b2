using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Service;
using Cantus.Service.Errors;
using Cantus.Service.Training;
using Cantus.Tensors;
using Spectre.Console;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus train [options] --out RUN</c> or <c>cantus train --resume RUN</c>: WGAN-GP training of
/// the lab's U-Net (see docs/gan.md) with a live progress bar, or <c>--json</c> progress events as
/// JSON lines. Ctrl-C stops after writing a checkpoint.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new TrainingOptions();
        var lab = GanArchitecture.Lab;
        var output = new Option<string?>("--out", "-o") { Description = "New run directory" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this directory from its last checkpoint" };
        var iterations = new Option<int?>("--iterations") { Description = $"Generator updates (default {defaults.Iterations}; with --resume: a new total)" };
        var epochs = new Option<double?>("--epochs") { Description = "Run length in epochs (passes over the training windows) instead of iterations" };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => defaults.BatchSize };
        var lrG = new Option<float>("--lr-generator") { Description = "Adam learning rate of the generator", DefaultValueFactory = _ => defaults.GeneratorLearningRate };
        var lrD = new Option<float>("--lr-critic") { Description = "Adam learning rate of the critic", DefaultValueFactory = _ => defaults.CriticLearningRate };
        var beta1 = new Option<float>("--beta1") { Description = "Adam β1", DefaultValueFactory = _ => defaults.Beta1 };
        var beta2 = new Option<float>("--beta2") { Description = "Adam β2", DefaultValueFactory = _ => defaults.Beta2 };
        var ratio = new Option<int>("--critic-steps") { Description = "Critic updates per generator update (the lab's update ratio)", DefaultValueFactory = _ => defaults.CriticSteps };
        var gp = new Option<float>("--gp-weight") { Description = "Gradient-penalty weight λ", DefaultValueFactory = _ => defaults.GradientPenaltyWeight };
        var condition = new Option<int>("--condition-track") { Description = "Track used as the melody", DefaultValueFactory = _ => defaults.ConditionTrack };
        var seed = new Option<ulong>("--seed") { Description = "Seed of weights, batches and noise", DefaultValueFactory = _ => defaults.Seed };
        var dataset = new Option<string>("--dataset") { Description = "jsb-chorales, a Jsb16thSeparated.json file or a folder of MIDI files", DefaultValueFactory = _ => defaults.Dataset };
        var tags = new Option<string[]>("--tag") { Description = "Tags a MIDI-folder dataset must carry (repeatable)", AllowMultipleArgumentsPerToken = true };
        var split = new Option<string>("--split") { Description = "train, valid or test", DefaultValueFactory = _ => "train" };
        var hop = new Option<int>("--hop") { Description = "Steps between window starts", DefaultValueFactory = _ => defaults.Hop };
        var transpose = new Option<string>("--transpose") { Description = "Transposition augmentation: none, all or k (±k semitones)", DefaultValueFactory = _ => "none" };
        var filters = new Option<int>("--filters") { Description = "Base filter count f (layers f, 2f, 4f, 8f)", DefaultValueFactory = _ => lab.Filters };
        var criticFilters = new Option<int?>("--critic-filters") { Description = "Base filter count of the critic (default: --filters)" };
        var octaves = new Option<int?>("--condition-octaves") { Description = "Condition on the melody and copies 1, 2, ... octaves down (1: the lab's single melody channel)" };
        var range0 = new Option<string>("--pitch-range") { Description = "Pitches LOW..HIGH of the networks' rolls; the count must be a multiple of 16 (e.g. 36..99)", DefaultValueFactory = _ => "0..127" };
        var latent = new Option<int>("--latent-channels") { Description = "Latent channels at the bottleneck", DefaultValueFactory = _ => lab.LatentChannels };
        var every = new Option<int>("--checkpoint-every") { Description = "Iterations between checkpoints and sample pictures", DefaultValueFactory = _ => defaults.CheckpointEvery };
        var keep = new Option<int>("--keep") { Description = "Checkpoints kept", DefaultValueFactory = _ => defaults.KeepCheckpoints };
        var metricsEvery = new Option<int>("--metrics-every") { Description = "Iterations between metric evaluations", DefaultValueFactory = _ => defaults.MetricsEvery };
        var evalSamples = new Option<int>("--eval-samples") { Description = "Fixed evaluation melodies", DefaultValueFactory = _ => defaults.EvaluationSamples };
        var threads = new Option<int?>("--threads") { Description = "Engine threads (default: all cores)" };
        var json = new Option<bool>("--json") { Description = "Print progress events as JSON lines instead of a progress bar" };
        var noCalibrate = new Option<bool>("--no-calibrate") { Description = "Do not choose the clean-up settings on the valid split at the end" };
        var command = new Command("train", "Train the GAN (WGAN-GP, the DeepComposer lab's recipe by default)")
        {
            output, resume, iterations, epochs, batch, lrG, lrD, beta1, beta2, ratio, gp, condition, seed, dataset, tags, split, hop, transpose,
            filters, criticFilters, octaves, range0, latent, every, keep, metricsEvery, evalSamples, threads, json, noCalibrate,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            if (parse.GetValue(threads) is int t)
                EngineSettings.ThreadCount = t is >= 1 and <= 256 ? t : throw CantusException.Invalid("--threads must be 1..256.");
            string? outDir = parse.GetValue(output), resumeDir = parse.GetValue(resume);
            if ((outDir is null) == (resumeDir is null)) throw CantusException.Invalid("Give exactly one of --out RUN (a new run) and --resume RUN.");
            var train = CliServices.Train;
            var calibrate = !parse.GetValue(noCalibrate);
            TrainingSession session;
            if (resumeDir is not null)
            {
                // Learning rates given with --resume replace the run's from here on (a decay for the last stretch).
                float? Given(Option<float> o) => parse.GetResult(o) is { Implicit: false } ? parse.GetValue(o) : null;
                session = train.Resume(new ResumeTrainingRequest
                {
                    Run = new RunFolder(resumeDir),
                    Iterations = parse.GetValue(iterations),
                    GeneratorLearningRate = Given(lrG),
                    CriticLearningRate = Given(lrD),
                });
            }
            else
            {
                var range = OptionValues.PitchRange(parse.GetValue(range0), "pitchRange");
                var options = new TrainingOptions
                {
                    Iterations = parse.GetValue(iterations) ?? defaults.Iterations,
                    Epochs = parse.GetValue(epochs),
                    BatchSize = parse.GetValue(batch),
                    GeneratorLearningRate = parse.GetValue(lrG),
                    CriticLearningRate = parse.GetValue(lrD),
                    Beta1 = parse.GetValue(beta1),
                    Beta2 = parse.GetValue(beta2),
                    CriticSteps = parse.GetValue(ratio),
                    GradientPenaltyWeight = parse.GetValue(gp),
                    ConditionTrack = parse.GetValue(condition),
                    Seed = parse.GetValue(seed),
                    Dataset = parse.GetValue(dataset)!,
                    Tags = parse.GetValue(tags) ?? [],
                    Split = OptionValues.Split(parse.GetValue(split)),
                    Hop = parse.GetValue(hop),
                    Transposition = OptionValues.Transposition(parse.GetValue(transpose)),
                    CheckpointEvery = parse.GetValue(every),
                    KeepCheckpoints = parse.GetValue(keep),
                    MetricsEvery = parse.GetValue(metricsEvery),
                    EvaluationSamples = parse.GetValue(evalSamples),
                    PreviewSamples = Math.Clamp(parse.GetValue(evalSamples), 1, defaults.PreviewSamples),
                };
                var architecture = lab with
                {
                    Filters = parse.GetValue(filters),
                    CriticFilters = parse.GetValue(criticFilters),
                    ConditionOctaves = parse.GetValue(octaves),
                    LowestPitch = range.Lowest,
                    Pitches = range.Count,
                    LatentChannels = parse.GetValue(latent),
                };
                session = train.Start(new TrainRequest { Run = new RunFolder(outDir!), Options = options, Architecture = architecture, Calibrate = calibrate });
            }
            using var cts = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true; // stop after the current iteration and a checkpoint, not at once
                cts.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            TrainResult result;
            try
            {
                var progress = parse.GetValue(json) ? (IProgress<TrainingProgress>)new JsonProgress(parse.Out()) : null;
                result = progress is not null
                    ? train.Run(session, calibrate, progress, cancellationToken: cts.Token)
                    : RunWithProgressBar(train, session, calibrate, cts.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            var modelDir = ((RunFolder)session.Store).Model;
            parse.Err().WriteLine($"{(result.Stopped ? "stopped" : "finished")} at iteration {result.Iteration}; model in {modelDir}");
            if (calibrate)
            {
                parse.Err().WriteLine(result.Calibration is not { } c
                    ? $"clean-up not calibrated: {result.CalibrationSkipped} (see cantus evaluate --calibrate)"
                    : string.Create(CultureInfo.InvariantCulture, $"clean-up calibrated on {c.Chosen.CalibratedOn}: threshold {c.Chosen.Threshold:0.0#}, key penalty {c.Chosen.KeyPenalty:0.0#}, similarity index {c.ChosenSimilarity:0.000}"));
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static TrainResult RunWithProgressBar(TrainModel train, TrainingSession session, bool calibrate, CancellationToken token)
    {
        TrainResult result = null!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: session.Info.Options.Iterations);
                task.Value = session.Iteration;
                double? similarity = null;
                result = train.Run(session, calibrate, new SyncProgress(p =>
                {
                    similarity = p.Metrics?.SimilarityIndex ?? similarity;
                    task.Value = p.Iteration;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"it {p.Iteration}  D {p.Losses.Critic:F3}  G {p.Losses.Generator:F3}  GP {p.Losses.GradientPenalty:F3}  {p.SamplesPerSecond:F0} samples/s  sim {similarity?.ToString("F3", CultureInfo.InvariantCulture) ?? "-"}");
                }), cancellationToken: token);
            });
        return result;
    }

    /// <summary>Reports on the training thread (Progress&lt;T&gt; would post to the thread pool and reorder events).</summary>
    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    private sealed class JsonProgress(TextWriter output) : IProgress<TrainingProgress>
    {
        private static readonly JsonSerializerOptions Lines = new(CliJson.Options) { WriteIndented = false };

        public void Report(TrainingProgress p) => output.WriteLine(JsonSerializer.Serialize(new
        {
            iteration = p.Iteration,
            iterations = p.Iterations,
            criticLoss = p.Losses.Critic,
            generatorLoss = p.Losses.Generator,
            gradientPenalty = p.Losses.GradientPenalty,
            wasserstein = p.Losses.Wasserstein,
            samplesPerSecond = p.SamplesPerSecond,
            elapsedSeconds = p.Elapsed.TotalSeconds,
            etaSeconds = p.Eta.TotalSeconds,
            similarityIndex = p.Metrics?.SimilarityIndex,
            metrics = p.Metrics?.Generated,
            checkpoint = p.Checkpoint,
        }, Lines));
    }
}
