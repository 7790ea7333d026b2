namespace Cantus.Web.Tests;

/// <summary>A test that needs PostgreSQL: skipped, with the reason, when <c>CANTUS_TEST_POSTGRES</c> is not set (CI sets it).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.SkipReason is { } reason) Skip = reason;
    }
}
