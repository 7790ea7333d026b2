using System.Security.Cryptography;
using Cantus.Music.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;

namespace Cantus.Service.Accounts;

/// <summary>
/// The accounts use case: users with hashed passwords, sign-in, the first administrator, and
/// personal API tokens (shown once, stored as SHA-256 hashes).
/// </summary>
public sealed class AccountService
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinPasswordLength = 10;

    private readonly CantusStore _store;

    /// <summary>Creates the use case.</summary>
    public AccountService(CantusStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Creates a user.</summary>
    /// <exception cref="CantusException">InvalidOptions: a bad name or a short password; Conflict: the name is taken.</exception>
    public async Task<UserRecord> CreateUserAsync(string name, string password, bool isAdmin = false, string? displayName = null, CancellationToken cancellationToken = default)
    {
        var normalized = (name ?? "").Trim().ToLowerInvariant();
        if (!DatasetCatalog.IsValidName(normalized) || normalized == UserRepository.LocalUserId)
            throw CantusException.Invalid($"A user name is 1–64 lower-case letters, digits, '.', '_' or '-' (and not '{UserRepository.LocalUserId}'); '{name}' is not.", "name");
        CheckPassword(password);
        if (await _store.Users.FindByNameAsync(normalized, cancellationToken: cancellationToken).ConfigureAwait(false) is not null)
            throw CantusException.Conflict($"A user named '{normalized}' already exists.");
        try
        {
            return await _store.Users.CreateAsync(new UserRecord
            {
                Name = normalized,
                DisplayName = string.IsNullOrWhiteSpace(displayName) ? normalized : displayName.Trim(),
                PasswordHash = PasswordHasher.Hash(password),
                IsAdmin = isAdmin,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException)
        {
            throw CantusException.Conflict($"A user named '{normalized}' already exists.");
        }
    }

    /// <summary>The user whose name and password these are, or null (a disabled user, a wrong password and a missing user look the same and take the same time).</summary>
    public async Task<UserRecord?> SignInAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        var user = await _store.Users.FindByNameAsync((name ?? "").Trim().ToLowerInvariant(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var ok = PasswordHasher.Verify(password ?? "", user?.PasswordHash);
        return ok && user is { Disabled: false } ? user : null;
    }

    /// <summary>The user, or null when missing or disabled.</summary>
    public async Task<UserRecord?> GetActiveAsync(string userId, CancellationToken cancellationToken = default) =>
        await _store.Users.GetAsync(userId, cancellationToken: cancellationToken).ConfigureAwait(false) is { Disabled: false } user ? user : null;

    /// <summary>
    /// Makes sure an administrator exists: when none does, creates <c>admin</c> (or makes the
    /// existing user of that name an active administrator) with a random password and returns that
    /// password, to be shown once; null when one exists. Exactly once across processes: of several
    /// web nodes starting together on an empty database one gets the password, the others null.
    /// </summary>
    public async Task<string?> EnsureAdminAsync(CancellationToken cancellationToken = default)
    {
        if (await _store.Users.HasActiveAdminAsync(cancellationToken: cancellationToken).ConfigureAwait(false)) return null;
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var admin = new UserRecord { Name = "admin", DisplayName = "Administrator", PasswordHash = PasswordHasher.Hash(password), IsAdmin = true };
        return await _store.Users.CreateFirstAdminAsync(admin, cancellationToken).ConfigureAwait(false) ? password : null;
    }

    /// <summary>Sets a user's password.</summary>
    public async Task SetPasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        CheckPassword(password);
        var user = await _store.Users.FindByNameAsync((name ?? "").Trim().ToLowerInvariant(), cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw CantusException.NotFound($"There is no user named '{name}'.");
        await _store.Users.UpdateAsync(user with { PasswordHash = PasswordHasher.Hash(password) }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every user.</summary>
    public async Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        await _store.Users.ListAsync(new Page(0, Page.MaxLimit), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Creates a personal API token: the secret is in the result once and never again.</summary>
    public async Task<CreatedApiToken> CreateTokenAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100) throw CantusException.Invalid("A token's name is 1..100 characters.", "name");
        return await _store.ApiTokens.CreateAsync(userId, name.Trim(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user's tokens (without secrets).</summary>
    public async Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(string userId, CancellationToken cancellationToken = default) =>
        await _store.ApiTokens.ListAsync(userId, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Revokes one of the user's tokens.</summary>
    public async Task RevokeTokenAsync(string userId, string tokenId, CancellationToken cancellationToken = default)
    {
        if (!await _store.ApiTokens.RevokeAsync(userId, tokenId, cancellationToken: cancellationToken).ConfigureAwait(false))
            throw CantusException.NotFound($"There is no token '{tokenId}'.");
    }

    /// <summary>The active user a token secret belongs to, or null.</summary>
    public async Task<UserRecord?> AuthenticateTokenAsync(string secret, CancellationToken cancellationToken = default)
    {
        var token = await _store.ApiTokens.AuthenticateAsync(secret, cancellationToken).ConfigureAwait(false);
        return token is null ? null : await GetActiveAsync(token.UserId, cancellationToken).ConfigureAwait(false);
    }

    private static void CheckPassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength || password.Length > 1024)
            throw CantusException.Invalid($"A password is at least {MinPasswordLength} characters.", "password");
    }
}
