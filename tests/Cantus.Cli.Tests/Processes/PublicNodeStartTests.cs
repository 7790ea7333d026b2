namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// A web node of a cluster with accounts (<c>serve --public --db postgres://…</c>) needs the key-ring
/// secret every node shares: without it, it refuses to start in one sentence saying what to set,
/// before it reaches the database.
/// </summary>
public sealed class PublicNodeStartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cantus-public-node-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void APublicNodeOnPostgreSql_WithoutAKeyRingSecret_RefusesToStart_InOneSentence()
    {
        using var node = CantusServer.Serve(_data, "postgres://cantus@127.0.0.1:9/cantus", worker: false, extra: ["--public"]);
        Assert.Equal(1, node.WaitForExit(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("cantus: error: A web node with accounts on PostgreSQL needs Cantus:KeyRingSecret (environment Cantus__KeyRingSecret)", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_data, "*", SearchOption.AllDirectories));
    }
}
