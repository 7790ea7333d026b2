using System.Diagnostics;
using Cantus.Gan.Tests.TestSupport;
using Cantus.Gan.Training;

namespace Cantus.Gan.Tests.Cli;

/// <summary>
/// <c>cantus train</c> killed with SIGKILL (Process.Kill) while it writes a checkpoint every
/// iteration leaves a loadable previous checkpoint, and <c>--resume</c> continues from it.
/// </summary>
public sealed class TrainKillTests
{
    [Fact]
    public void SigkillDuringCheckpointWrites_LeavesALoadableCheckpoint()
    {
        using var dir = Paths.NewTemp();
        var data = TinyDataset.Write(dir["data"]);
        var run = dir["run"];
        var checkpoints = Path.Combine(run, "checkpoints");
        long resumedFrom = 0;
        foreach (var delayMs in new[] { 0, 37, 113 })
        {
            string[] args = resumedFrom == 0
                ? ["train", "--out", run, "--dataset", data, "--iterations", "100000", "--batch", "2", "--critic-steps", "1", "--filters", "2",
                    "--pitch-range", "48..79", "--latent-channels", "4", "--hop", "8", "--checkpoint-every", "1", "--metrics-every", "1000", "--eval-samples", "2", "--json"]
                : ["train", "--resume", run, "--json"];
            using var p = Process.Start(CantusProcess.StartInfo(args))!;
            _ = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            // Wait for two checkpoints beyond the one we resumed from, then kill at a moment that varies.
            var clock = Stopwatch.StartNew();
            while (Latest(checkpoints) < resumedFrom + 2)
            {
                Assert.False(p.HasExited, $"cantus train exited with {(p.HasExited ? p.ExitCode : 0)} before checkpointing");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "no checkpoint within 90 s");
                Thread.Sleep(5);
            }
            Thread.Sleep(delayMs);
            p.Kill(); // SIGKILL on Unix: no handler runs
            p.WaitForExit();

            var session = TrainingSession.Resume(run);
            Assert.True(session.Iteration >= resumedFrom + 2, $"resumed at {session.Iteration}, expected ≥ {resumedFrom + 2}");
            Assert.Equal(Latest(checkpoints), session.Iteration);
            resumedFrom = session.Iteration;
        }
    }

    private static long Latest(string checkpoints)
    {
        if (!Directory.Exists(checkpoints)) return 0;
        return Directory.GetFiles(checkpoints, "ckpt-*.safetensors")
            .Select(f => long.Parse(Path.GetFileNameWithoutExtension(f)[5..], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0).Max();
    }
}
