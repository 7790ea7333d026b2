using System.CommandLine;
using Cantus.Service.Errors;

namespace Cantus.Cli.Tests;

/// <summary>The command line's side of the error model: one line on stderr and the exit code of the error's kind.</summary>
public class CommandRunnerTests
{
    private static (int Code, string Error) Run(Func<int> handler)
    {
        var err = new StringWriter();
        var configured = new RootCommand().Parse([]);
        configured.InvocationConfiguration.Error = err;
        var code = CommandRunner.Run(configured, handler);
        return (code, err.ToString().TrimEnd());
    }

    [Fact]
    public void BadInputExitsTwoWithOneLine()
    {
        var (code, error) = Run(() => throw new InvalidDataException("bad\nthing"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("cantus: error: bad thing", error);
    }

    [Theory]
    [InlineData(ErrorKind.InvalidOptions, 1)]
    [InlineData(ErrorKind.BadInput, 2)]
    [InlineData(ErrorKind.NotFound, 2)]
    [InlineData(ErrorKind.LimitExceeded, 2)]
    [InlineData(ErrorKind.Conflict, 3)]
    [InlineData(ErrorKind.Unavailable, 3)]
    public void EachKindHasItsExitCode(ErrorKind kind, int expected)
    {
        var (code, error) = Run(() => throw new CantusException(kind, "no"));
        Assert.Equal(expected, code);
        Assert.Equal("cantus: error: no", error);
    }

    [Fact]
    public void UnexpectedFailureExitsThreeWithoutAStackTrace()
    {
        var (code, error) = Run(() => throw new InvalidOperationException("broken"));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("cantus: unexpected error (InvalidOperationException): broken", error);
    }
}
