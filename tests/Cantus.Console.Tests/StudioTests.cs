using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cantus.Cli.Tests;
using Cantus.Music.Midi;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cantus.Console.Tests;

/// <summary>The studio in a real browser: a melody in (file, on-screen keyboard, computer keys), compose, play, download.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class StudioTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    private static string Sample(string name) => Path.Combine(CliRunner.RepoRoot, "samples", "melodies", name);

    [BrowserFact]
    public async Task Import_a_MIDI_file_compose_play_and_download_MIDI_and_WAV()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.Server.Url + "/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Compose" }).WaitForAsync();
        var load = await page.EvaluateAsync<JsonElement>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; const r = performance.getEntriesByName('cantus-rendered')[0]; " +
            "const js = performance.getEntriesByType('resource').filter(e => e.name.endsWith('.js')).reduce((s, e) => s + e.transferSize, 0); " +
            "return { domContentLoadedMs: n.domContentLoadedEventEnd, loadMs: n.loadEventEnd, renderedMs: r ? r.startTime : null, jsTransferredBytes: js }; }");
        output.WriteLine($"first load on loopback: {load}");
        fixture.Record(load);
        await ConsoleBrowser.ScreenshotAsync(page, "studio-empty");

        await page.GetByLabel("Import a MIDI file").SetInputFilesAsync(Sample("ode-to-joy.mid"));
        var roll = page.GetByRole(AriaRole.Img, new() { NameRegex = Notes() });
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex(@"1 track, 30 notes"));

        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compose", Exact = true }).ClickAsync();
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex(@"[45] tracks"), new() { Timeout = 30_000 });
        output.WriteLine($"compose: result on screen {clock.ElapsedMilliseconds} ms after the click (as Playwright sees it)");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/studio/[0-9a-z-]+$"));
        await Assertions.Expect(page.GetByText("Saved to your compositions")).ToBeVisibleAsync();

        // More takes, for a steady figure: each new seed is a new composition on screen.
        for (var take = 0; take < 4; take++)
        {
            var before = page.Url;
            await page.GetByRole(AriaRole.Button, new() { Name = "Another take" }).ClickAsync();
            await Assertions.Expect(page).Not.ToHaveURLAsync(before, new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Compose", Exact = true })).ToBeEnabledAsync();
        }

        var play = page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true });
        await play.ClickAsync();
        var pause = page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true });
        await Assertions.Expect(pause).ToBeVisibleAsync();
        // The position moves on while playing.
        await Assertions.Expect(page.GetByLabel("Position", new() { Exact = true })).Not.ToHaveTextAsync("1.1", new() { Timeout = 5_000 });
        await ConsoleBrowser.ScreenshotAsync(page, "studio-composed-playing");
        await pause.ClickAsync();

        // Edit the result (the melody up a semitone): it is saved by itself, and the download holds the edit.
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(page.GetByText("Changes not saved yet")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Saved to your compositions")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var midi = await DownloadAsync(page, "Download MIDI");
        var file = MidiFile.Parse(midi);
        Assert.True(file.Tracks.Count(t => t.NoteCount > 0) >= 4, "the MIDI file holds the melody and the voices");
        var original = MidiFile.Read(Sample("ode-to-joy.mid")).Tracks.First(t => t.NoteCount > 0);
        Assert.Equal(Pitches(original).Select(p => p + 1), Pitches(file.Tracks.First(t => t.NoteCount > 0)));

        var wav = WavCheck.Of(await DownloadAsync(page, "Download WAV"));
        output.WriteLine($"WAV: {wav.SampleRate} Hz, {wav.Channels} channels, {wav.Seconds:F1} s, RMS {wav.Rms:F3}");
        Assert.InRange(wav.Seconds, 15, 30);
        Assert.True(wav.Rms > 0.01, $"the WAV is silent (RMS {wav.Rms})");

        await ReportMeasurementsAsync(page);
        fixture.Browser.AssertNoProblems();
    }

    [BrowserFact]
    public async Task Record_a_melody_from_the_on_screen_keyboard_and_compose()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.Server.Url + "/");
        await page.GetByLabel("Count-in").SelectOptionAsync("0");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^● Record") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^■ Stop") })).ToBeVisibleAsync();
        foreach (var name in new[] { "C4", "D4", "E4", "F4", "G4", "G4", "A4", "G4", "F4", "E4", "D4", "C4" })
        {
            var key = page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
            await key.ScrollIntoViewIfNeededAsync();
            var box = (await key.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height * 0.85f);
            await page.Mouse.DownAsync();
            await page.WaitForTimeoutAsync(180);
            await page.Mouse.UpAsync();
            await page.WaitForTimeoutAsync(60);
        }
        await ConsoleBrowser.ScreenshotAsync(page, "studio-recording");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^■ Stop") }).ClickAsync();
        var roll = page.GetByRole(AriaRole.Img, new() { NameRegex = Notes() });
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex(@"1 track, 12 notes"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Compose", Exact = true }).ClickAsync();
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex(@"[45] tracks"), new() { Timeout = 30_000 });
        await ReportMeasurementsAsync(page);
        fixture.Browser.AssertNoProblems();
    }

    [BrowserFact]
    public async Task The_studio_flow_works_with_the_keyboard_alone()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.Server.Url + "/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Compose" }).WaitForAsync();
        // Step input, then the computer keys write C D E F G E C at the cursor.
        await page.Keyboard.PressAsync("i");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Step input" })).ToHaveAttributeAsync("aria-pressed", "true");
        foreach (var key in "asdfgda")
            await page.Keyboard.PressAsync(key.ToString());
        var roll = page.GetByRole(AriaRole.Img, new() { NameRegex = Notes() });
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex(@"1 track, 7 notes"));
        // Edit by keys: select all, up an octave, undo, redo.
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.PressAsync("Shift+ArrowUp");
        await page.Keyboard.PressAsync("Control+z");
        await page.Keyboard.PressAsync("Control+y");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("i");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex(@"[45] tracks"), new() { Timeout = 30_000 });
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true })).ToBeVisibleAsync();
        // Tab reaches the download, and Enter on it downloads.
        var reached = false;
        for (var i = 0; i < 120 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement?.textContent?.trim() === 'Download MIDI'");
        }
        Assert.True(reached, "Tab never reached 'Download MIDI'");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(7, MidiFile.Parse(bytes).Tracks.First(t => t.NoteCount > 0).NoteCount);
        await ConsoleBrowser.ScreenshotAsync(page, "studio-keyboard-only");
        fixture.Browser.AssertNoProblems();
    }

    private static IEnumerable<int> Pitches(MidiTrack track) =>
        track.Events.OfType<ChannelEvent>().Where(e => e.IsNoteOn).Select(e => e.Data1);

    private static async Task<byte[]> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        return await File.ReadAllBytesAsync(await download.PathAsync());
    }

    private async Task ReportMeasurementsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.cantusMeasurements ?? {}");
        output.WriteLine($"measurements: {json}");
        fixture.Record(json);
    }

    [GeneratedRegex("notes")]
    private static partial Regex Notes();
}
