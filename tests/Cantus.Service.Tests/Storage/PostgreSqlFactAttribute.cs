namespace Cantus.Service.Tests.Storage;

/// <summary>A PostgreSQL-only fact, skipped with the reason when <c>CANTUS_TEST_POSTGRES</c> is not set.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (PostgreSqlStoreFixture.SkipReason is { } reason) Skip = reason;
    }
}
