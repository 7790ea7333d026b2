using System.CommandLine;

namespace Cantus.Cli;

/// <summary>Where a command writes: the invocation's output and error writers (the console, or a test's writers).</summary>
internal static class ParseResultOutput
{
    public static TextWriter Out(this ParseResult parse) => parse.InvocationConfiguration.Output;

    public static TextWriter Err(this ParseResult parse) => parse.InvocationConfiguration.Error;
}
