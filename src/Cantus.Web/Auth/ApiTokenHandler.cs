using System.Text.Encodings.Web;
using Cantus.Service.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cantus.Web.Auth;

/// <summary>Signs a request in by its personal API token: <c>Authorization: Bearer &lt;token&gt;</c> (the token is compared by its SHA-256 hash).</summary>
public sealed class ApiTokenHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private readonly AccountService _accounts;

    /// <summary>Created by the authentication middleware.</summary>
    public ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts)
        : base(options, logger, encoder) => _accounts = accounts;

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 200) return AuthenticateResult.Fail("The API token is malformed.");
        var user = await _accounts.AuthenticateTokenAsync(secret, Context.RequestAborted).ConfigureAwait(false);
        return user is null
            ? AuthenticateResult.Fail("The API token is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(CantusClaims.Principal(user, Scheme.Name), Scheme.Name));
    }
}
