using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Music.Audio.SoundFonts;

namespace Cantus.Bench;

/// <summary>The scale-out benchmarks: <c>fuzz</c> (the API's parsers under seeded mutation) and <c>cluster-train</c> (training throughput against workers, with PostgreSQL's load).</summary>
internal static class ExtraCommands
{
    public static Command Fuzz()
    {
        var seconds = new Option<double>("--seconds") { Description = "How long to fuzz", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "The seed of the mutations (the same seed gives the same inputs)", DefaultValueFactory = _ => 20261130 };
        var findings = new Option<string>("--findings") { Description = "Where inputs that caused a 5xx or no answer are kept", DefaultValueFactory = _ => "artifacts/fuzz" };
        var fontSeconds = new Option<double>("--soundfont-seconds") { Description = "How long to fuzz the SoundFont reader and synthesizer afterwards, in this process (0: not at all)", DefaultValueFactory = _ => 120 };
        var font = new Option<string?>("--soundfont") { Description = "The SoundFont the mutations start from (default: the one cantus finds, e.g. TimGM6mb.sf2)" };
        var command = new Command("fuzz",
            "Seeded mutation fuzzing of every parser reachable through the API (MIDI, safetensors, model.json, zip, JSON) against a fresh ./cantus serve (5xx, crashes and memory), then of the SoundFont reader and synthesizer")
        {
            seconds, seed, findings, fontSeconds, font,
        };
        command.SetAction(parse => BenchRunner.Run(() =>
        {
            var repo = Repo();
            var root = Directory.CreateTempSubdirectory("cantus-fuzz-").FullName;
            try
            {
                var model = Path.Combine(root, "seed-model");
                ModelStore.Save(model, GanModel.CreateUntrained(new ModelConfig { Architecture = new GanArchitecture { Filters = 2, LowestPitch = 48, Pitches = 32, LatentChannels = 4 } }, 1));
                var melodies = Directory.GetFiles(Path.Combine(repo, "samples", "melodies"), "*.mid").Order().Select(File.ReadAllBytes).ToList();
                var fuzzer = new Fuzzer(parse.GetValue(seed), melodies, File.ReadAllBytes(Path.Combine(model, "model.safetensors")), File.ReadAllBytes(Path.Combine(model, "model.json")));
                var url = $"http://127.0.0.1:{FreePort()}";
                using var server = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Path.Combine(repo, "cantus"), ["serve", "--urls", url, "--data", Path.Combine(root, "data"), "--no-worker"])
                {
                    RedirectStandardOutput = true, RedirectStandardError = true,
                })!;
                server.OutputDataReceived += (_, _) => { };
                server.ErrorDataReceived += (_, _) => { };
                server.BeginOutputReadLine();
                server.BeginErrorReadLine();
                using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
                for (var i = 0; ; i++)
                {
                    try
                    {
                        if (client.GetAsync("/api/health").GetAwaiter().GetResult().IsSuccessStatusCode) break;
                    }
                    catch (HttpRequestException) when (i < 600)
                    {
                    }
                    Thread.Sleep(200);
                }
                var report = fuzzer.RunAsync(client, server.Id, TimeSpan.FromSeconds(parse.GetValue(seconds)), Path.GetFullPath(parse.GetValue(findings)!), m => Console.Error.WriteLine(m)).GetAwaiter().GetResult();
                server.Kill(entireProcessTree: true);
                var ic = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(ic, $"fuzz: seed {report.Seed}, {report.Requests} inputs in {report.Seconds:F0} s ({report.Requests / report.Seconds:F0}/s)"));
                foreach (var (target, statuses) in report.StatusesByTarget.OrderBy(t => t.Key, StringComparer.Ordinal))
                    Console.Out.WriteLine($"  {target}: {string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
                Console.Out.WriteLine(string.Create(ic, $"server: RSS {report.StartRssBytes >> 20} MB at start, {report.PeakRssBytes >> 20} MB at peak; {(report.ServerAlive ? "alive" : "DEAD")} at the end"));
                Console.Out.WriteLine(report.Findings.Count == 0 ? "findings: none (no 5xx, no hang, no crash)" : $"findings: {report.Findings.Count}\n  " + string.Join("\n  ", report.Findings.Take(50)));
                var fontOk = true;
                if (parse.GetValue(fontSeconds) > 0)
                {
                    var path = SoundFontLocator.FindPath(parse.GetValue(font)) ?? throw new FileNotFoundException("No SoundFont to start from: pass --soundfont, or --soundfont-seconds 0");
                    var fonts = new SoundFontFuzzer(parse.GetValue(seed), File.ReadAllBytes(path))
                        .Run(TimeSpan.FromSeconds(parse.GetValue(fontSeconds)), Path.GetFullPath(parse.GetValue(findings)!), m => Console.Error.WriteLine(m));
                    Console.Out.WriteLine(string.Create(ic,
                        $"soundfont: seed {fonts.Seed}, {fonts.Inputs} mutants of {Path.GetFileName(path)} in {fonts.Seconds:F0} s: {fonts.Rejected} refused with a reason, {fonts.Rendered} read and rendered; managed memory at most {fonts.PeakManagedBytes >> 20} MB"));
                    foreach (var (reason, count) in fonts.RejectionReasons.OrderByDescending(r => r.Value).Take(8)) Console.Out.WriteLine(string.Create(ic, $"  {count}× {reason}"));
                    Console.Out.WriteLine(fonts.Findings.Count == 0 ? "soundfont findings: none (no other exception, no hang)" : $"soundfont findings: {fonts.Findings.Count}\n  " + string.Join("\n  ", fonts.Findings.Take(50)));
                    fontOk = fonts.Findings.Count == 0;
                }
                return report.Findings.Count == 0 && report.ServerAlive && fontOk ? BenchRunner.Success : 1;
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }));
        return command;
    }

    public static Command ServeCluster()
    {
        var configs = new Option<string>("--configs")
        {
            Description = $"Configurations to measure, comma-separated: {string.Join(", ", ServeClusterBenchmark.All.Select(c => $"{c.Name} ({c.Description})"))}",
            DefaultValueFactory = _ => string.Join(",", ServeClusterBenchmark.All.Select(c => c.Name)),
        };
        var rates = new Option<string>("--rates") { Description = "Arrival rates in compositions per second, comma-separated", DefaultValueFactory = _ => "50,75,100,125,150" };
        var seconds = new Option<double>("--seconds") { Description = "Seconds at each rate", DefaultValueFactory = _ => 8 };
        var input = new Option<string?>("--input") { Description = "Melody (default: samples/melodies/ode-to-joy.mid, 8 bars)" };
        var model = new Option<string?>("--model") { Description = "Model name (default: the server's default model)" };
        var command = new Command("serve-cluster",
            "Open-loop compose load (as bench serve) against the embedded server, one web node on PostgreSQL, the same behind nginx and two web nodes behind nginx (deploy/local-cluster), one after the other")
        {
            configs, rates, seconds, input, model,
        };
        command.SetAction(parse => BenchRunner.Run(() =>
        {
            var ic = CultureInfo.InvariantCulture;
            var chosen = parse.GetValue(configs)!.Split(',').Select(n => ServeClusterBenchmark.All.FirstOrDefault(c => c.Name == n.Trim())
                ?? throw new ArgumentException($"--configs: no configuration '{n.Trim()}' (there are {string.Join(", ", ServeClusterBenchmark.All.Select(c => c.Name))})")).ToList();
            var list = BenchCommands.ParseRates(parse.GetValue(rates)!);
            var duration = parse.GetValue(seconds);
            if (!(duration > 0 && duration <= 3600)) throw new ArgumentException("--seconds must be above 0 and at most 3600");
            var melody = parse.GetValue(input) ?? BenchCommands.FindSample("ode-to-joy.mid");
            var measured = new List<ServeClusterBenchmark.Measured>();
            foreach (var c in chosen)
                measured.Add(ServeClusterBenchmark.MeasureAsync(Repo(), c, melody, list, TimeSpan.FromSeconds(duration), parse.GetValue(model), m => Console.Error.WriteLine(m),
                    (r, cpu) => Console.Error.WriteLine(string.Create(ic,
                        $"  {c.Name} {r.Rate:0.#}/s: {r.Errors} errors, {r.ThroughputPerSecond:0.0} completed/s, p50 {r.P50Ms:0.0} ms, p99 {r.P99Ms:0.0} ms; CPU per composition: web {cpu.WebMs:0.0} ms, PostgreSQL {cpu.PostgresMs:0.0} ms, nginx {cpu.ProxyMs:0.0} ms{(r.FirstError is { } e ? $" (first error: {e})" : "")}")))
                    .GetAwaiter().GetResult());
            Console.Out.WriteLine($"| configuration | {string.Join(" | ", list.Select(r => string.Create(ic, $"{r:0.#}/s p99")))} | highest rate with p99 <= {ServeBenchmark.TargetP99Ms:0} ms, no errors | CPU per composition below saturation (web + PostgreSQL + nginx) |");
            Console.Out.WriteLine($"|---|{string.Concat(list.Select(_ => "---|"))}---|---|");
            foreach (var m in measured)
            {
                // CPU per composition at the rates the configuration kept up with (queueing does not change it much, but a saturated run mixes in the backlog).
                var kept = m.Result.Rates.Select((r, i) => (r, i)).Where(x => x.r.Errors == 0 && x.r.P99Ms <= ServeBenchmark.TargetP99Ms && x.i < m.Cpu.Count).Select(x => m.Cpu[x.i]).ToList();
                var cpu = kept.Count == 0 ? "n/a" : string.Create(ic, $"{kept.Average(c => c.WebMs):0.0} + {kept.Average(c => c.PostgresMs):0.0} + {kept.Average(c => c.ProxyMs):0.0} ms");
                Console.Out.WriteLine(string.Create(ic,
                    $"| {m.Configuration.Description} | {string.Join(" | ", m.Result.Rates.Select(r => r.Errors > 0 ? $"{r.P99Ms:0} ms ({r.Errors} errors)" : $"{r.P99Ms:0} ms"))} | {m.Best:0.#}/s | {cpu} |"));
            }
            return BenchRunner.Success;
        }));
        return command;
    }

    public static Command ClusterTrain()
    {
        var workers = new Option<string>("--workers") { Description = "Worker counts to measure, comma-separated", DefaultValueFactory = _ => "1,2" };
        var jobs = new Option<int>("--jobs") { Description = "Jobs training at once (at least the largest worker count)", DefaultValueFactory = _ => 2 };
        var warmUp = new Option<double>("--warm-up") { Description = "Seconds before measuring", DefaultValueFactory = _ => 25 };
        var window = new Option<double>("--seconds") { Description = "Seconds measured", DefaultValueFactory = _ => 60 };
        var every = new Option<int>("--checkpoint-every") { Description = "Iterations between checkpoints", DefaultValueFactory = _ => 50 };
        var shipped = new Option<bool>("--shipped") { Description = "Train the shipped model's recipe (filters 16, latent 512, 3 condition octaves, batch 64, every transposition) instead of a small network" };
        var command = new Command("cluster-train", "Training throughput against the number of workers on deploy/local-cluster, with PostgreSQL's rows and bytes per iteration and per checkpoint")
        {
            workers, jobs, warmUp, window, every, shipped,
        };
        command.SetAction(parse => BenchRunner.Run(() =>
        {
            var ic = CultureInfo.InvariantCulture;
            var counts = parse.GetValue(workers)!.Split(',').Select(w => int.Parse(w.Trim(), ic)).ToList();
            var runs = new List<ClusterTrainBenchmark.Run>();
            foreach (var w in counts)
            {
                var run = ClusterTrainBenchmark.MeasureAsync(Repo(), w, Math.Max(parse.GetValue(jobs), w), parse.GetValue(every), TimeSpan.FromSeconds(parse.GetValue(warmUp)),
                    TimeSpan.FromSeconds(parse.GetValue(window)), m => Console.Error.WriteLine(m), parse.GetValue(shipped)).GetAwaiter().GetResult();
                runs.Add(run);
                Console.Error.WriteLine(string.Create(ic, $"{w} worker(s): {run.IterationsPerSecond:F2} it/s; rows by table: {string.Join(", ", run.RowsByTable.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}"));
            }
            Console.Out.WriteLine("| workers | jobs | iterations/s (all jobs) | speed-up | rows written / iteration | DB bytes / iteration (besides checkpoints) | checkpoints | bytes / checkpoint |");
            Console.Out.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var r in runs)
                Console.Out.WriteLine(string.Create(ic,
                    $"| {r.Workers} | {r.Jobs} | {r.IterationsPerSecond:F2} | {r.IterationsPerSecond / runs[0].IterationsPerSecond:F2}× | {r.RowsPerIteration:F2} | {r.BytesPerIteration:F0} | {r.Checkpoints} | {r.BytesPerCheckpoint / 1024:F0} KB |"));
            return BenchRunner.Success;
        }));
        return command;
    }

    private static string Repo()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cantus.slnx"))) return dir.FullName;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cantus.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Run the benchmarks from the repository (./cantus bench ...)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
