using System.Net;
using System.Net.Http.Json;
using Cantus.Service.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.Api;

/// <summary>Sign-in attempts are limited per address: the sixth within a minute is a 429 with Retry-After.</summary>
public sealed class SignInRateLimitTests : IClassFixture<RateLimitedCantusWebFactory>
{
    private readonly RateLimitedCantusWebFactory _factory;

    public SignInRateLimitTests(RateLimitedCantusWebFactory factory) => _factory = factory;

    [Fact]
    public async Task SignIn_IsRateLimited_AndAWrongPasswordSaysNothingMore()
    {
        await _factory.Services.GetRequiredService<AccountService>().CreateUserAsync("erin", "correct horse battery");
        var client = _factory.CreateClient();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await client.PostAsJsonAsync("/api/session", new { name = i % 2 == 0 ? "erin" : "nobody", password = "wrong password!" });
            if (i < 5)
            {
                var problem = await ProblemAssert.IsProblem(last, HttpStatusCode.Unauthorized);
                Assert.Equal("The name or the password is wrong.", problem.GetProperty("detail").GetString());
            }
        }
        await ProblemAssert.IsProblem(last, HttpStatusCode.TooManyRequests);
        Assert.True(last.Headers.RetryAfter is not null, "429 without Retry-After");
    }
}
