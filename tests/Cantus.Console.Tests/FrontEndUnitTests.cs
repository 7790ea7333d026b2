using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Cantus.Cli.Tests;
using Xunit.Abstractions;

namespace Cantus.Console.Tests;

/// <summary>
/// The console's own unit tests (vitest: piano-roll editing, quantisation, recording, MIDI
/// conversion, the player's scheduler, charts' helpers), run by <c>dotnet test</c> so that the
/// README's one test command covers them; each failing test is named with its message.
/// </summary>
public sealed class FrontEndUnitTests(ITestOutputHelper output)
{
    private static readonly string Web = Path.Combine(CliRunner.RepoRoot, "web");

    [Fact(Timeout = 300_000)]
    public async Task The_console_unit_tests_pass()
    {
        Assert.True(File.Exists(Path.Combine(Web, "node_modules", ".bin", "vitest")), "web/node_modules is missing: the build runs npm ci (build the solution first)");
        var report = Path.Combine(Path.GetTempPath(), $"cantus-vitest-{Guid.NewGuid():N}.json");
        try
        {
            var psi = new ProcessStartInfo(Path.Combine(Web, "node_modules", ".bin", "vitest"), ["run", "--reporter=json", $"--outputFile={report}"])
            {
                WorkingDirectory = Web, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
            Assert.True(File.Exists(report), $"vitest wrote no report (exit {process.ExitCode}):\n{await stdout}\n{await stderr}");
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            var root = json.RootElement;
            var failures = new StringBuilder();
            foreach (var file in root.GetProperty("testResults").EnumerateArray())
            {
                foreach (var test in file.GetProperty("assertionResults").EnumerateArray())
                {
                    if (test.GetProperty("status").GetString() != "failed") continue;
                    failures.AppendLine($"{Path.GetRelativePath(Web, file.GetProperty("name").GetString()!)}: {test.GetProperty("fullName").GetString()}");
                    foreach (var m in test.GetProperty("failureMessages").EnumerateArray()) failures.AppendLine("  " + m.GetString()?.Split('\n')[0]);
                }
                if (file.GetProperty("status").GetString() == "failed" && file.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                    failures.AppendLine($"{Path.GetRelativePath(Web, file.GetProperty("name").GetString()!)}: {text}");
            }
            var passed = root.GetProperty("numPassedTests").GetInt32();
            var failed = root.GetProperty("numFailedTests").GetInt32();
            output.WriteLine($"vitest: {passed} passed, {failed} failed, {root.GetProperty("numPendingTests").GetInt32()} skipped in {root.GetProperty("numTotalTestSuites").GetInt32()} suites");
            Assert.True(failures.Length == 0 && process.ExitCode == 0, $"console unit tests failed:\n{failures}\n{await stderr}");
            Assert.True(passed > 100, $"only {passed} console unit tests ran");
        }
        finally
        {
            File.Delete(report);
        }
    }
}
