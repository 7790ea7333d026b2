using System.Security.Claims;
using Cantus.Service.Storage.Accounts;
using Cantus.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cantus.Web.Auth;

/// <summary>
/// Whose request this is: on a public server the signed-in user (cookie or API token); on a
/// local server (the default, bound to 127.0.0.1) the single local user, without login.
/// </summary>
public sealed class CurrentUser
{
    private readonly IHttpContextAccessor _http;
    private readonly CantusWebSettings _settings;

    /// <summary>Created per request.</summary>
    public CurrentUser(IHttpContextAccessor http, CantusWebSettings settings)
    {
        _http = http;
        _settings = settings;
    }

    /// <summary>The user's id.</summary>
    /// <exception cref="UnauthorizedAccessException">A public server's request without a signed-in user (the authorization policy answers 401 before this).</exception>
    public string Id => !_settings.Public
        ? UserRepository.LocalUserId
        : _http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new UnauthorizedAccessException("Sign in first.");

    /// <summary>True for an administrator (always on a local server).</summary>
    public bool IsAdmin => !_settings.Public || _http.HttpContext?.User.IsInRole(CantusClaims.AdminRole) == true;
}
