using System.Data.Common;
using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Accounts;

/// <summary>
/// Personal API tokens. A token is shown once when made; the store keeps only its SHA-256
/// (looked up by equality: the hash of a guess tells an attacker nothing about the real token).
/// </summary>
public sealed class ApiTokenRepository
{
    private const string Columns = "id, user_id, name, prefix, created_at, last_used_at, revoked_at";
    private static readonly TimeSpan UseRecordingInterval = TimeSpan.FromMinutes(1);
    private readonly CantusDatabase database;

    internal ApiTokenRepository(CantusDatabase database) => this.database = database;

    /// <summary>Makes a token for <paramref name="userId"/>; a missing user is a <see cref="StoreNotFoundException"/>.</summary>
    public async Task<CreatedApiToken> CreateAsync(string userId, string name, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var secret = StoreIds.NewToken();
        var token = new ApiTokenRecord { Id = StoreIds.New(), UserId = userId, Name = name, Prefix = secret[..8], CreatedAt = database.Now() };
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        try
        {
            await session.ExecuteAsync(
                "INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_at) VALUES (@Id, @UserId, @Name, @Hash, @Prefix, @CreatedAt)",
                new { token.Id, token.UserId, token.Name, Hash = StoreIds.HashToken(secret), token.Prefix, token.CreatedAt }).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException($"User {userId} was not found.", ex);
        }
        return new CreatedApiToken(token, secret);
    }

    /// <summary>The user's tokens, newest first, revoked ones included.</summary>
    public async Task<IReadOnlyList<ApiTokenRecord>> ListAsync(string userId, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<ApiTokenRecord>(
            $"SELECT {Columns} FROM api_tokens WHERE user_id = @userId ORDER BY created_at DESC, id", new { userId }).ConfigureAwait(false);
    }

    /// <summary>
    /// The token that <paramref name="secret"/> is, when it is not revoked and its user is not
    /// disabled, otherwise null. Its use is recorded, at most once a minute (so that requests
    /// do not each cost a write).
    /// </summary>
    public async Task<ApiTokenRecord?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        var token = await session.SingleOrDefaultAsync<ApiTokenRecord>(
            $"""
            SELECT {Columns} FROM api_tokens
            WHERE token_hash = @hash AND revoked_at IS NULL
              AND EXISTS (SELECT 1 FROM users u WHERE u.id = api_tokens.user_id AND NOT u.disabled)
            """, new { hash = StoreIds.HashToken(secret) }).ConfigureAwait(false);
        var now = database.Now();
        if (token is null || token.LastUsedAt > now - UseRecordingInterval) return token;
        await session.ExecuteAsync("UPDATE api_tokens SET last_used_at = @now WHERE id = @Id", new { token.Id, now }).ConfigureAwait(false);
        return token with { LastUsedAt = now };
    }

    /// <summary>Revokes one of the user's tokens (again is harmless); false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, string tokenId, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @tokenId AND user_id = @userId",
            new { tokenId, userId, now = database.Now() }).ConfigureAwait(false) == 1;
    }
}
