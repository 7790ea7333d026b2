namespace Cantus.Cli.Tests;

public class CommandRunnerTests
{
    [Fact]
    public void BadInputExitsTwoWithOneLine()
    {
        var err = new StringWriter();
        var code = CommandRunner.Run(() => throw new InvalidDataException("bad\nthing"), err);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("cantus: error: bad thing", err.ToString().TrimEnd());
    }

    [Fact]
    public void UsageExitsOne()
    {
        var err = new StringWriter();
        Assert.Equal(ExitCodes.Usage, CommandRunner.Run(() => throw new UsageException("no"), err));
    }

    [Fact]
    public void OtherFailureExitsThree()
    {
        var err = new StringWriter();
        Assert.Equal(ExitCodes.Failure, CommandRunner.Run(() => throw new IOException("disk"), err));
    }
}
