using Microsoft.AspNetCore.Hosting;

namespace Cantus.Web.Tests;

/// <summary>The host with accounts (<c>--public</c>): sign-in, tokens, each user's things private.</summary>
public class PublicCantusWebFactory : CantusWebFactory
{
    /// <summary>Sign-in attempts allowed per minute (the tests share one client address).</summary>
    protected virtual int SignInAttemptsPerMinute => 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Cantus:Public", "true");
        builder.UseSetting("Cantus:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
