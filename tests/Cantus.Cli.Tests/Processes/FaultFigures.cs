namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// The figures a fault or load test measured: written to the test's output and appended to
/// <c>artifacts/fault-figures.txt</c>, which .ci/run prints after the tests (a passing test's
/// output is not shown by <c>dotnet test</c>).
/// </summary>
internal static class FaultFigures
{
    private static readonly Lock Gate = new();

    public static string File { get; } = Path.Combine(CliRunner.RepoRoot, "artifacts", "fault-figures.txt");

    public static void Print(string test, string figures)
    {
        var line = $"{test}: {figures}";
        Console.WriteLine(line);
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(File)!);
            System.IO.File.AppendAllText(File, line + Environment.NewLine);
        }
    }
}
