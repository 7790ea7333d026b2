using System.CommandLine;
using System.Globalization;
using Cantus.Gan.Models;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Datasets;

namespace Cantus.Bench;

/// <summary>The root <c>cantus-bench</c> command: benchmarks that print their figures and targets.</summary>
internal static class BenchCommands
{
    public static RootCommand Create() => new("Cantus benchmarks (speed targets are checked here, not in tests)") { Train(), Infer(), Compose(), Dataset(), Render(), Serve(), ExtraCommands.Fuzz(), ExtraCommands.ClusterTrain(), ExtraCommands.ServeCluster() };

    private static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text" };

    private static Command Serve()
    {
        var url = new Option<string>("--url") { Description = "The running server", DefaultValueFactory = _ => "http://127.0.0.1:5217" };
        var input = new Option<string?>("--input") { Description = "Melody (default: samples/melodies/ode-to-joy.mid, 8 bars)" };
        var model = new Option<string?>("--model") { Description = "Model name (default: the server's default model)" };
        var rates = new Option<string>("--rates") { Description = "Arrival rates in compositions per second, comma-separated", DefaultValueFactory = _ => "10,25,50,75" };
        var seconds = new Option<double>("--seconds") { Description = "Seconds at each rate", DefaultValueFactory = _ => 10 };
        var compare = new Option<bool>("--compare-batching")
        {
            Description = "Start two servers (fresh data directories, free ports; --url is not used), one with Cantus__ComposeBatchWaitMs=0 and one with batching, and measure both at each rate",
        };
        var server = new Option<string?>("--server") { Description = "With --compare-batching: the cantus executable to start (default: the repository's ./cantus script, which builds first when needed)" };
        var waitMs = new Option<string?>("--batch-wait-ms") { Description = "With --compare-batching: Cantus__ComposeBatchWaitMs of the batching server (default: the server's default)" };
        var dataRoot = new Option<string?>("--data-root")
        {
            Description = "With --compare-batching: where the servers' data directories are made (default: the temp directory; /dev/shm takes the disk's fsyncs out of the measurement)",
        };
        var repeat = new Option<int>("--repeat") { Description = "With --compare-batching: runs of each rate on each server (alternating which goes first); the table shows the run with the median p99", DefaultValueFactory = _ => 1 };
        var json = Json();
        var command = new Command("serve", "Open-loop load of POST /api/compositions (8 bars) against a running server: p50/p99 and errors per rate (target: p99 <= 100 ms at 50/s)")
        {
            url, input, model, rates, seconds, compare, server, waitMs, repeat, dataRoot, json,
        };
        command.SetAction(parse => BenchRunner.Run(() =>
        {
            var list = ParseRates(parse.GetValue(rates)!);
            var duration = parse.GetValue(seconds);
            if (!(duration > 0 && duration <= 3600)) throw new ArgumentException("--seconds must be above 0 and at most 3600");
            var melody = parse.GetValue(input) ?? FindSample("ode-to-joy.mid");
            var ic = CultureInfo.InvariantCulture;
            var asJson = parse.GetValue(json);
            if (parse.GetValue(compare))
            {
                var wait = parse.GetValue(waitMs);
                if (wait is not null && !(double.TryParse(wait, NumberStyles.Float, ic, out var w) && w >= 0 && w <= 10_000))
                    throw new ArgumentException($"--batch-wait-ms takes 0..10000, not '{wait}'");
                var runs = parse.GetValue(repeat);
                if (runs is < 1 or > 20) throw new ArgumentException($"--repeat takes 1..20, not {runs}");
                var executable = parse.GetValue(server) ?? FindCantusScript();
                if (!File.Exists(executable)) throw new FileNotFoundException($"{executable} not found; pass --server");
                var root = parse.GetValue(dataRoot);
                if (root is not null && !Directory.Exists(root)) throw new DirectoryNotFoundException($"--data-root {root} does not exist");
                var comparison = ServeBenchmark.CompareBatchingAsync(executable, melody, list, TimeSpan.FromSeconds(duration), parse.GetValue(model), wait, runs, root,
                    m => Console.Error.WriteLine(m), r =>
                    {
                        if (asJson) return;
                        Console.Out.WriteLine(string.Create(ic, $"{r.Rate:0.#}/s: off {Line(r.Off)}; on {Line(r.On)}"));
                        if (runs > 1)
                            Console.Out.WriteLine(string.Create(ic,
                                $"    p99 of each run: off {string.Join(", ", r.OffRuns.Select(x => $"{x.P99Ms:0}"))} ms; on {string.Join(", ", r.OnRuns.Select(x => $"{x.P99Ms:0}"))} ms"));
                    }).GetAwaiter().GetResult();
                if (asJson) BenchJson.Write(Console.Out, comparison);
                else
                {
                    Console.Out.WriteLine();
                    Console.Out.WriteLine("| rate | batching | completed/s | p50 | p99 | errors | server CPU per request |");
                    Console.Out.WriteLine("|---|---|---|---|---|---|---|");
                    foreach (var r in comparison.Rates)
                        foreach (var (name, x) in new[] { ("off", r.Off), ("on", r.On) })
                            Console.Out.WriteLine(string.Create(ic,
                                $"| {r.Rate:0.#}/s | {name} | {x.ThroughputPerSecond:0.0} | {x.P50Ms:0.0} ms | {x.P99Ms:0.0} ms | {x.Errors} | {x.ServerCpuMsPerRequest:0.0} ms |"));
                    Console.Out.WriteLine();
                    Console.Out.WriteLine(string.Create(ic,
                        $"highest rate with p99 <= {ServeBenchmark.TargetP99Ms:0} ms and no errors: off {comparison.BestOff:0.#}/s, on {comparison.BestOn:0.#}/s (batching wait: {comparison.OnWaitMs})"));
                }
                return BenchRunner.Success;
            }
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var address)) throw new ArgumentException($"--url is not an address: {parse.GetValue(url)}");
            var result = ServeBenchmark.RunAsync(address, melody, list, TimeSpan.FromSeconds(duration), parse.GetValue(model), r =>
            {
                if (!asJson) Console.Out.WriteLine(string.Create(ic, $"{r.Rate:0.#}/s: {Line(r)}"));
            }).GetAwaiter().GetResult();
            if (asJson) BenchJson.Write(Console.Out, result);
            else
            {
                var best = ServeBenchmark.Best(result.Rates);
                var atTarget = result.Rates.FirstOrDefault(r => r.Rate == ServeBenchmark.TargetRate);
                Console.Out.WriteLine(string.Create(ic, $"highest rate with p99 <= {ServeBenchmark.TargetP99Ms:0} ms and no errors: {best:0.#}/s; target: p99 <= {ServeBenchmark.TargetP99Ms:0} ms at {ServeBenchmark.TargetRate:0}/s{(atTarget is null ? " (not measured: add it to --rates)" : atTarget.Errors == 0 && atTarget.P99Ms <= ServeBenchmark.TargetP99Ms ? " (met)" : " (not met)")}"));
            }
            return BenchRunner.Success;

            static string Line(ServeBenchmark.RateResult r) => string.Create(CultureInfo.InvariantCulture,
                $"{r.Requests} requests, {r.Errors} errors, {r.ThroughputPerSecond:0.0} completed/s, p50 {r.P50Ms:0.0} ms, p99 {r.P99Ms:0.0} ms, max {r.MaxMs:0.0} ms{(r.ServerCpuMsPerRequest is { } cpu ? $", server CPU {cpu:0.0} ms per request" : "")}{(r.FirstError is { } e ? $" (first error: {e})" : "")}");
        }));
        return command;
    }

    /// <summary>The value of <c>--rates</c>: arrival rates per second, comma-separated, each in (0, 10000].</summary>
    internal static List<double> ParseRates(string text) =>
        text.Split(',').Select(r => double.TryParse(r.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && v <= 10_000
            ? v : throw new ArgumentException($"--rates takes positive numbers separated by commas, not '{r}'")).ToList();

    /// <summary>The repository's <c>cantus</c> script: in the current directory, else above this program.</summary>
    internal static string FindCantusScript()
    {
        var here = Path.Combine(Environment.CurrentDirectory, "cantus");
        if (File.Exists(here) && File.Exists(Path.Combine(Environment.CurrentDirectory, "Cantus.slnx"))) return here;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cantus.slnx")) && File.Exists(Path.Combine(dir.FullName, "cantus"))) return Path.Combine(dir.FullName, "cantus");
        throw new FileNotFoundException("The cantus script was not found (run from the repository, or pass --server)");
    }

    private static Command Dataset()
    {
        var source = new Option<string>("--source") { Description = "Path of Jsb16thSeparated.json (default: the downloaded jsb-chorales, else ../shared/datasets)" };
        var runs = new Option<int>("--runs") { Description = "Timed runs", DefaultValueFactory = _ => 5 };
        var json = Json();
        var command = new Command("dataset", "Load the JSB chorales and window the whole train split (target: under 1 s)") { source, runs, json };
        command.SetAction(parse => BenchRunner.Run(() =>
        {
            var path = parse.GetValue(source) ?? FindJsb();
            var result = DatasetBenchmark.Run(path, Math.Max(1, parse.GetValue(runs)));
            if (parse.GetValue(json)) BenchJson.Write(Console.Out, result);
            else Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"JSB train: {result.Pieces} pieces → {result.Samples} samples in {result.SecondsMedian * 1000:0.0} ms (median; min {result.SecondsMin * 1000:0.0} ms; target < {result.TargetSeconds * 1000:0} ms)"));
            return BenchRunner.Success;
        }));
        return command;
    }

    private static Command Train()
    {
        var iterations = new Option<int>("--iterations") { Description = "Timed iterations (after one warm-up)", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 64 };
        var filters = new Option<int>("--filters") { Description = "Base filter count of both networks", DefaultValueFactory = _ => 64 };
        var noTorch = new Option<bool>("--no-reference") { Description = "Do not run the PyTorch reference" };
        var json = Json();
        var command = new Command("train", "One lab training iteration (5 critic steps with gradient penalty + 1 generator step), against PyTorch in the same run") { iterations, batch, filters, noTorch, json };
        command.SetAction(parse => BenchRunner.Run(() =>
        {
            var n = Math.Max(1, parse.GetValue(iterations));
            var ours = TrainBenchmark.Train(n, parse.GetValue(batch), parse.GetValue(filters));
            var torch = parse.GetValue(noTorch) ? null : TorchReference.Run(ours.Threads, n, parse.GetValue(batch), parse.GetValue(filters));
            var ratio = torch?.IterationSecondsMedian is { } t ? t / ours.IterationSecondsMedian : (double?)null;
            var result = new
            {
                iteration_seconds_median = ours.IterationSecondsMedian,
                iteration_seconds_all = ours.IterationSecondsAll,
                samples_per_second = ours.SamplesPerSecond,
                achieved_gflops = ours.AchievedGflops,
                fma_peak_gflops = ours.FmaPeakGflops,
                peak_working_set_gib = ours.PeakWorkingSetGiB,
                threads = ours.Threads,
                batch = ours.Batch,
                filters = ours.Filters,
                torch_iteration_seconds_median = torch?.IterationSecondsMedian,
                torch_version = torch?.TorchVersion,
                torch_skipped = torch is { Ran: false } ? torch.Reason : null,
                speedup_vs_torch = ratio,
            };
            if (parse.GetValue(json)) BenchJson.Write(Console.Out, result);
            else
            {
                var ic = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(ic, $"Cantus: {ours.IterationSecondsMedian:0.000} s per iteration (median of {n}), {ours.SamplesPerSecond:0} samples/s, {ours.AchievedGflops:0} effective GFLOP/s (the lab's 1.8 TFLOP per iteration; the fused upsample convolutions do fewer) against a measured FMA peak of {ours.FmaPeakGflops:0}, peak memory {ours.PeakWorkingSetGiB:0.00} GiB, {ours.Threads} threads"));
                Console.Out.WriteLine(torch is { Ran: true }
                    ? string.Create(ic, $"PyTorch {torch.TorchVersion}: {torch.IterationSecondsMedian:0.000} s per iteration; Cantus is {ratio:0.00}x PyTorch's speed (target >= 1.0)")
                    : $"PyTorch reference not run: {torch?.Reason ?? "--no-reference"}");
            }
            return BenchRunner.Success;
        }));
        return command;
    }

    private static Command Infer()
    {
        var runs = new Option<int>("--runs") { Description = "Timed forward passes", DefaultValueFactory = _ => 50 };
        var filters = new Option<int>("--filters") { Description = "Base filter count", DefaultValueFactory = _ => 64 };
        var noTorch = new Option<bool>("--no-reference") { Description = "Do not run the PyTorch reference" };
        var json = Json();
        var command = new Command("infer", "Generator forward pass at batch 1 (target: faster than PyTorch's ~9.5 ms)") { runs, filters, noTorch, json };
        command.SetAction(parse => BenchRunner.Run(() =>
        {
            var ours = TrainBenchmark.Infer(Math.Max(1, parse.GetValue(runs)), parse.GetValue(filters));
            // The reference times inference after one training iteration; one iteration at batch 8 keeps it short.
            var torch = parse.GetValue(noTorch) ? null : TorchReference.Run(ours.Threads, 1, 8, parse.GetValue(filters));
            var ratio = torch?.InferBatch1MsMedian is { } t ? t / ours.MsMedian : (double?)null;
            var result = new { ms_median = ours.MsMedian, ms_min = ours.MsMin, runs = ours.Runs, threads = ours.Threads, filters = ours.Filters,
                torch_ms_median = torch?.InferBatch1MsMedian, torch_skipped = torch is { Ran: false } ? torch.Reason : null, speedup_vs_torch = ratio };
            if (parse.GetValue(json)) BenchJson.Write(Console.Out, result);
            else Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Cantus: {ours.MsMedian:0.00} ms per batch-1 forward (median of {ours.Runs}); PyTorch: {(torch?.InferBatch1MsMedian is { } tm ? $"{tm:0.00} ms, Cantus is {ratio:0.00}x its speed" : torch?.Reason ?? "not run")}"));
            return BenchRunner.Success;
        }));
        return command;
    }

    private static Command Compose()
    {
        var model = new Option<string?>("--model") { Description = "Model directory (default: models/bach-chorales)" };
        var input = new Option<string?>("--input") { Description = "Melody (default: samples/melodies/ode-to-joy.mid, 8 bars)" };
        var runs = new Option<int>("--runs") { Description = "Warm runs after the first", DefaultValueFactory = _ => 20 };
        var json = Json();
        var command = new Command("compose", "Load the model, then read + generate + write an 8-bar melody (targets: load < 200 ms, compose < 50 ms)") { model, input, runs, json };
        command.SetAction(parse => BenchRunner.Run(() =>
        {
            var directory = parse.GetValue(model) ?? ModelStore.DefaultModelDirectory();
            var melody = parse.GetValue(input) ?? FindSample("ode-to-joy.mid");
            var result = ComposeBenchmark.Run(directory, melody, Math.Max(1, parse.GetValue(runs)));
            if (parse.GetValue(json)) BenchJson.Write(Console.Out, result);
            else Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(melody)} ({result.Steps} steps): model load {result.LoadMs:0.0} ms (target < {result.TargetLoadMs:0}); read + generate + write {result.WarmMsMedian:0.0} ms warm (median of {result.Runs}; min {result.WarmMsMin:0.0}; target < {result.TargetComposeMs:0}), first run in this process {result.FirstMs:0.0} ms (includes JIT)"));
            return BenchRunner.Success;
        }));
        return command;
    }

    internal static string FindSample(string name)
    {
        var here = Path.Combine(Environment.CurrentDirectory, "samples", "melodies", name);
        if (File.Exists(here)) return here;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "samples", "melodies", name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"samples/melodies/{name} not found; pass --input");
    }

    private static Command Render()
    {
        var soundFont = new Option<string?>("--soundfont") { Description = "SoundFont to use (default: the usual search; 'fallback' for the built-in piano)" };
        var program = new Option<int>("--program") { Description = "General MIDI program of the four voices (52 = choir aahs)", DefaultValueFactory = _ => 0 };
        var runs = new Option<int>("--runs") { Description = "Timed runs (best is reported)", DefaultValueFactory = _ => 3 };
        var json = Json();
        var command = new Command("render", "Render one minute of a 4-voice chorale (target: at least 200x real time on one core)") { soundFont, program, runs, json };
        command.SetAction(parse => BenchRunner.Run(() =>
        {
            var path = parse.GetValue(soundFont);
            var fallback = string.Equals(path, "fallback", StringComparison.OrdinalIgnoreCase);
            var font = fallback ? SoundFont.CreateFallback() : SoundFontLocator.LoadOrFallback(path);
            var label = font.IsFallback ? "built-in fallback" : path ?? SoundFontLocator.FindPath() ?? font.Name;
            var result = RenderBenchmark.Run(font, label, parse.GetValue(program), Math.Max(1, parse.GetValue(runs)));
            if (parse.GetValue(json)) BenchJson.Write(Console.Out, result);
            else Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.SoundFont}, program {result.Program}: {result.AudioSeconds:0} s of audio in {result.CpuSecondsBest * 1000:0} ms CPU = {result.RealTimeFactor:0}x real time (target {result.TargetFactor:0}x); {result.AllocatedBytes / 1e6:0.0} MB allocated"));
            return BenchRunner.Success;
        }));
        return command;
    }

    private static string FindJsb()
    {
        var downloaded = Path.Combine(DataDirectory.DatasetDirectory(JsbChoralesLoader.DatasetName), JsbChoralesLoader.FileName);
        if (File.Exists(downloaded)) return downloaded;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "..", "shared", "datasets", "jsb-chorales", JsbChoralesLoader.FileName);
            if (File.Exists(shared)) return Path.GetFullPath(shared);
        }
        throw new FileNotFoundException("Jsb16thSeparated.json not found; run 'cantus dataset download jsb-chorales' or pass --source");
    }
}
