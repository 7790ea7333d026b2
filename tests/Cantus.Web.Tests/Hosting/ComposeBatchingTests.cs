using System.Net;
using System.Text.Json;
using Cantus.Service.Composing;
using Cantus.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.Hosting;

/// <summary><c>Cantus:ComposeBatchWaitMs</c>: dynamic batching of compose requests, on by default, off with 0, refused out of range.</summary>
public sealed class ComposeBatchingTests
{
    [Fact]
    public void TheSetting_ReachesTheComposeUseCase()
    {
        using (var byDefault = new CantusWebFactory())
            Assert.Equal(ComposeBatching.Default, byDefault.Services.GetRequiredService<ComposeMelody>().Batching);
        using (var off = new WaitFactory("0"))
            Assert.Equal(TimeSpan.Zero, off.Services.GetRequiredService<ComposeMelody>().Batching.Wait);
        using (var set = new WaitFactory("7.5"))
            Assert.Equal(TimeSpan.FromMilliseconds(7.5), set.Services.GetRequiredService<ComposeMelody>().Batching.Wait);
        using var wrong = new WaitFactory("-1");
        var ex = Assert.ThrowsAny<Exception>(() => wrong.Services.GetRequiredService<ComposeMelody>());
        Assert.Contains("batching wait", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentComposeRequests_GiveTheSameMusicWithAndWithoutBatching()
    {
        async Task<List<byte[]>> ComposeAll(string waitMs)
        {
            using var factory = new WaitFactory(waitMs);
            using var client = factory.CreateClient();
            var created = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.PostAsync("/api/compositions",
                CompositionsApiTests.Form(CompositionsApiTests.Melody(2 + 2 * i), ("model", "sample"), ("seed", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("candidates", (1 + i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture))))));
            var result = new List<byte[]>();
            foreach (var response in created)
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Created, body);
                var midi = JsonDocument.Parse(body).RootElement.GetProperty("links").GetProperty("midi").GetString();
                result.Add(await client.GetByteArrayAsync(midi));
            }
            return result;
        }

        var off = await ComposeAll("0");
        var on = await ComposeAll("200"); // long enough for the six to share passes
        Assert.Equal(off, on);
    }

    private sealed class WaitFactory(string waitMs) : CantusWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Cantus:ComposeBatchWaitMs", waitMs);
        }
    }
}
