using System.Text.RegularExpressions;
using Cantus.Cli.Tests;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cantus.Console.Tests;

/// <summary>Training in the browser: the form, the live run page, and composing with the model it made.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainingTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task A_tiny_training_job_shows_live_progress_completes_and_its_model_composes()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.Server.Url + "/training/new");
        await page.GetByRole(AriaRole.Heading, new() { Name = "New training" }).WaitForAsync();
        await page.GetByLabel("jsb-chorales", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("tiny-e2e");
        await page.GetByText("Roll shape", new() { Exact = true }).ClickAsync();
        var fields = new (string Label, string Value)[]
        {
            ("Iterations", "40"), ("Batch size", "8"), ("Critic steps (update ratio)", "1"), ("Filters", "2"), ("Latent channels", "4"),
            ("Lowest pitch", "36"), ("Pitches", "64"), ("Checkpoint every (iterations)", "10"), ("Measure music every (iterations)", "10"),
            ("Evaluation melodies", "4"), ("Samples per checkpoint", "2"),
        };
        foreach (var (label, value) in fields) await page.GetByRole(AriaRole.Spinbutton, new() { Name = label, Exact = true }).FillAsync(value);
        await ConsoleBrowser.ScreenshotAsync(page, "training-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start training" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/training/[0-9a-z-]+$"));

        // Progress moves on the page without a reload: collect the values the bar shows until the run ends.
        var seen = new HashSet<string>();
        var compose = page.GetByRole(AriaRole.Link, new() { Name = "Compose with this model" });
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await compose.IsVisibleAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the run did not finish within 3 minutes; progress seen: {string.Join(", ", seen)}");
            foreach (var bar in await page.GetByRole(AriaRole.Progressbar).AllAsync())
                if (await bar.GetAttributeAsync("aria-valuenow") is { } v) seen.Add(v);
            await page.WaitForTimeoutAsync(100);
        }
        output.WriteLine($"progress values seen live: {string.Join(", ", seen)}");
        Assert.True(seen.Count >= 2, $"the progress did not move on the page: {string.Join(", ", seen)}");
        await Assertions.Expect(page.GetByText("Completed", new() { Exact = true }).Or(page.GetByText("Succeeded", new() { Exact = true })).First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);
        await ConsoleBrowser.ScreenshotAsync(page, "training-run-finished");

        await compose.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Model", new() { Exact = true })).ToHaveValueAsync("tiny-e2e");
        await page.GetByLabel("Import a MIDI file").SetInputFilesAsync(Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "twinkle-twinkle.mid"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Compose", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "tiny-e2e" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ConsoleBrowser.ScreenshotAsync(page, "studio-composed-with-own-model");
        fixture.Browser.AssertNoProblems();
    }
}
