using System.Threading.RateLimiting;
using Cantus.Service.Accounts;
using Cantus.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Auth;

/// <summary>
/// Accounts on a public server: cookie sign-in for the console (HttpOnly, SameSite=Strict, with an
/// anti-forgery header on every change), personal API tokens for scripts, every API endpoint
/// signed-in only unless it says otherwise, sign-in attempts rate-limited per address (429 with
/// Retry-After). A local server registers the same pieces but lets every request through as the local user.
/// </summary>
public static class AuthSetup
{
    /// <summary>The rate-limiting policy of sign-in attempts.</summary>
    public const string SignInPolicy = "sign-in";

    /// <summary>The authorization policy of administrators' endpoints.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>The header that carries the anti-forgery token.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>Registers authentication, authorization, anti-forgery and rate limiting.</summary>
    public static void AddCantusAuth(this IServiceCollection services, CantusWebSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<AccountService>();
        services.AddAuthentication(CantusClaims.PolicyScheme)
            .AddPolicyScheme(CantusClaims.PolicyScheme, "cookie or token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? CantusClaims.TokenScheme : CantusClaims.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(CantusClaims.TokenScheme, null)
            .AddCookie(CantusClaims.CookieScheme, o =>
            {
                o.Cookie.Name = "cantus";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => Problem(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in first (POST /api/session), or send a personal API token as 'Authorization: Bearer …'.");
                o.Events.OnRedirectToAccessDenied = context => Problem(context.HttpContext, StatusCodes.Status403Forbidden, "Only an administrator may do this.");
                o.Events.OnValidatePrincipal = async context =>
                {
                    var id = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
                    var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
                    if (id is null || await accounts.GetActiveAsync(id, context.HttpContext.RequestAborted).ConfigureAwait(false) is null)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CantusClaims.CookieScheme).ConfigureAwait(false);
                    }
                };
            });
        services.AddAuthorization(o =>
        {
            if (settings.Public) o.FallbackPolicy = new AuthorizationPolicyBuilder(CantusClaims.PolicyScheme).RequireAuthenticatedUser().Build();
            o.AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(CantusClaims.PolicyScheme).RequireRole(CantusClaims.AdminRole));
        });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "cantus-csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            if (settings.Public)
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(
                    context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(1, settings.RequestsPerSecond * 2),
                        TokensPerPeriod = Math.Max(1, settings.RequestsPerSecond),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    }));
            o.OnRejected = async (context, token) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problem(context.HttpContext, StatusCodes.Status429TooManyRequests, $"Too many attempts; try again in {Math.Ceiling(retry.TotalSeconds)} seconds.").ConfigureAwait(false);
            };
        });
    }

    /// <summary>On a public server, only administrators may use the endpoint (shared resources such as the data directory's datasets); on a local server, anyone.</summary>
    public static TBuilder AdminsOnlyWhenPublic<TBuilder>(this TBuilder builder, CantusWebSettings settings) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Public ? builder.RequireAuthorization(AdminPolicy) : builder;
    }

    /// <summary>Adds the middleware: authentication, authorization, rate limiting and, on a public server, the anti-forgery check of cookie-signed changes.</summary>
    public static void UseCantusAuth(this WebApplication app, CantusWebSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        app.UseAuthentication();
        app.UseRateLimiter();
        if (settings.Public)
            app.Use(async (context, next) =>
            {
                var unsafeMethod = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
                var signIn = context.Request.Path.Equals("/api/session", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(context.Request.Method);
                if (unsafeMethod && !signIn && context.User.Identity is { IsAuthenticated: true, AuthenticationType: CantusClaims.CookieScheme })
                {
                    var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                    if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
                    {
                        await Problem(context, StatusCodes.Status400BadRequest, $"This change needs the anti-forgery token from GET /api/session in the {AntiforgeryHeader} header.").ConfigureAwait(false);
                        return;
                    }
                }
                await next(context).ConfigureAwait(false);
            });
        app.UseAuthorization();
    }

    private static Task Problem(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = status switch { 401 => "Sign in", 403 => "Forbidden", 429 => "Too many requests", _ => "Invalid request" }, Detail = detail },
        }).AsTask();
    }
}
