using Cantus.Service.Accounts;
using Cantus.Web.Auth;
using Cantus.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cantus.Web.Api;

/// <summary>
/// <c>/api/session</c>: who is signed in (and the anti-forgery token the console sends with every
/// change), sign in with name and password (a cookie; rate-limited), sign out. On a local server
/// the single local user is always signed in.
/// </summary>
public static class SessionApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Session");
        group.MapGet("/", GetSession).WithName("GetSession").AllowAnonymous();
        group.MapPost("/", SignIn).WithName("SignIn").AllowAnonymous().RequireRateLimiting(AuthSetup.SignInPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapDelete("/", (Delegate)SignOut).WithName("SignOut").AllowAnonymous();
        return app;
    }

    /// <summary>The signed-in user (null when nobody is), whether the server has accounts, and the anti-forgery token.</summary>
    public static Ok<SessionDto> GetSession(HttpContext context, CantusWebSettings settings, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(antiforgery);
        if (!settings.Public) return TypedResults.Ok(new SessionDto(false, new UserDto("local", "local", "Local user", true), null));
        var user = context.User.Identity?.IsAuthenticated == true ? UserDto.Of(context.User) : null;
        var token = user is null ? null : antiforgery.GetAndStoreTokens(context).RequestToken;
        return TypedResults.Ok(new SessionDto(true, user, token));
    }

    /// <summary>Signs in with a name and a password (a cookie for the console).</summary>
    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> SignIn(SignInRequest request, HttpContext context, AccountService accounts, CantusWebSettings settings, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!settings.Public) return GetSession(context, settings, antiforgery);
        var user = await accounts.SignInAsync(request.Name ?? "", request.Password ?? "", context.RequestAborted).ConfigureAwait(false);
        if (user is null)
            return TypedResults.Problem(title: "Sign in", detail: "The name or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
        var principal = CantusClaims.Principal(user, CantusClaims.CookieScheme);
        await context.SignInAsync(CantusClaims.CookieScheme, principal).ConfigureAwait(false);
        context.User = principal;
        return TypedResults.Ok(new SessionDto(true, UserDto.Of(principal), antiforgery.GetAndStoreTokens(context).RequestToken));
    }

    /// <summary>Signs out.</summary>
    public static async Task<NoContent> SignOut(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.SignOutAsync(CantusClaims.CookieScheme).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}

/// <summary>A sign-in.</summary>
/// <param name="Name">The user's name.</param>
/// <param name="Password">The password.</param>
public sealed record SignInRequest(string? Name, string? Password);

/// <summary>The session.</summary>
/// <param name="Accounts">True when the server has accounts (public); false for the single local user.</param>
/// <param name="User">The signed-in user, or null.</param>
/// <param name="CsrfToken">The anti-forgery token to send as the X-CSRF-TOKEN header with every change made with the cookie.</param>
public sealed record SessionDto(bool Accounts, UserDto? User, string? CsrfToken);
