using Cantus.Cli;

namespace Cantus.Gan.Tests.TestSupport;

/// <summary>Runs the <c>cantus</c> command line in this process (the use cases, the binding and the output), with the test data directory.</summary>
internal static class CantusInProcess
{
    static CantusInProcess() => Environment.SetEnvironmentVariable("CANTUS_DATA", Paths.DataRoot);

    public static CantusProcess.Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CantusCli.Run(output, error, args);
        return new CantusProcess.Result(code, output.ToString(), error.ToString());
    }
}
