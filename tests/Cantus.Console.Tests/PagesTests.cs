using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Cli.Tests;
using Microsoft.Playwright;

namespace Cantus.Console.Tests;

/// <summary>Every page of the console, with data in it: it loads without a script or server error, holds at 1024 px, and is saved as a screenshot to look at.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PagesTests(ConsoleFixture fixture)
{
    [BrowserFact]
    public async Task Every_page_loads_holds_at_1024_px_and_is_screenshotted()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Server.Url) };
        var composition = await ComposeAsync(http);
        var jobs = new[] { await TrainAsync(http, "pages-a", 7), await TrainAsync(http, "pages-b", 8) };
        foreach (var job in jobs) await WaitFinishedAsync(http, job);

        var pages = new (string Path, string Name, string Heading)[]
        {
            ("/", "studio", "Compose"),
            ($"/studio/{composition}", "studio-composition", "Tracks"),
            ("/compositions", "compositions", "Compositions"),
            ("/models", "models", "Models"),
            ("/models/bach-chorales", "model-detail", "bach-chorales"),
            ("/models/compare?a=bach-chorales&b=pages-a", "models-compare", "bach-chorales and pages-a"),
            ("/training", "training", "Training"),
            ("/training/new?from=bach-chorales", "training-new-from-model", "New training"),
            ($"/training/{jobs[0]}", "training-run", "pages-a"),
            ($"/training/compare?a={jobs[0]}&b={jobs[1]}", "training-compare", "Compare training runs"),
            ("/tokens", "tokens", "API tokens"),
            ("/no-such-page", "not-found", "Nothing here"),
        };
        foreach (var width in new[] { 1280, 1024 })
        {
            var page = await fixture.Browser.NewPageAsync(width, 800);
            foreach (var (path, name, heading) in pages)
            {
                await page.GotoAsync(fixture.Server.Url + path);
                await page.GetByRole(AriaRole.Heading, new() { Name = heading }).First.WaitForAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await Assertions.Expect(page.Locator(".loading")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a {width} px window");
                await ConsoleBrowser.ScreenshotAsync(page, width == 1280 ? name : $"{name}-1024");
            }
        }
        fixture.Browser.AssertNoProblems();
    }

    private static async Task<string> ComposeAsync(HttpClient http)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "deck-the-halls.mid"))), "melody", "deck-the-halls.mid");
        var response = await http.PostAsync("/api/compositions", form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> TrainAsync(HttpClient http, string name, int seed)
    {
        var response = await http.PostAsJsonAsync("/api/training-jobs", new
        {
            dataset = "jsb-chorales", name, seed, iterations = 30, batchSize = 8, criticSteps = 1, filters = 2, lowestPitch = 36, pitches = 64,
            latentChannels = 4, checkpointEvery = 10, metricsEvery = 10, evaluationSamples = 4, previewSamples = 2,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task WaitFinishedAsync(HttpClient http, string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var job = await http.GetFromJsonAsync<JsonElement>($"/api/training-jobs/{id}");
            var state = job.GetProperty("state").GetString();
            if (state == "completed") return;
            Assert.True(state is not ("failed" or "canceled"), $"training job {id} ended {state}: {job}");
            Assert.True(DateTime.UtcNow < deadline, $"training job {id} did not finish in 3 minutes: {job}");
            await Task.Delay(250);
        }
    }
}
