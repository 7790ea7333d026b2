using System.Diagnostics;
using System.Text.Json;

namespace Cantus.Bench;

/// <summary>
/// Runs ../shared/reference/torch_reference.py (the lab's networks in PyTorch 1.13, Debian's
/// python3-torch) in the same benchmark run, so that ratios compare like with like on a shared machine.
/// </summary>
public static class TorchReference
{
    /// <summary>What the reference printed, or why it did not run.</summary>
    public sealed record Result(bool Ran, string? Reason, double? IterationSecondsMedian, double? InferBatch1MsMedian, double? SgemmGflops, string? TorchVersion);

    /// <summary>The reference script beside the clone, or null.</summary>
    public static string? FindScript()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "..", "shared", "reference", "torch_reference.py");
            if (File.Exists(path)) return Path.GetFullPath(path);
            path = Path.Combine(dir.FullName, "shared", "reference", "torch_reference.py");
            if (File.Exists(path)) return Path.GetFullPath(path);
        }
        return null;
    }

    /// <summary>Runs the reference with <paramref name="threads"/> threads and <paramref name="iterations"/> timed iterations.</summary>
    public static Result Run(int threads, int iterations, int batch = 64, int filters = 64, TimeSpan? timeout = null)
    {
        const string python = "/usr/bin/python3";
        var script = FindScript();
        if (script is null) return new Result(false, "torch_reference.py not found (expected ../shared/reference/)", null, null, null, null);
        if (!File.Exists(python)) return new Result(false, "/usr/bin/python3 not found", null, null, null, null);
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var (k, v) in new[] { ("--threads", threads), ("--iters", iterations), ("--batch", batch), ("--filters", filters) })
        {
            psi.ArgumentList.Add(k);
            psi.ArgumentList.Add(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(20)))
        {
            p.Kill(entireProcessTree: true);
            return new Result(false, "the reference did not finish in time", null, null, null, null);
        }
        if (p.ExitCode != 0)
        {
            var why = stderr.Result.Contains("No module named 'torch'", StringComparison.Ordinal)
                ? "python3-torch is not installed (apt-get install python3-torch libopenblas0-pthread)"
                : $"the reference failed: {stderr.Result.Trim().Split('\n').LastOrDefault()}";
            return new Result(false, why, null, null, null, null);
        }
        var line = stdout.Result.Trim().Split('\n').Last();
        using var doc = JsonDocument.Parse(line);
        var r = doc.RootElement;
        return new Result(true, null, r.GetProperty("iteration_s_median").GetDouble(), r.GetProperty("infer_batch1_ms_median").GetDouble(),
            r.GetProperty("sgemm_2048_gflops").GetDouble(), r.GetProperty("torch").GetString());
    }
}
