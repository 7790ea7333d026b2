namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// What <c>cantus serve</c> prints: no line per request (ASP.NET Core's and Quartz's information lines
/// are quiet by default), unless the configuration asks for them, as the environment does here.
/// </summary>
public sealed class ServeLoggingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-logging-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory(Timeout = 120_000)]
    [InlineData(null, false)]
    [InlineData("Information", true)]
    public async Task Requests_are_logged_only_when_asked_for(string? level, bool logged)
    {
        var environment = level is null ? null : new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.AspNetCore"] = level };
        using var server = CantusServer.Serve(Path.Combine(_root, level ?? "default"), worker: false, environment: environment);
        await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var client = server.Client();
        for (var i = 0; i < 3; i++) (await client.GetAsync("/api/health")).EnsureSuccessStatusCode();
        await Task.Delay(500); // the console logger writes on a thread of its own
        Assert.Equal(logged, server.Output.Contains("Request starting HTTP/1.1 GET", StringComparison.Ordinal));
        Assert.Contains("Now listening on", server.Output, StringComparison.Ordinal); // the start-up lines stay
        Assert.DoesNotContain("info: Quartz", server.Output, StringComparison.Ordinal); // the scheduler's start-up lines (its warnings stay)
    }
}
