namespace Cantus.Cli;

/// <summary>A command-line value that parsed but makes no sense (exit code 1).</summary>
internal sealed class UsageException(string message) : Exception(message)
{
    /// <summary>The library's complaint about an option, without .NET's "(Parameter 'name')" suffix, which names a C# parameter the user never saw.</summary>
    public static UsageException From(ArgumentException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var suffix = ex.ParamName is null ? null : $" (Parameter '{ex.ParamName}')";
        return new UsageException(suffix is not null && ex.Message.EndsWith(suffix, StringComparison.Ordinal) ? ex.Message[..^suffix.Length] : ex.Message);
    }
}
