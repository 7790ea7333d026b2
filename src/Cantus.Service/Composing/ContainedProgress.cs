using System.Runtime.ExceptionServices;
using Cantus.Gan;

namespace Cantus.Service.Composing;

/// <summary>
/// A request's progress as the batch's pass reports it: a report that throws does not stop the
/// pass (other requests share it); the first exception is kept for <see cref="ThrowIfFailed"/>,
/// which the request calls after the pass, and later reports are dropped.
/// </summary>
internal sealed class ContainedProgress(IProgress<WorkProgress> inner) : IProgress<WorkProgress>
{
    private ExceptionDispatchInfo? _failure;

    /// <inheritdoc/>
    public void Report(WorkProgress value)
    {
        if (Volatile.Read(ref _failure) is not null) return;
        try
        {
            inner.Report(value);
        }
#pragma warning disable CA1031 // kept and rethrown to the request it belongs to
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(ex), null);
        }
#pragma warning restore CA1031
    }

    /// <summary>Rethrows the first exception a report threw, if any.</summary>
    public void ThrowIfFailed() => Volatile.Read(ref _failure)?.Throw();
}
