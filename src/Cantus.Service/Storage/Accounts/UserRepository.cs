using System.Data.Common;
using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Accounts;

/// <summary>User accounts. Administrative: these methods are not scoped to an owner.</summary>
public sealed class UserRepository
{
    /// <summary>The id (and name) of the user that the embedded single-user mode acts as; made by the first migration.</summary>
    public const string LocalUserId = "local";

    private const string Columns = "id, name, display_name, password_hash, is_admin, disabled, created_at";
    private readonly CantusDatabase database;

    internal UserRepository(CantusDatabase database) => this.database = database;

    /// <summary>Stores a new user; a name already taken is a <see cref="StoreConflictException"/>.</summary>
    public async Task<UserRecord> CreateAsync(UserRecord user, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Name);
        var row = user with { Id = user.Id.Length > 0 ? user.Id : StoreIds.New(), CreatedAt = database.Now() };
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        try
        {
            await session.ExecuteAsync(
                $"INSERT INTO users ({Columns}) VALUES (@Id, @Name, @DisplayName, @PasswordHash, @IsAdmin, @Disabled, @CreatedAt)", row).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsUniqueViolation(ex))
        {
            throw new StoreConflictException($"A user named \"{user.Name}\" already exists.", ex);
        }
        return row;
    }

    /// <summary>True when an administrator other than the local user exists and is not disabled.</summary>
    public async Task<bool> HasActiveAdminAsync(DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await ActiveAdminsAsync(session).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// Makes <paramref name="admin"/> (its name, display name and password hash) the first
    /// administrator, exactly once however many processes try at the same moment: under a lock (an
    /// advisory lock on PostgreSQL, the write lock on SQLite) and only while no active administrator
    /// other than the local user exists, the user of that name is created, or, when the name exists
    /// (disabled, or not an administrator), made an active administrator with that password hash.
    /// True when this call did it; false when an administrator existed, and then nothing changed.
    /// </summary>
    public async Task<bool> CreateFirstAdminAsync(UserRecord admin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentException.ThrowIfNullOrWhiteSpace(admin.Name);
        await using var session = await DbSession.OpenAsync(database, null, true, cancellationToken).ConfigureAwait(false);
        if (database.Dialect.TransactionLock(SqlDialect.FirstAdminLockKey) is { } lockSql) await session.ExecuteAsync(lockSql).ConfigureAwait(false);
        if (await ActiveAdminsAsync(session).ConfigureAwait(false) > 0) return false;
        var existing = await session.SingleOrDefaultAsync<UserRecord>($"SELECT {Columns} FROM users WHERE name = @Name", admin).ConfigureAwait(false);
        if (existing is null)
            await session.ExecuteAsync(
                $"INSERT INTO users ({Columns}) VALUES (@Id, @Name, @DisplayName, @PasswordHash, @IsAdmin, @Disabled, @CreatedAt)",
                admin with { Id = StoreIds.New(), IsAdmin = true, Disabled = false, CreatedAt = database.Now() }).ConfigureAwait(false);
        else
            await session.ExecuteAsync(
                "UPDATE users SET password_hash = @PasswordHash, is_admin = @IsAdmin, disabled = @Disabled WHERE id = @Id",
                existing with { PasswordHash = admin.PasswordHash, IsAdmin = true, Disabled = false }).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>The user with this id, or null.</summary>
    public async Task<UserRecord?> GetAsync(string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<UserRecord>($"SELECT {Columns} FROM users WHERE id = @id", new { id }).ConfigureAwait(false);
    }

    /// <summary>The user with this login name, or null.</summary>
    public async Task<UserRecord?> FindByNameAsync(string name, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<UserRecord>($"SELECT {Columns} FROM users WHERE name = @name", new { name }).ConfigureAwait(false);
    }

    /// <summary>Users by name.</summary>
    public async Task<IReadOnlyList<UserRecord>> ListAsync(Page? page = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var p = Page.Resolve(page);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<UserRecord>(
            $"SELECT {Columns} FROM users ORDER BY name LIMIT @Limit OFFSET @Offset", new { p.Limit, p.Offset }).ConfigureAwait(false);
    }

    /// <summary>
    /// Saves a user's name, display name, password hash, admin flag and disabled flag; false when
    /// there is no such user. A name already taken is a <see cref="StoreConflictException"/>.
    /// </summary>
    public async Task<bool> UpdateAsync(UserRecord user, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Name);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        try
        {
            return await session.ExecuteAsync(
                """
                UPDATE users SET name = @Name, display_name = @DisplayName, password_hash = @PasswordHash,
                    is_admin = @IsAdmin, disabled = @Disabled
                WHERE id = @Id
                """, user).ConfigureAwait(false) == 1;
        }
        catch (DbException ex) when (StoreErrors.IsUniqueViolation(ex))
        {
            throw new StoreConflictException($"A user named \"{user.Name}\" already exists.", ex);
        }
    }

    private static Task<long> ActiveAdminsAsync(DbSession session) =>
        session.ScalarAsync<long>("SELECT COUNT(*) FROM users WHERE is_admin AND NOT disabled AND id <> @local", new { local = LocalUserId });
}
