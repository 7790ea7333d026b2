using System.CommandLine;
using System.Globalization;
using System.Text;
using Cantus.Gan.Evaluation;
using Cantus.Music.IO;
using Cantus.Service;
using Cantus.Service.Evaluation;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus evaluate MODEL [--dataset jsb-chorales] [--split test] [--json] [--report DIR]</c>:
/// accompanies every window of a split's melodies and compares the voices with Bach's and with a
/// naive baseline (see docs/gan.md, "Evaluation").
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var defaults = new EvaluationOptions();
        var model = new Argument<string?>("MODEL") { Description = "Model directory or the name of a sample or custom model (default: models/bach-chorales)", Arity = ArgumentArity.ZeroOrOne };
        var dataset = new Option<string>("--dataset") { Description = "jsb-chorales, a Jsb16thSeparated.json file or a MIDI folder", DefaultValueFactory = _ => defaults.Dataset };
        var split = new Option<string>("--split") { Description = "train, valid or test", DefaultValueFactory = _ => "test" };
        var hop = new Option<int>("--hop") { Description = "Steps between window starts", DefaultValueFactory = _ => defaults.Hop };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the latents", DefaultValueFactory = _ => defaults.Seed };
        var raw = new Option<bool>("--raw") { Description = "Evaluate the raw output (no clean-up)" };
        var threshold = new Option<float?>("--threshold") { Description = "Threshold, −1..1 (default: 0 raw; clean-up: the model's calibrated value, else 0)" };
        var keyPenalty = new Option<float?>("--key-penalty") { Description = "Clean-up: margin taken from off-key candidates, 0..2 (default: the model's calibrated value, else 0)" };
        var calibrate = new Option<bool>("--calibrate") { Description = "Choose the clean-up's threshold and key penalty on this split (not test) and store them in model.json" };
        var max = new Option<int?>("--max-windows") { Description = "Evaluate at most this many windows, spread over the split" };
        var json = CommonOptions.Json();
        var report = new Option<DirectoryInfo?>("--report") { Description = "Also write evaluation.json and evaluation.md into this folder" };
        var record = new Option<bool>("--record") { Description = "Store the headline figures in the model's model.json" };
        var command = new Command("evaluate", "Measure a model against Bach and a naive baseline on a dataset split")
        {
            model, dataset, split, hop, seed, raw, threshold, keyPenalty, calibrate, max, json, report, record,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var request = new EvaluateRequest
            {
                Model = CliServices.Model(parse.GetValue(model)),
                Options = new EvaluationOptions
                {
                    Dataset = parse.GetValue(dataset)!,
                    Split = OptionValues.Split(parse.GetValue(split)),
                    Hop = parse.GetValue(hop),
                    Seed = parse.GetValue(seed),
                    Raw = parse.GetValue(raw),
                    Threshold = parse.GetValue(threshold),
                    KeyPenalty = parse.GetValue(keyPenalty),
                    MaxWindows = parse.GetValue(max),
                },
                Record = parse.GetValue(record) || parse.GetValue(calibrate),
            };
            var evaluate = CliServices.Evaluate;
            if (parse.GetValue(calibrate))
            {
                var calibration = evaluate.CalibrateAsync(request).GetAwaiter().GetResult();
                var summary = new
                {
                    threshold = calibration.Chosen.Threshold,
                    key_penalty = calibration.Chosen.KeyPenalty,
                    similarity_index = calibration.ChosenSimilarity,
                    windows = calibration.Windows,
                    grid = calibration.Grid.Select(g => new { threshold = g.Threshold, key_penalty = g.KeyPenalty, similarity_index = g.Similarity }),
                };
                if (parse.GetValue(json)) CliJson.Write(parse.Out(), summary);
                else parse.Out().WriteLine(CalibrationTable(calibration));
                return ExitCodes.Success;
            }
            var result = evaluate.EvaluateAsync(request).GetAwaiter().GetResult();
            if (parse.GetValue(report) is { } folder)
            {
                Directory.CreateDirectory(folder.FullName);
                AtomicFile.WriteAllText(Path.Combine(folder.FullName, "evaluation.json"), result.ToJson());
                AtomicFile.WriteAllText(Path.Combine(folder.FullName, "evaluation.md"), result.ToMarkdown());
            }
            parse.Out().WriteLine(parse.GetValue(json) ? result.ToJson() : result.ToMarkdown());
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string CalibrationTable(CalibrationResult c)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Clean-up calibration on {c.Chosen.CalibratedOn}: similarity index of the voices to Bach's");
        sb.AppendLine();
        sb.Append("| threshold |");
        foreach (var p in CleanupCalibration.KeyPenalties) sb.Append(inv, $" key penalty {p:0.##} |");
        sb.AppendLine();
        sb.Append("|---|");
        foreach (var _ in CleanupCalibration.KeyPenalties) sb.Append("---|");
        sb.AppendLine();
        foreach (var t in CleanupCalibration.Thresholds)
        {
            sb.Append(inv, $"| {t:0.0#} |");
            foreach (var p in CleanupCalibration.KeyPenalties)
            {
                var v = c.Grid.First(g => g.Threshold == t && g.KeyPenalty == p).Similarity;
                var chosen = t == c.Chosen.Threshold && p == c.Chosen.KeyPenalty;
                sb.Append(inv, $" {(chosen ? "**" : "")}{v:F3}{(chosen ? "**" : "")} |");
            }
            sb.AppendLine();
        }
        sb.AppendLine();
        sb.Append(inv, $"Chosen and stored in model.json: threshold {c.Chosen.Threshold:0.0#}, key penalty {c.Chosen.KeyPenalty:0.##}.");
        return sb.ToString();
    }
}
