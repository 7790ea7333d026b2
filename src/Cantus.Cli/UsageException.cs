namespace Cantus.Cli;

/// <summary>A command-line value that parsed but makes no sense (exit code 1).</summary>
internal sealed class UsageException(string message) : Exception(message);
