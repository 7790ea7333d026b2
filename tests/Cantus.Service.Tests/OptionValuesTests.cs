using Cantus.Service.Errors;

namespace Cantus.Service.Tests;

/// <summary>The text forms of option values that the command line and the web share.</summary>
public sealed class OptionValuesTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h", 3600)]
    [InlineData(" 1h30m ", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("1d2h3m4s", 93784)]
    [InlineData("01:30:00", 5400)]
    [InlineData("3650d", 315360000)]
    public void Duration_ReadsNumbersWithUnits_AndClockTime(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OptionValues.Duration(text));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1")]
    [InlineData("h")]
    [InlineData("1w")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    [InlineData("1H")]
    [InlineData("3651d")]
    [InlineData("9999999999s")]
    [InlineData("-01:00:00")]
    [InlineData("soon")]
    public void Duration_RefusesAnythingElse_NamingTheField(string? text)
    {
        var refused = Assert.Throws<CantusException>(() => OptionValues.Duration(text, "--older-than"));
        Assert.Equal(ErrorKind.InvalidOptions, refused.Kind);
        Assert.StartsWith($"--older-than: '{text}' is not a duration", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(3600, "1h")]
    [InlineData(5400, "1h30m")]
    [InlineData(93784, "1d2h3m4s")]
    public void FormatDuration_WritesWhatDurationReads(int seconds, string text)
    {
        Assert.Equal(text, OptionValues.FormatDuration(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(TimeSpan.FromSeconds(seconds), OptionValues.Duration(text));
    }
}
