using Cantus.Cli.Tests;
using Microsoft.Playwright;

namespace Cantus.Console.Tests;

/// <summary>
/// Debian's chromium driven by Playwright, on one console server: a page per test that fails the
/// test on a script error or a server error (5xx), and screenshots saved where a person can look
/// at them (artifacts/console-screenshots).
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _problems = [];

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Where screenshots go.</summary>
    public static string Screenshots { get; } = Path.Combine(CliRunner.RepoRoot, "artifacts", "console-screenshots");

    /// <summary>Script errors and 5xx answers seen so far, in words.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems) return [.. _problems];
        }
    }

    /// <summary>Starts chromium (headless; audio allowed without a gesture so that the synthesizer runs in tests).</summary>
    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--autoplay-policy=no-user-gesture-required", "--no-sandbox"],
        });
        return new ConsoleBrowser(playwright, browser);
    }

    /// <summary>A fresh browser profile (no cookies) with one page at 1280×800 (or <paramref name="width"/>).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.Contains("Failed to load resource", StringComparison.Ordinal)) Add($"console error on {page.Url}: {m.Text}");
        };
        page.PageError += (_, e) => Add($"script error on {page.Url}: {e}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 500) Add($"{r.Status} from {r.Request.Method} {r.Url}");
        };
        return page;
    }

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
    }

    /// <summary>Fails when a script error or a server error was seen.</summary>
    public void AssertNoProblems() => Assert.True(Problems.Count == 0, string.Join("\n", Problems));

    private void Add(string problem)
    {
        lock (_problems) _problems.Add(problem);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
