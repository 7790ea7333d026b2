namespace Cantus.Service.Storage.Accounts;

/// <summary>A user account (table <c>users</c>).</summary>
public sealed record UserRecord
{
    /// <summary>The id; left empty on create, the store assigns one.</summary>
    public string Id { get; init; } = "";

    /// <summary>The login name, unique.</summary>
    public required string Name { get; init; }

    /// <summary>The name shown in the console.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The password hash made by the service's KDF; null for a user without a password (the local user).</summary>
    public string? PasswordHash { get; init; }

    /// <summary>True for an administrator.</summary>
    public bool IsAdmin { get; init; }

    /// <summary>True when the account may no longer log in or use its tokens.</summary>
    public bool Disabled { get; init; }

    /// <summary>When the account was created (set by the store).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
