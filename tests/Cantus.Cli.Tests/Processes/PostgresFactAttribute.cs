namespace Cantus.Cli.Tests.Processes;

/// <summary>A test that needs a PostgreSQL server: skipped, with the reason, when <c>CANTUS_TEST_POSTGRES</c> is not set (CI sets it).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresDatabase.Variable)))
            Skip = $"needs PostgreSQL: set {PostgresDatabase.Variable} to a connection string of a server where CREATE DATABASE is allowed (.ci/run starts one)";
    }
}
