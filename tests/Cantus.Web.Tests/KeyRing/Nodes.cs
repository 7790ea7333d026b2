using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Service.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.KeyRing;

/// <summary>What the key-ring tests do with a node: make a user, sign in, and send a cookie the way a browser behind a proxy would.</summary>
internal static class Nodes
{
    public const string Password = "correct horse battery";

    /// <summary>Signs <paramref name="name"/> in on <paramref name="node"/> (creating the user first): the cookies as a <c>Cookie</c> header, and the anti-forgery token.</summary>
    public static async Task<(string Cookies, string Csrf)> SignInAsync(WebApplicationFactory<Program> node, string name)
    {
        await node.Services.GetRequiredService<AccountService>().CreateUserAsync(name, Password);
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/session", new { name, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csrf = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
        var cookies = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        Assert.Contains("cantus=", cookies, StringComparison.Ordinal);
        return (cookies, csrf);
    }

    /// <summary>A client of <paramref name="node"/> that sends <paramref name="cookies"/> (and the anti-forgery token, if any) with every request.</summary>
    public static HttpClient WithCookies(WebApplicationFactory<Program> node, string cookies, string? csrf = null)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookies);
        if (csrf is not null) client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf);
        return client;
    }

    /// <summary>The name of the user <paramref name="client"/>'s cookie signs in, or null.</summary>
    public static async Task<string?> SignedInAsync(HttpClient client)
    {
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");
        return session.GetProperty("user").ValueKind == JsonValueKind.Null ? null : session.GetProperty("user").GetProperty("name").GetString();
    }
}
