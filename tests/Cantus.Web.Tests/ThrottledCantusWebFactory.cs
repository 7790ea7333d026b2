using Microsoft.AspNetCore.Hosting;

namespace Cantus.Web.Tests;

/// <summary>A public host that allows 2 requests per second per client.</summary>
public sealed class ThrottledCantusWebFactory : PublicCantusWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Cantus:RequestsPerSecond", "2");
    }
}
