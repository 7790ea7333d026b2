namespace Cantus.Console.Tests;

/// <summary>A test that needs Debian's chromium: skipped, with what to install, when it is missing (CI installs it).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>The browser the tests drive.</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Skips when chromium is not installed.</summary>
    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium)) Skip = "chromium is not installed (apt-get install chromium); .ci/run installs it";
        Timeout = 300_000;
    }
}
