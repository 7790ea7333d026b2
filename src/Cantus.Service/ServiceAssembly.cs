namespace Cantus.Service;

/// <summary>Marker of the Cantus.Service assembly (use cases, book-keeping store, jobs).</summary>
public static class ServiceAssembly
{
    /// <summary>The assembly's informational version.</summary>
    public static string Version => typeof(ServiceAssembly).Assembly.GetName().Version?.ToString() ?? "0";
}
