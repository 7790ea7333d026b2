using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Service.Accounts;
using Cantus.Service.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.Api;

/// <summary>A public server: sign-in with a cookie and anti-forgery header, API tokens, rate-limited sign-in, and every user's things private (another user's id is a 404).</summary>
public sealed class AccountsApiTests : IClassFixture<PublicCantusWebFactory>
{
    private readonly PublicCantusWebFactory _factory;

    public AccountsApiTests(PublicCantusWebFactory factory) => _factory = factory;

    private AccountService Accounts => _factory.Services.GetRequiredService<AccountService>();

    private async Task<(HttpClient Client, string Csrf)> SignedIn(string name)
    {
        try
        {
            await Accounts.CreateUserAsync(name, "correct horse battery");
        }
        catch (Service.Errors.CantusException)
        {
            // created by an earlier test of this class
        }
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var session = await client.PostAsJsonAsync("/api/session", new { name, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var csrf = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf);
        return (client, csrf);
    }

    private async Task<HttpClient> WithToken(string name)
    {
        try
        {
            await Accounts.CreateUserAsync(name, "another long password");
        }
        catch (Service.Errors.CantusException)
        {
        }
        var store = _factory.Services.GetRequiredService<CantusStore>();
        var user = (await store.Users.FindByNameAsync(name))!;
        var token = await Accounts.CreateTokenAsync(user.Id, "tests");
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        return client;
    }

    [Fact]
    public async Task WithoutSigningIn_OnlyHealthTheReferenceAndSharedLinksAnswer()
    {
        var anonymous = _factory.CreateClient();
        await ProblemAssert.IsProblem(await anonymous.GetAsync("/api/models"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await anonymous.PostAsync("/api/compositions", CompositionsApiTests.Form(CompositionsApiTests.Melody(2))), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await anonymous.GetAsync("/api/training-jobs"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        var session = await anonymous.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.True(session.GetProperty("accounts").GetBoolean());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("user").ValueKind);
        var bad = anonymous;
        bad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await ProblemAssert.IsProblem(await bad.GetAsync("/api/models"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EveryUsersThings_AreInvisibleToOthers_ExceptThroughAShareLink()
    {
        var (alice, _) = await SignedIn("alice");
        var bob = await WithToken("bob");

        var created = await alice.PostAsync("/api/compositions", CompositionsApiTests.Form(CompositionsApiTests.Melody(2), ("model", "sample")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/models/sample/clone", new { name = "alices" })).StatusCode);

        await ProblemAssert.IsProblem(await bob.GetAsync($"/api/compositions/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await bob.GetAsync($"/api/compositions/{id}/midi"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await bob.DeleteAsync($"/api/compositions/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await bob.PostAsync($"/api/compositions/{id}/share", null), HttpStatusCode.NotFound);
        Assert.Equal(0, (await bob.GetFromJsonAsync<JsonElement>("/api/compositions")).GetArrayLength());
        await ProblemAssert.IsProblem(await bob.GetAsync("/api/models/alices"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await bob.DeleteAsync("/api/models/alices"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await bob.PostAsJsonAsync("/api/models/alices/clone", new { name = "stolen" }), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await bob.GetFromJsonAsync<JsonElement>("/api/models")).EnumerateArray(), m => m.GetProperty("name").GetString() == "alices");
        var composeWithIt = await bob.PostAsync("/api/compositions", CompositionsApiTests.Form(CompositionsApiTests.Melody(2), ("model", "alices")));
        await ProblemAssert.IsProblem(composeWithIt, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await bob.PostAsJsonAsync("/api/training-jobs", new { dataset = "jsb-chorales", baseModel = "alices" }), HttpStatusCode.NotFound);

        var melody = await (await alice.PostAsync("/api/melodies", new MultipartFormDataContent { { new ByteArrayContent(CompositionsApiTests.Melody(2)), "melody", "m.mid" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var melodyId = melody.GetProperty("id").GetString()!;
        await ProblemAssert.IsProblem(await bob.GetAsync($"/api/melodies/{melodyId}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await bob.GetAsync($"/api/melodies/{melodyId}/midi"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await bob.DeleteAsync($"/api/melodies/{melodyId}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await bob.PostAsync("/api/compositions", CompositionsApiTests.Form(null, ("melodyId", melodyId), ("model", "sample"))), HttpStatusCode.NotFound);
        Assert.Equal(0, (await bob.GetFromJsonAsync<JsonElement>("/api/melodies")).GetArrayLength());

        // Alice's own view is whole, and her share link plays without login.
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/compositions/{id}")).StatusCode);
        var share = await (await alice.PostAsync($"/api/compositions/{id}/share", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetAsync(share.GetProperty("url").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync(share.GetProperty("url").GetString() + "/midi")).StatusCode);
    }

    [Fact]
    public async Task CookieChanges_NeedTheAntiforgeryHeader()
    {
        var (carol, _) = await SignedIn("carol");
        var noHeader = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await noHeader.PostAsJsonAsync("/api/session", new { name = "carol", password = "correct horse battery" })).StatusCode);
        var refused = await ProblemAssert.IsProblem(await noHeader.PostAsJsonAsync("/api/models/sample/clone", new { name = "carols" }), HttpStatusCode.BadRequest);
        Assert.Contains("X-CSRF-TOKEN", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await carol.PostAsJsonAsync("/api/models/sample/clone", new { name = "carols" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await carol.DeleteAsync("/api/session")).StatusCode);
        await ProblemAssert.IsProblem(await carol.GetAsync("/api/models"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tokens_AreShownOnce_StoredHashed_AndRevocable()
    {
        var (dave, _) = await SignedIn("dave");
        var created = await dave.PostAsJsonAsync("/api/tokens", new { name = "script" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var tokenId = body.GetProperty("token").GetProperty("id").GetString()!;
        var list = await dave.GetStringAsync("/api/tokens");
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        var store = _factory.Services.GetRequiredService<CantusStore>();
        await using (var connection = await store.Database.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM api_tokens";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    Assert.NotEqual(secret, reader.IsDBNull(i) ? null : reader.GetValue(i)?.ToString());
        }
        Assert.StartsWith("pbkdf2-sha512$", (await store.Users.FindByNameAsync("dave"))!.PasswordHash, StringComparison.Ordinal);

        var script = _factory.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/models")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await dave.DeleteAsync($"/api/tokens/{tokenId}")).StatusCode);
        await ProblemAssert.IsProblem(await script.GetAsync("/api/models"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Datasets_ArePrivate_AndOnlyAdministratorsDownloadBuiltIns()
    {
        var (frank, _) = await SignedIn("frank");
        var grace = await WithToken("grace");
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("a.mid").Open();
            entry.Write(CompositionsApiTests.Melody(2));
        }
        var form = new MultipartFormDataContent { { new StringContent("franks"), "name" }, { new ByteArrayContent(zip.ToArray()), "archive", "a.zip" } };
        Assert.Equal(HttpStatusCode.Created, (await frank.PostAsync("/api/datasets", form)).StatusCode);
        Assert.Contains((await frank.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray(), d => d.GetProperty("name").GetString() == "franks");
        Assert.DoesNotContain((await grace.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray(), d => d.GetProperty("name").GetString() == "franks");
        await ProblemAssert.IsProblem(await grace.GetAsync("/api/datasets/franks"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await grace.DeleteAsync("/api/datasets/franks"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await grace.PostAsJsonAsync("/api/training-jobs", new { dataset = "franks", iterations = 2 }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Forbidden, (await frank.PostAsync("/api/datasets/jsb-chorales/download", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await frank.DeleteAsync("/api/datasets/franks")).StatusCode);
    }
}
