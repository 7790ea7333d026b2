namespace Cantus.Service.Storage.Accounts;

/// <summary>A token just made: its row, and the secret to show the user once (it is not stored).</summary>
/// <param name="Token">The stored row.</param>
/// <param name="Secret">The token to send in the Authorization header.</param>
public sealed record CreatedApiToken(ApiTokenRecord Token, string Secret);
