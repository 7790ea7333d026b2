using Cantus.Service.Errors;

namespace Cantus.Cli;

/// <summary>Process exit codes of the <c>cantus</c> executable (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line was wrong (unknown option, missing argument, bad value).</summary>
    public const int Usage = 1;

    /// <summary>An input was missing, unreadable, malformed or over a limit.</summary>
    public const int BadInput = 2;

    /// <summary>Anything else went wrong.</summary>
    public const int Failure = 3;

    /// <summary>The exit code of an error of <paramref name="kind"/> (null: an unexpected error).</summary>
    public static int For(ErrorKind? kind) => kind switch
    {
        ErrorKind.InvalidOptions => Usage,
        ErrorKind.BadInput or ErrorKind.NotFound or ErrorKind.LimitExceeded => BadInput,
        _ => Failure,
    };
}
