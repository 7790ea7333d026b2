using System.CommandLine;
using Cantus.Service.Errors;

namespace Cantus.Cli;

/// <summary>
/// Runs a command handler and turns what it throws into an exit code and one line on stderr,
/// never a stack trace. The kinds come from the service's one error model
/// (<see cref="ErrorClassifier"/>): invalid options exit 1; bad input files, missing things and
/// limits exit 2; conflicts, unavailable resources and anything unexpected exit 3.
/// </summary>
internal static class CommandRunner
{
    public static int Run(ParseResult parse, Func<int> handler)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(handler);
        var error = parse.Err();
        try
        {
            return handler();
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cantus: canceled");
            return ExitCodes.Failure;
        }
#pragma warning disable CA1031 // the process boundary: report any failure on one line, never a stack trace
        catch (Exception ex)
        {
            var kind = ErrorClassifier.Classify(ex, out var message);
            error.WriteLine(kind is null ? $"cantus: unexpected error ({ex.GetType().Name}): {message}" : $"cantus: error: {message}");
            return ExitCodes.For(kind);
        }
#pragma warning restore CA1031
    }
}
