using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Hosting;

/// <summary>
/// Behind a reverse proxy every connection comes from the proxy: the client's address and scheme
/// are taken from <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, but only on a request whose
/// peer is a trusted proxy (<see cref="TrustedProxies"/>), walking the chain from the right while each
/// hop is trusted. A client that sends its own <c>X-Forwarded-For</c> cannot pass for another:
/// the proxy appends the address it saw, and the walk stops at that first untrusted address. The
/// per-address limits (sign-in attempts, requests before sign-in) and cookies' Secure flag then see
/// the real client.
/// </summary>
public static class ForwardedHeadersSetup
{
    /// <summary>Configures the middleware to trust <paramref name="proxies"/> only.</summary>
    public static void AddCantusForwardedHeaders(this IServiceCollection services, TrustedProxies proxies)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(proxies);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null; // as many hops as are trusted (a load balancer in front of nginx, say)
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxies.Addresses) o.KnownProxies.Add(address);
            foreach (var network in proxies.Networks) o.KnownIPNetworks.Add(network);
        });
    }

    /// <summary>Adds the middleware; first, so that everything after it sees the client.</summary>
    public static void UseCantusForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
    }
}
