using System.Text.RegularExpressions;
using Cantus.Cli.Tests;
using Cantus.Music.Midi;
using Microsoft.Playwright;

namespace Cantus.Console.Tests;

/// <summary>A server with accounts: sign in, compose, share; the share link opens signed out; API tokens.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccountTests(ConsoleFixture fixture, PublicConsoleServer publicServer) : IClassFixture<PublicConsoleServer>
{
    private string Url => publicServer.Server.Url;

    [BrowserFact]
    public async Task A_share_link_opens_signed_out_and_plays_and_downloads()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(Url + "/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Cantus" }).WaitForAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "sign-in");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("admin");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("wrong password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The name or the password is wrong.")).ToBeVisibleAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(publicServer.Server.AdminPassword!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Compose" }).WaitForAsync();

        await page.GetByLabel("Import a MIDI file").SetInputFilesAsync(Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "twinkle-twinkle.mid"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Compose", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/studio/[0-9a-z-]+$"), new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create share link" }).ClickAsync();
        var link = await page.GetByLabel("Share link").InputValueAsync();
        Assert.Matches("^http://127.0.0.1:[0-9]+/shared/[A-Za-z0-9_-]+$", link);

        // A new browser profile: no cookie, nobody signed in.
        var stranger = await fixture.Browser.NewPageAsync();
        await stranger.GotoAsync(link);
        await Assertions.Expect(stranger.GetByRole(AriaRole.Button, new() { Name = "Play" })).ToBeVisibleAsync();
        await Assertions.Expect(stranger.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("shared composition") })).ToHaveAttributeAsync("aria-label", new Regex("[45] tracks"));
        await Assertions.Expect(stranger.GetByRole(AriaRole.Navigation)).ToHaveCountAsync(0);
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
        await Assertions.Expect(stranger.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(stranger, "shared-signed-out");
        var download = await stranger.RunAndWaitForDownloadAsync(() => stranger.GetByRole(AriaRole.Link, new() { Name = "Download MIDI" }).ClickAsync());
        Assert.True(MidiFile.Parse(await File.ReadAllBytesAsync(await download.PathAsync())).NoteCount > 20);

        // Revoked, the link opens nothing, in words.
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke link" }).ClickAsync();
        await stranger.ReloadAsync();
        await Assertions.Expect(stranger.GetByText("its owner may have revoked it")).ToBeVisibleAsync();
        fixture.Browser.AssertNoProblems();
    }

    [BrowserFact]
    public async Task An_API_token_is_shown_once_and_can_be_revoked()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(Url + "/sign-in");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("admin");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(publicServer.Server.AdminPassword!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
        await page.GetByLabel("What will use it").FillAsync("backup script");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make token" }).ClickAsync();
        await Assertions.Expect(page.GetByText("it is shown this once and never again", new() { Exact = false })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "tokens-created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the token backup script" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke token" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Revoked the token “backup script”.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Cantus" }).WaitForAsync();
        fixture.Browser.AssertNoProblems();
    }
}
