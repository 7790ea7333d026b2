namespace Cantus.Cli.Tests.Processes;

/// <summary>A test that starts a PostgreSQL server of its own: skipped, with what to install, when the binaries are missing (.ci/run installs them).</summary>
public sealed class PostgresInstalledFactAttribute : FactAttribute
{
    public PostgresInstalledFactAttribute()
    {
        if (TemporaryPostgres.Binaries is null) Skip = "needs PostgreSQL's binaries (apt-get install postgresql); .ci/run installs them";
        Timeout = 300_000;
    }
}
