using System.Security.Claims;
using Cantus.Service.Storage.Accounts;

namespace Cantus.Web.Auth;

/// <summary>The claims of a signed-in user, and the names of the authentication schemes.</summary>
public static class CantusClaims
{
    /// <summary>Cookie sign-in (the console).</summary>
    public const string CookieScheme = "cantus-cookie";

    /// <summary>Personal API tokens (<c>Authorization: Bearer …</c>; scripts).</summary>
    public const string TokenScheme = "cantus-token";

    /// <summary>Chooses between the two by the request's Authorization header.</summary>
    public const string PolicyScheme = "cantus";

    /// <summary>The administrators' role.</summary>
    public const string AdminRole = "admin";

    /// <summary>The principal of <paramref name="user"/> for <paramref name="scheme"/>.</summary>
    public static ClaimsPrincipal Principal(UserRecord user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.Name),
            new("display_name", user.DisplayName),
        };
        if (user.IsAdmin) claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
