using System.Net;

namespace Cantus.Web.Tests.Api;

/// <summary>On a public server each client has a request budget: beyond it, 429 with Retry-After.</summary>
public sealed class RequestRateLimitTests : IClassFixture<ThrottledCantusWebFactory>
{
    private readonly ThrottledCantusWebFactory _factory;

    public RequestRateLimitTests(ThrottledCantusWebFactory factory) => _factory = factory;

    [Fact]
    public async Task ABurstBeyondTheBudget_Is429WithRetryAfter()
    {
        var client = _factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12; i++)
        {
            var response = await client.GetAsync("/api/health");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.NotNull(limited);
        await ProblemAssert.IsProblem(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}
