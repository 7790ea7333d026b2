using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Dapper;

namespace Cantus.Service.Tests.Storage;

public abstract class AccountTests(StoreFixture fixture)
{
    private CantusStore Store => fixture.Store;

    [StoreFact]
    public async Task UsersRoundTripAndUpdate()
    {
        var name = "ada-" + StoreIds.New();
        var created = await Store.Users.CreateAsync(new UserRecord { Name = name, DisplayName = "Ada", PasswordHash = "kdf$1", IsAdmin = true });
        Assert.True(StoreIds.IsWellFormed(created.Id));
        Assert.Equal(created, await Store.Users.GetAsync(created.Id));
        Assert.Equal(created, await Store.Users.FindByNameAsync(name));
        Assert.Contains(created, await Store.Users.ListAsync(new Page(0, Page.MaxLimit)));

        var changed = created with { DisplayName = "Ada L.", PasswordHash = "kdf$2", Disabled = true };
        Assert.True(await Store.Users.UpdateAsync(changed));
        Assert.Equal(changed, await Store.Users.GetAsync(created.Id));
        Assert.False(await Store.Users.UpdateAsync(changed with { Id = StoreIds.New() }));
        Assert.Null(await Store.Users.GetAsync(StoreIds.New()));
        Assert.Null(await Store.Users.FindByNameAsync("nobody-" + StoreIds.New()));
    }

    [StoreFact]
    public async Task ATakenUserNameIsAConflict()
    {
        var name = "taken-" + StoreIds.New();
        await Store.Users.CreateAsync(new UserRecord { Name = name, DisplayName = "First" });
        var refused = await Assert.ThrowsAsync<StoreConflictException>(() => Store.Users.CreateAsync(new UserRecord { Name = name, DisplayName = "Second" }));
        Assert.Contains(name, refused.Message, StringComparison.Ordinal);

        var other = await Store.Users.CreateAsync(new UserRecord { Name = "other-" + StoreIds.New(), DisplayName = "Other" });
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.Users.UpdateAsync(other with { Name = name }));
    }

    [StoreFact]
    public async Task TokensAreStoredHashedAuthenticateAndRevoke()
    {
        var user = await Store.NewUserAsync();
        var made = await Store.ApiTokens.CreateAsync(user, "laptop script");
        Assert.Equal(43, made.Secret.Length);
        Assert.Equal(made.Secret[..8], made.Token.Prefix);
        Assert.Equal([made.Token], await Store.ApiTokens.ListAsync(user));

        await using (var connection = await Store.Database.OpenConnectionAsync())
        {
            var hash = await connection.ExecuteScalarAsync<string>("SELECT token_hash FROM api_tokens WHERE id = @Id", made.Token);
            Assert.Equal(StoreIds.HashToken(made.Secret), hash);
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM api_tokens WHERE id = @id OR name = @id OR token_hash = @id OR prefix = @id", new { id = made.Secret }));
        }

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var used = await Store.ApiTokens.AuthenticateAsync(made.Secret);
        Assert.NotNull(used);
        Assert.Equal(user, used.UserId);
        Assert.True(used.LastUsedAt > made.Token.CreatedAt);
        Assert.Equal(used.LastUsedAt, (await Store.ApiTokens.ListAsync(user))[0].LastUsedAt);
        fixture.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(used.LastUsedAt, (await Store.ApiTokens.AuthenticateAsync(made.Secret))!.LastUsedAt);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = (await Store.ApiTokens.AuthenticateAsync(made.Secret))!.LastUsedAt;
        Assert.True(later > used.LastUsedAt);
        Assert.Equal(later, (await Store.ApiTokens.ListAsync(user))[0].LastUsedAt);
        Assert.Null(await Store.ApiTokens.AuthenticateAsync(made.Secret[..^1] + (made.Secret[^1] == 'A' ? 'B' : 'A')));

        var stranger = await Store.NewUserAsync();
        Assert.False(await Store.ApiTokens.RevokeAsync(stranger, made.Token.Id));
        Assert.Empty(await Store.ApiTokens.ListAsync(stranger));
        Assert.NotNull(await Store.ApiTokens.AuthenticateAsync(made.Secret));

        Assert.True(await Store.ApiTokens.RevokeAsync(user, made.Token.Id));
        var revokedAt = (await Store.ApiTokens.ListAsync(user))[0].RevokedAt;
        Assert.NotNull(revokedAt);
        Assert.True(await Store.ApiTokens.RevokeAsync(user, made.Token.Id));
        Assert.Equal(revokedAt, (await Store.ApiTokens.ListAsync(user))[0].RevokedAt);
        Assert.Null(await Store.ApiTokens.AuthenticateAsync(made.Secret));
    }

    [StoreFact]
    public async Task ADisabledUsersTokensAuthenticateNothing()
    {
        var user = await Store.Users.CreateAsync(new UserRecord { Name = "gone-" + StoreIds.New(), DisplayName = "Gone" });
        var made = await Store.ApiTokens.CreateAsync(user.Id, "ci");
        Assert.NotNull(await Store.ApiTokens.AuthenticateAsync(made.Secret));
        await Store.Users.UpdateAsync(user with { Disabled = true });
        Assert.Null(await Store.ApiTokens.AuthenticateAsync(made.Secret));
    }

    [StoreFact]
    public async Task ATokenForAMissingUserIsNotFound() =>
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.ApiTokens.CreateAsync(StoreIds.New(), "orphan"));

    public sealed class OnSqlite(SqliteStoreFixture fixture) : AccountTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : AccountTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
