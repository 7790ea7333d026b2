using System.Net;
using Cantus.Service.Errors;
using Cantus.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cantus.Web.Tests.Hosting;

/// <summary>Cantus:TrustedProxies: addresses and CIDR networks, as a list or one comma-separated value; loopback when empty; a clear refusal otherwise.</summary>
public sealed class TrustedProxiesTests
{
    [Fact]
    public void Nothing_IsLoopbackOnly()
    {
        foreach (var entries in new[] { null, Array.Empty<string>(), [" "] })
        {
            var proxies = TrustedProxies.Parse(entries);
            Assert.Equal([IPAddress.IPv6Loopback], proxies.Addresses);
            Assert.Equal([IPNetwork.Parse("127.0.0.0/8")], proxies.Networks);
        }
    }

    [Fact]
    public void AddressesAndNetworks_InAListOrOneValue()
    {
        var proxies = TrustedProxies.Parse(["10.0.0.5, 192.168.0.0/16", "fd00::/8 2001:db8::1"]);
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("2001:db8::1")], proxies.Addresses);
        Assert.Equal([IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("fd00::/8")], proxies.Networks);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8")], TrustedProxies.Parse(["10.0.0.1/8"]).Networks);
    }

    [Theory]
    [InlineData("nginx.local")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/33")]
    [InlineData("300.1.1.1")]
    public void AnythingElse_IsRefusedNamingIt(string entry)
    {
        var refused = Assert.Throws<CantusException>(() => TrustedProxies.Parse(["127.0.0.1", entry]));
        Assert.Equal(ErrorKind.InvalidOptions, refused.Kind);
        Assert.Contains($"'{entry}'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSettings_ReadOneValueOrAList()
    {
        static CantusWebSettings Read(params (string Key, string Value)[] pairs) =>
            CantusWeb.Settings(new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build());

        Assert.Null(Read().TrustedProxies);
        Assert.Equal(["10.0.0.5,10.0.1.0/24"], Read(("Cantus:TrustedProxies", "10.0.0.5,10.0.1.0/24")).TrustedProxies!);
        Assert.Equal(["10.0.0.5", "10.0.1.0/24"], Read(("Cantus:TrustedProxies:0", "10.0.0.5"), ("Cantus:TrustedProxies:1", "10.0.1.0/24")).TrustedProxies!);
        // A list in appsettings.json and one value in the environment: the environment's, as for any other key.
        Assert.Equal(["10.0.0.2"], Read(("Cantus:TrustedProxies:0", "127.0.0.1"), ("Cantus:TrustedProxies", "10.0.0.2")).TrustedProxies!);
    }
}
