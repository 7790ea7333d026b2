using Microsoft.AspNetCore.Hosting;

namespace Cantus.Web.Tests;

/// <summary>
/// One web node of a cluster (<c>serve --public --db … --no-worker</c>) with a data directory of its
/// own and a content root (working directory) of its own: several of them given the same
/// <see cref="Database"/> share everything the database holds.
/// </summary>
public sealed class NodeFactory(string database, string? keyRingSecret, params (string Key, string Value)[] settings) : PublicCantusWebFactory
{
    public string Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseContentRoot(Root);
        builder.UseSetting("Cantus:Database", Database);
        builder.UseSetting("Cantus:Worker", "false");
        if (keyRingSecret is not null) builder.UseSetting("Cantus:KeyRingSecret", keyRingSecret);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}
