using Cantus.Service.Accounts;
using Cantus.Service.Storage.Accounts;
using Cantus.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cantus.Web.Api;

/// <summary><c>/api/tokens</c>: your personal API tokens for scripts: create (the secret is shown once), list, revoke.</summary>
public static class TokensApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens").WithTags("API tokens");
        group.MapGet("/", List).WithName("ListTokens");
        group.MapPost("/", Create).WithName("CreateToken");
        group.MapDelete("/{id}", Revoke).WithName("RevokeToken").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Your tokens (their first characters, never the secret).</summary>
    public static async Task<Ok<IReadOnlyList<ApiTokenRecord>>> List(CurrentUser user, AccountService accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ListTokensAsync(user.Id, cancellationToken).ConfigureAwait(false));

    /// <summary>Creates a token; <c>secret</c> is in this answer only: keep it, it is stored hashed.</summary>
    public static async Task<Created<CreatedApiToken>> Create(CreateTokenRequest request, CurrentUser user, AccountService accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await accounts.CreateTokenAsync(user.Id, request.Name ?? "", cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/tokens/{token.Token.Id}", token);
    }

    /// <summary>Revokes a token: it never works again.</summary>
    public static async Task<NoContent> Revoke(string id, CurrentUser user, AccountService accounts, CancellationToken cancellationToken)
    {
        await accounts.RevokeTokenAsync(user.Id, id, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}

/// <summary>A new token's name.</summary>
/// <param name="Name">What it is for, e.g. "nightly script".</param>
public sealed record CreateTokenRequest(string? Name);
