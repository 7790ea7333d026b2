namespace Cantus.Console.Tests;

/// <summary>A server with accounts (<c>--public</c>).</summary>
public sealed class PublicConsoleServer : IAsyncLifetime
{
    /// <summary>The server.</summary>
    public ConsoleServer Server { get; } = new(true);

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}
