namespace Cantus.Bench;

/// <summary>
/// Runs a benchmark handler and maps exceptions to the CLI's exit codes with a one-line message
/// on stderr, never a stack trace: bad or missing input files exit 2, bad argument values exit 1,
/// anything else exits 3. (Parse errors exit 1 through System.CommandLine.)
/// </summary>
internal static class BenchRunner
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int BadInput = 2;
    public const int Failure = 3;

    public static int Run(Func<int> handler)
    {
        try
        {
            return handler();
        }
#pragma warning disable CA1031 // the process boundary: report any failure on one line
        catch (Exception ex)
        {
            var (code, kind) = ex switch
            {
                InvalidDataException or FormatException or FileNotFoundException or DirectoryNotFoundException => (BadInput, "error"),
                ArgumentException => (Usage, "error"),
                IOException or UnauthorizedAccessException or InvalidOperationException or NotSupportedException or OperationCanceledException => (Failure, "error"),
                _ => (Failure, $"unexpected error ({ex.GetType().Name})"),
            };
            Console.Error.WriteLine($"cantus-bench: {kind}: {ex.Message.ReplaceLineEndings(" ").Trim()}");
            return code;
        }
#pragma warning restore CA1031
    }
}
