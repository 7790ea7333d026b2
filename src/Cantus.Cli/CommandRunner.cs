namespace Cantus.Cli;

/// <summary>
/// Runs a command handler and maps exceptions to exit codes with a one-line message on
/// stderr: bad input files (domain exceptions deriving from <see cref="FormatException"/>,
/// <see cref="InvalidDataException"/>, JSON errors, missing files) exit 2, bad argument values exit 1, anything else exits 3.
/// </summary>
internal static class CommandRunner
{
    public static int Run(Func<int> handler, TextWriter? error = null)
    {
        error ??= Console.Error;
        try
        {
            return handler();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            error.WriteLine($"cantus: error: {OneLine(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (FileNotFoundException ex)
        {
            error.WriteLine($"cantus: error: {OneLine(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (DirectoryNotFoundException ex)
        {
            error.WriteLine($"cantus: error: {OneLine(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (UsageException ex)
        {
            error.WriteLine($"cantus: error: {OneLine(ex.Message)}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cantus: canceled");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException
            or NotSupportedException or HttpRequestException or TimeoutException)
        {
            error.WriteLine($"cantus: error: {OneLine(ex.Message)}");
            return ExitCodes.Failure;
        }
#pragma warning disable CA1031 // the process boundary: report any other failure on one line, never a stack trace
        catch (Exception ex)
        {
            error.WriteLine($"cantus: unexpected error ({ex.GetType().Name}): {OneLine(ex.Message)}");
            return ExitCodes.Failure;
        }
#pragma warning restore CA1031
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
