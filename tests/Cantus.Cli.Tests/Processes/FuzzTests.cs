using Cantus.Bench;
using Cantus.Gan.Models;
using Cantus.Gan.Networks;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// A short run of the API fuzzer (`./cantus bench fuzz` runs it for minutes): seeded mutations of
/// MIDI, safetensors, model.json, zip and JSON bodies against a real server give no 5xx, no
/// hang, no crash, and the server's memory stays bounded.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact(Timeout = 180_000)]
    public async Task Mutated_inputs_through_the_API_give_no_server_error_and_bounded_memory()
    {
        var data = TrainingJobClient.DataDirectory(_root);
        var model = Path.Combine(_root, "seed-model");
        ModelStore.Save(model, GanModel.CreateUntrained(new ModelConfig { Architecture = new GanArchitecture { Filters = 2, LowestPitch = 48, Pitches = 32, LatentChannels = 4 } }, 1));
        var melodies = Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "samples", "melodies"), "*.mid").Order().Select(File.ReadAllBytes).ToList();
        var fuzzer = new Fuzzer(20261130, melodies, File.ReadAllBytes(Path.Combine(model, "model.safetensors")), File.ReadAllBytes(Path.Combine(model, "model.json")));
        using var server = CantusServer.Serve(data, worker: false);
        await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var client = server.Client();
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("CANTUS_FUZZ_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 25;
        var report = await fuzzer.RunAsync(client, server.Pid, TimeSpan.FromSeconds(seconds), Path.Combine(_root, "findings"));
        var statuses = string.Join("; ", report.StatusesByTarget.Select(t => $"{t.Key}: {string.Join(" ", t.Value.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}"));
        FaultFigures.Print("FuzzTests", $"fuzz: {report.Requests} inputs in {report.Seconds:F0} s, server RSS {report.StartRssBytes >> 20} → peak {report.PeakRssBytes >> 20} MB; {statuses}");
        Assert.True(report.ServerAlive, "the server died");
        Assert.True(report.Findings.Count == 0, $"{report.Findings.Count} findings: {string.Join("; ", report.Findings.Take(10))}\n{server.Output[^Math.Min(4000, server.Output.Length)..]}");
        Assert.True(report.Requests >= 100, $"only {report.Requests} inputs were sent");
        Assert.InRange(report.PeakRssBytes, 1, 1536L << 20);
    }

    [SoundFontFact]
    public async Task Mutated_SoundFonts_are_refused_with_a_reason_or_read_and_rendered()
    {
        var path = Cantus.Music.Audio.SoundFonts.SoundFontLocator.FindPath()!;
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("CANTUS_FUZZ_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 20;
        var fuzzer = new SoundFontFuzzer(20261130, await File.ReadAllBytesAsync(path));
        var report = await Task.Run(() => fuzzer.Run(TimeSpan.FromSeconds(seconds), Path.Combine(_root, "findings")));
        FaultFigures.Print("FuzzTests", $"soundfont fuzz: {report.Inputs} mutants of {Path.GetFileName(path)} in {report.Seconds:F0} s: {report.Rejected} refused, {report.Rendered} rendered; "
            + string.Join("; ", report.RejectionReasons.OrderByDescending(r => r.Value).Take(5).Select(r => $"{r.Value}× {r.Key}")));
        Assert.True(report.Findings.Count == 0, $"{report.Findings.Count} findings: {string.Join("; ", report.Findings.Take(10))}");
        Assert.True(report.Rejected > 0 && report.Rendered > 0, $"{report.Rejected} refused, {report.Rendered} rendered: the mutations should give both");
        Assert.InRange(report.PeakManagedBytes, 1, 2048L << 20);
    }
}
