using Cantus.Service.Storage;
using Npgsql;

namespace Cantus.Service.Tests.Storage;

/// <summary>How the one connection setting chooses the engine (no database is opened).</summary>
public sealed class ConnectionStringTests
{
    [Theory]
    [InlineData("postgres://cantus@db/cantus", DatabaseEngine.PostgreSql)]
    [InlineData("POSTGRESQL://db", DatabaseEngine.PostgreSql)]
    [InlineData("Host=db;Username=cantus;Database=cantus", DatabaseEngine.PostgreSql)]
    [InlineData("Username=cantus; host=db", DatabaseEngine.PostgreSql)]
    [InlineData("/var/lib/cantus/cantus.db", DatabaseEngine.Sqlite)]
    [InlineData("cantus.db", DatabaseEngine.Sqlite)]
    [InlineData("Data Source=/tmp/cantus.db;Cache=Shared", DatabaseEngine.Sqlite)]
    public void TheSettingChoosesTheEngine(string connection, DatabaseEngine engine)
    {
        using var database = CantusDatabase.Open(connection);
        Assert.Equal(engine, database.Engine);
    }

    [Fact]
    public void APostgresUriBecomesKeywords()
    {
        using var database = CantusDatabase.Open("postgresql://cantus:p%40ss%3Bword@db.example:5433/music%20box?sslmode=require&application_name=cantus-web");
        Assert.Equal("PostgreSQL db.example:5433/music box", database.Description);
        Assert.DoesNotContain("word", database.Description, StringComparison.Ordinal);
        var keywords = new NpgsqlConnectionStringBuilder(Cantus.Service.Storage.Sql.ConnectionStrings.ToNpgsql(
            "postgresql://cantus:p%40ss%3Bword@db.example:5433/music%20box?sslmode=require&application_name=cantus-web&Maximum%20Pool%20Size=7"));
        Assert.Equal(("cantus", "p@ss;word", "db.example", 5433, "music box"), (keywords.Username, keywords.Password, keywords.Host, keywords.Port, keywords.Database));
        Assert.Equal((SslMode.Require, "cantus-web", 7), (keywords.SslMode, keywords.ApplicationName, keywords.MaxPoolSize));
    }

    [Theory]
    [InlineData("postgres://[::1]:6000/x", "::1", 6000)]
    [InlineData("postgres://localhost/x", "localhost", 5432)]
    [InlineData("postgres://a:5432,b:5433/x", "a:5432,b:5433", 5432)]
    public void HostsAndPorts(string uri, string host, int port)
    {
        var keywords = new NpgsqlConnectionStringBuilder(Cantus.Service.Storage.Sql.ConnectionStrings.ToNpgsql(uri));
        Assert.Equal((host, port), (keywords.Host, keywords.Port));
    }

    [Theory]
    [InlineData("postgres://db/x?no_such_setting=1")]
    [InlineData("postgres://db:port/x")]
    [InlineData("Host=db;Bogus Keyword=1")]
    [InlineData(":memory:")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=x.db;Mode=Memory")]
    [InlineData("Data Source=x.db;Mode=ReadOnly")]
    [InlineData("  ")]
    public void UnusableSettingsAreRefused(string connection) =>
        Assert.ThrowsAny<ArgumentException>(() => CantusDatabase.Open(connection));

    [Fact]
    public void TheDataDirectoryHoldsCantusDb()
    {
        using var database = CantusDatabase.OpenDataDirectory("/srv/cantus");
        Assert.Equal("/srv/cantus/cantus.db", database.SqliteFile);
    }

    [Fact]
    public void OptionsAreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CantusDatabase.Open("x.db", new StoreOptions { MaxBlobBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CantusDatabase.Open("x.db", new StoreOptions { BusyTimeout = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CantusDatabase.Open("x.db", new StoreOptions { BlobGracePeriod = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CantusDatabase.Open("x.db", new StoreOptions { SpoolMemoryBytes = -1 }));
    }

    [Fact]
    public void IdsAndTokens()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => StoreIds.New()).ToHashSet();
        Assert.Equal(1000, ids.Count);
        Assert.All(ids, id => Assert.True(StoreIds.IsWellFormed(id)));
        Assert.False(StoreIds.IsWellFormed("local"));
        Assert.False(StoreIds.IsWellFormed("0123456789ABCDEF"));
        var token = StoreIds.NewToken();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(64, StoreIds.HashToken(token).Length);
    }
}
