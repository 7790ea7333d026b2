using System.Text.Json;

namespace Cantus.Console.Tests;

/// <summary>One local <c>cantus serve</c> and one chromium for the browser tests; the latency figures they measured are written to artifacts at the end.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private readonly List<JsonElement> _measurements = [];
    private ConsoleBrowser? _browser;

    /// <summary>The server.</summary>
    public ConsoleServer Server { get; } = new();

    /// <summary>The browser (started with the fixture when chromium is installed).</summary>
    public ConsoleBrowser Browser => _browser ?? throw new InvalidOperationException("chromium is not installed");

    /// <summary>Keeps one page's measurements (window.cantusMeasurements).</summary>
    public void Record(JsonElement measurements)
    {
        lock (_measurements) _measurements.Add(measurements.Clone());
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.Chromium)) return;
        await Server.InitializeAsync();
        _browser = await ConsoleBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        await Server.DisposeAsync();
        if (_measurements.Count == 0) return;
        Directory.CreateDirectory(ConsoleBrowser.Screenshots);
        await File.WriteAllTextAsync(Path.Combine(ConsoleBrowser.Screenshots, "..", "console-measurements.json"), JsonSerializer.Serialize(_measurements));
    }
}
