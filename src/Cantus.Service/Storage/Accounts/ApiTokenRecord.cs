namespace Cantus.Service.Storage.Accounts;

/// <summary>A personal API token (table <c>api_tokens</c>); the token itself is never stored, only its SHA-256.</summary>
public sealed record ApiTokenRecord
{
    /// <summary>The id.</summary>
    public required string Id { get; init; }

    /// <summary>The user the token acts for.</summary>
    public required string UserId { get; init; }

    /// <summary>The name the user gave it.</summary>
    public required string Name { get; init; }

    /// <summary>The token's first 8 characters, to tell tokens apart in lists.</summary>
    public required string Prefix { get; init; }

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last authenticated a request, if ever.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When it was revoked; a revoked token authenticates nothing.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
}
