using System.Xml.Linq;
using Cantus.Service.Accounts;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Web.Hosting;
using Cantus.Web.KeyRing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.KeyRing;

/// <summary>
/// What the database holds of the key ring: no key material and no secret in plain, only sealed
/// elements that the node's secret opens; a node given another secret is refused at start with a
/// sentence saying what to do; the embedded server works without any setting and keeps its
/// sign-ins across restarts.
/// </summary>
public sealed class StoredKeyRingTests : IDisposable
{
    private readonly string _shared = Directory.CreateTempSubdirectory("cantus-stored-key-ring-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_shared, recursive: true);
    }

    private string Database => Path.Combine(_shared, "cantus.db");

    [Fact]
    public async Task TheStoredXml_HoldsNoKeyMaterialInPlain()
    {
        using var node = new NodeFactory(Database, SharedKeyRingTests.Secret);
        var elements = await node.Services.GetRequiredService<CantusStore>().KeyRing.ListAsync();
        var element = Assert.Single(elements);
        Assert.StartsWith("key-", element.Name, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", element.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain(SharedKeyRingTests.Secret, element.Xml, StringComparison.Ordinal);

        // The sealed part opens, with the node's secret, to the key material, which the stored text does not contain.
        var sealedElement = Assert.Single(XElement.Parse(element.Xml).Descendants(SealedXmlEncryptor.Sealed));
        var opened = new SealedXmlDecryptor(node.Services).Decrypt(sealedElement);
        var material = Assert.Single(opened.DescendantsAndSelf(), e => e.Name.LocalName == "masterKey").Value.Trim();
        Assert.True(material.Length >= 40, $"unexpected master key element: {opened}");
        Assert.DoesNotContain(material, element.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public void ANodeWithAnotherSecret_IsRefusedAtStart_SayingWhatToDo()
    {
        using (var first = new NodeFactory(Database, SharedKeyRingTests.Secret)) _ = first.Services;

        var refused = Assert.Throws<CantusException>(() => CantusWeb.Build(
        [
            "--Cantus:Data", Path.Combine(_shared, "second"), "--Cantus:Database", Database, "--Cantus:Public", "true", "--Cantus:Worker", "false",
            "--Cantus:WarmUp", "false", "--Cantus:KeyRingSecret", "another secret, also long enough to be one",
        ]));
        Assert.Equal(ErrorKind.InvalidOptions, refused.Kind);
        Assert.Contains("was encrypted with another Cantus:KeyRingSecret than this node's", refused.Message, StringComparison.Ordinal);
        Assert.Contains("give every node the same secret", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another secret, also long", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APublicNodeOnPostgreSqlWithoutASecret_IsRefusedAtStart_SayingWhatToSet()
    {
        // Refused before the database is reached: the address need not answer.
        var refused = Assert.Throws<CantusException>(() => CantusWeb.Build(
        [
            "--Cantus:Data", Path.Combine(_shared, "node"), "--Cantus:Database", "postgres://cantus@127.0.0.1:9/cantus", "--Cantus:Public", "true",
            "--Cantus:Worker", "false", "--Cantus:WarmUp", "false",
        ]));
        Assert.Contains("needs Cantus:KeyRingSecret (environment Cantus__KeyRingSecret)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEmbeddedServer_MakesItsOwnSecret_AndKeepsSignInsAcrossRestarts()
    {
        var data = Path.Combine(_shared, "data");
        string cookies;
        using (var before = new NodeFactory(Path.Combine(data, "cantus.db"), keyRingSecret: null, ("Cantus:Data", data)))
            (cookies, _) = await Nodes.SignInAsync(before, "ada");

        var secretFile = Path.Combine(data, KeyRingSecret.FileName);
        Assert.True(File.Exists(secretFile));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));

        using var after = new NodeFactory(Path.Combine(data, "cantus.db"), keyRingSecret: null, ("Cantus:Data", data));
        using var client = Nodes.WithCookies(after, cookies);
        Assert.Equal("ada", await Nodes.SignedInAsync(client));
        var stored = Assert.Single(await after.Services.GetRequiredService<CantusStore>().KeyRing.ListAsync());
        Assert.DoesNotContain(File.ReadAllText(secretFile).Trim(), stored.Xml, StringComparison.Ordinal);
    }
}
