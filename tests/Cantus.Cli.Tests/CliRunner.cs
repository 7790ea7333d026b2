using System.Diagnostics;

namespace Cantus.Cli.Tests;

/// <summary>Runs the built <c>cantus</c> executable as a child process, as a user would.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string RepoRoot { get; } = FindRoot();

    public static string Datasets => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));

    public static Result Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cantus.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"cantus {string.Join(' ', args)} did not finish in 120 s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cantus.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cantus.slnx not found above " + AppContext.BaseDirectory);
    }
}
