using System.CommandLine;

namespace Cantus.Cli;

/// <summary>Runs the <c>cantus</c> command line in this process with the given writers (what tests use).</summary>
internal static class CantusCli
{
    public static int Run(TextWriter output, TextWriter error, params string[] args) =>
        CantusCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
}
