namespace Cantus.Console.Tests;

/// <summary>The browser tests share one server and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "console";
}
