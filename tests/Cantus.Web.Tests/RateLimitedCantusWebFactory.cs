namespace Cantus.Web.Tests;

/// <summary>A public host that allows the default 5 sign-in attempts per minute.</summary>
public sealed class RateLimitedCantusWebFactory : PublicCantusWebFactory
{
    protected override int SignInAttemptsPerMinute => 5;
}
