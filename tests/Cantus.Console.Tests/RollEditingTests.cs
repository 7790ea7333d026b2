using System.Text.RegularExpressions;
using Cantus.Cli.Tests;
using Microsoft.Playwright;

namespace Cantus.Console.Tests;

/// <summary>The piano roll with the mouse (draw, move, delete, box-select, undo) and a damaged MIDI file dropped on the studio.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class RollEditingTests(ConsoleFixture fixture)
{
    [BrowserFact]
    public async Task Notes_are_drawn_moved_deleted_and_box_selected_with_the_mouse_and_undo_brings_them_back()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.Server.Url + "/");
        var roll = page.GetByRole(AriaRole.Img, new() { NameRegex = Notes() });
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex("0 notes"));
        var box = (await roll.BoundingBoxAsync())!;
        float X(double f) => (float)(box.X + 44 + f * (box.Width - 44));
        float Y(double f) => (float)(box.Y + 22 + f * (box.Height - 22));

        await page.Mouse.ClickAsync(X(0.10), Y(0.50));
        await page.Mouse.ClickAsync(X(0.30), Y(0.40));
        // Drawing and dragging right makes a longer note.
        await page.Mouse.MoveAsync(X(0.50), Y(0.60));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(X(0.60), Y(0.60), new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex("1 track, 3 notes"));

        // Drag the first note to the right: still three notes.
        await page.Mouse.MoveAsync(X(0.10), Y(0.50));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(X(0.20), Y(0.50), new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex("3 notes"));

        // Right-click deletes the note under the pointer.
        await page.Mouse.ClickAsync(X(0.30), Y(0.40), new() { Button = MouseButton.Right });
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex("2 notes"));

        // Shift-drag on empty space selects the notes in the box; Delete removes them; undo restores.
        await page.Keyboard.DownAsync("Shift");
        await page.Mouse.MoveAsync(X(0.02), Y(0.30));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(X(0.98), Y(0.75), new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await page.Keyboard.UpAsync("Shift");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true })).ToBeEnabledAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "studio-editing");
        await page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex("0 notes"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex("2 notes"));
        fixture.Browser.AssertNoProblems();
    }

    [BrowserFact]
    public async Task A_damaged_MIDI_file_dropped_on_the_studio_is_read_with_its_repairs_in_words()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.Server.Url + "/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Compose" }).WaitForAsync();
        // The file cut short in its last track: the notes before the cut are kept.
        var bytes = File.ReadAllBytes(Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "ode-to-joy.mid"));
        var damaged = bytes[..(bytes.Length - 40)];
        var transfer = await page.EvaluateHandleAsync(
            "bytes => { const t = new DataTransfer(); t.items.add(new File([new Uint8Array(bytes)], 'damaged.mid', { type: 'audio/midi' })); return t; }",
            damaged.Select(b => (int)b).ToArray());
        var studio = page.GetByRole(AriaRole.Region, new() { Name = "Studio" });
        await studio.DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await studio.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await Assertions.Expect(page.GetByText("Read with repairs:")).ToBeVisibleAsync();
        var roll = page.GetByRole(AriaRole.Img, new() { NameRegex = Notes() });
        await Assertions.Expect(roll).ToHaveAttributeAsync("aria-label", new Regex(@"1 track, (1\d|2\d) notes"));
        await ConsoleBrowser.ScreenshotAsync(page, "studio-dropped-damaged-file");
        fixture.Browser.AssertNoProblems();
    }

    [GeneratedRegex("notes")]
    private static partial Regex Notes();
}
