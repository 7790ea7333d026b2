using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.KeyRing;

/// <summary>
/// Web nodes of one database share its key ring: a sign-in cookie, an anti-forgery token and any
/// protected payload made by one node are accepted by another (each with its own data directory,
/// as on separate machines behind the proxy), on SQLite and on PostgreSQL; a node of another
/// database, with the same secret, accepts none of them.
/// </summary>
public sealed class SharedKeyRingTests : IDisposable
{
    internal const string Secret = "the cluster's key-ring secret, 0123456789";
    private readonly string _shared = Directory.CreateTempSubdirectory("cantus-shared-db-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_shared, recursive: true);
    }

    [Fact]
    public Task OnSqlite_WhatOneNodeProtects_AnotherAccepts() => WhatOneNodeProtects_AnotherAccepts(Path.Combine(_shared, "cantus.db"));

    [PostgresFact]
    public async Task OnPostgreSql_WhatOneNodeProtects_AnotherAccepts()
    {
        using var database = new TestPostgres();
        await WhatOneNodeProtects_AnotherAccepts(database.ConnectionString);
    }

    private async Task WhatOneNodeProtects_AnotherAccepts(string database)
    {
        using var first = new NodeFactory(database, Secret);
        using var second = new NodeFactory(database, Secret);
        using var stranger = new NodeFactory(Path.Combine(_shared, "other", "cantus.db"), Secret);
        var (cookies, csrf) = await Nodes.SignInAsync(first, "ada");

        using var onSecond = Nodes.WithCookies(second, cookies, csrf);
        Assert.Equal("ada", await Nodes.SignedInAsync(onSecond));
        var change = await onSecond.PostAsJsonAsync("/api/tokens", new { name = "made through the second node" });
        Assert.Equal(HttpStatusCode.Created, change.StatusCode);

        var payload = first.Services.GetDataProtector("a purpose").Protect("made by the first node");
        Assert.Equal("made by the first node", second.Services.GetDataProtector("a purpose").Unprotect(payload));

        // The control: a node of another database has keys of its own, and so knows nobody.
        using var onStranger = Nodes.WithCookies(stranger, cookies, csrf);
        Assert.Null(await Nodes.SignedInAsync(onStranger));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => stranger.Services.GetDataProtector("a purpose").Unprotect(payload));
    }

    [PostgresFact]
    public async Task OnPostgreSql_NodesStartingTogether_MakeOneKey_AndAllUseIt()
    {
        using var database = new TestPostgres();
        var nodes = Enumerable.Range(0, 3).Select(_ => new NodeFactory(database.ConnectionString, Secret)).ToArray();
        try
        {
            await Task.WhenAll(nodes.Select(node => Task.Run(() => node.Services)));
            var keys = await nodes[0].Services.GetRequiredService<Service.Storage.CantusStore>().KeyRing.ListAsync();
            Assert.True(keys.Count == 1, $"{keys.Count} keys: {string.Join(", ", keys.Select(k => k.Name))}");
            var payload = nodes[2].Services.GetDataProtector("a purpose").Protect("made by the third node");
            Assert.All(nodes, node => Assert.Equal("made by the third node", node.Services.GetDataProtector("a purpose").Unprotect(payload)));
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
        }
    }

    [Fact]
    public async Task NodesStartingOnANewDatabase_ShareTheOneKeyTheFirstMade()
    {
        var database = Path.Combine(_shared, "cantus.db");
        using var first = new NodeFactory(database, Secret);
        using var second = new NodeFactory(database, Secret);
        _ = first.Services;
        _ = second.Services;
        var store = second.Services.GetRequiredService<Service.Storage.CantusStore>();
        var keys = await store.KeyRing.ListAsync();
        Assert.True(keys.Count == 1, $"{keys.Count} keys: {string.Join(", ", keys.Select(k => k.Name))}");
    }
}
