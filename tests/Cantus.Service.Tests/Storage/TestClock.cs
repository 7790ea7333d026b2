namespace Cantus.Service.Tests.Storage;

/// <summary>The system clock plus an offset that tests move forward (to age blobs past the grace period).</summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
