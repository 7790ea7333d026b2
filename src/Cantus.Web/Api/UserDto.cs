using System.Security.Claims;
using Cantus.Web.Auth;

namespace Cantus.Web.Api;

/// <summary>A user as the API shows it (never a password or a hash).</summary>
/// <param name="Id">The id.</param>
/// <param name="Name">The sign-in name.</param>
/// <param name="DisplayName">The name shown.</param>
/// <param name="IsAdmin">True for an administrator.</param>
public sealed record UserDto(string Id, string Name, string DisplayName, bool IsAdmin)
{
    /// <summary>The user of a signed-in principal.</summary>
    public static UserDto Of(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return new UserDto(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", principal.FindFirstValue(ClaimTypes.Name) ?? "",
            principal.FindFirstValue("display_name") ?? "", principal.IsInRole(CantusClaims.AdminRole));
    }
}
