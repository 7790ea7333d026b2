namespace Cantus.Service.Tests.TestSupport;

/// <summary>Reports on the calling thread, in order.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>Creates <see cref="SyncProgress{T}"/> with the type inferred.</summary>
internal static class SyncProgress
{
    public static SyncProgress<T> Of<T>(Action<T> report) => new(report);
}
