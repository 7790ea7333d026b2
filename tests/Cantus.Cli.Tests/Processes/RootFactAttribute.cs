namespace Cantus.Cli.Tests.Processes;

/// <summary>A test that mounts a file system (a small tmpfs): skipped, with the reason, unless it runs as root (CI does).</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root") Skip = "mounting a tmpfs needs root (CI runs as root)";
        Timeout = 300_000;
    }
}
