using System.Text.RegularExpressions;
using Cantus.Cli.Tests;
using Cantus.Cli.Tests.Processes;

namespace Cantus.Console.Tests;

/// <summary>
/// A real <c>cantus serve</c> on a temporary data directory holding the JSB chorales (copied from
/// ../shared/datasets), for the browser to use; the process and the directory go at the end.
/// </summary>
public sealed partial class ConsoleServer : IAsyncLifetime
{
    private readonly bool _public;
    private CantusServer? _server;

    /// <summary>A local server (the single local user).</summary>
    public ConsoleServer() : this(false)
    {
    }

    /// <summary>A server with accounts when <paramref name="isPublic"/>.</summary>
    public ConsoleServer(bool isPublic) => _public = isPublic;

    /// <summary>The temporary data directory.</summary>
    public string Data { get; } = Path.Combine(Path.GetTempPath(), $"cantus-console-{Guid.NewGuid():N}");

    /// <summary>The server's address.</summary>
    public string Url => _server?.Url ?? throw new InvalidOperationException("not started");

    /// <summary>The administrator's password printed at first start (public servers).</summary>
    public string? AdminPassword { get; private set; }

    /// <summary>What the server printed.</summary>
    public string Output => _server?.Output ?? "";

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(Data, "datasets", "jsb-chorales");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(CliRunner.Datasets, "jsb-chorales", "Jsb16thSeparated.json"), Path.Combine(folder, "Jsb16thSeparated.json"));
        _server = CantusServer.Serve(Data, extra: _public ? ["--public"] : []);
        await _server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        // As a server that has been up a few seconds: its warm-up compose has run, so the figures measured are the steady ones.
        await _server.WaitForOutputAsync("Warmed up", TimeSpan.FromSeconds(60));
        if (_public)
        {
            await _server.WaitForOutputAsync("created the administrator", TimeSpan.FromSeconds(10));
            AdminPassword = AdminLine().Match(_server.Output).Groups[1].Value;
        }
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        try
        {
            Directory.Delete(Data, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    [GeneratedRegex("with the password (\\S+)")]
    private static partial Regex AdminLine();
}
