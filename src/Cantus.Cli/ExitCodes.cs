namespace Cantus.Cli;

/// <summary>Process exit codes of the <c>cantus</c> executable.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line was wrong (unknown option, missing argument, bad value).</summary>
    public const int Usage = 1;

    /// <summary>An input file was missing, unreadable or malformed.</summary>
    public const int BadInput = 2;

    /// <summary>Anything else went wrong.</summary>
    public const int Failure = 3;
}
