using System.Net;
using System.Net.Http.Json;
using Cantus.Service.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.Hosting;

/// <summary>
/// Behind a proxy, the per-address sign-in limit counts each client the proxy forwards for, not
/// the proxy: X-Forwarded-For and X-Forwarded-Proto are believed from trusted proxies only
/// (Cantus:TrustedProxies, loopback by default). Through Kestrel on 127.0.0.1, as nginx on the
/// same machine connects; 2 sign-in attempts a minute.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private sealed class ProxiedNode(string? trustedProxies) : PublicCantusWebFactory
    {
        protected override int SignInAttemptsPerMinute => 2;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (trustedProxies is not null) builder.UseSetting("Cantus:TrustedProxies", trustedProxies);
        }
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string? forwardedFor, string password = "a wrong password", string? proto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { name = "erin", password }) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
        return await client.SendAsync(request);
    }

    private static (ProxiedNode Node, HttpClient Client) Start(string? trustedProxies)
    {
        var node = new ProxiedNode(trustedProxies);
        node.UseKestrel(0);
        node.Services.GetRequiredService<AccountService>().CreateUserAsync("erin", "correct horse battery").GetAwaiter().GetResult();
        // Kestrel on 127.0.0.1 (not the in-memory test server): the connection's address is real, as nginx's on the same machine is.
        var address = Assert.Single(node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses);
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        return (node, new HttpClient { BaseAddress = new Uri(address) });
    }

    [Fact]
    public async Task FromATrustedProxy_EachForwardedClientHasItsOwnLimit_AndCannotShedIt()
    {
        var (node, client) = Start(trustedProxies: null);
        using (node)
        using (client)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "203.0.113.1")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "203.0.113.1")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(client, "203.0.113.1")).StatusCode);

            // Another client behind the same proxy is not held back by the first one's attempts.
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "203.0.113.2")).StatusCode);
            // The proxy's own requests count as the proxy's.
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, forwardedFor: null)).StatusCode);
            // A client that writes its own X-Forwarded-For gets it prepended to what the proxy saw: still the first client.
            Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(client, "198.51.100.7, 203.0.113.1")).StatusCode);

            // The scheme the client used: a sign-in over https at the proxy gets a Secure cookie.
            var signedIn = await SignInAsync(client, "203.0.113.3", "correct horse battery", proto: "https");
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cantus=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task FromAnUntrustedPeer_ForwardedHeadersAreIgnored_SoNoClientCanSpoofAnother()
    {
        // Only 10.0.0.0/8 is trusted (one value, as an environment variable would give it): this test's 127.0.0.1 is not.
        var (node, client) = Start(trustedProxies: "10.0.0.0/8, 192.0.2.10");
        using (node)
        using (client)
        {
            var signedIn = await SignInAsync(client, "203.0.113.1", "correct horse battery", proto: "https");
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            Assert.DoesNotContain(signedIn.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));

            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "203.0.113.2")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(client, "203.0.113.3")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(client, forwardedFor: null)).StatusCode);
        }
    }
}
