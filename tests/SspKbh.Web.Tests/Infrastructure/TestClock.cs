namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>
/// The test app's clock: real time plus an offset that a test can only move forward (so the other
/// tests sharing the app never see time go backwards). It replaces the app's TimeProvider, which is
/// also the clock of the auth cookie handler and the security-stamp validator.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        Assert.True(by >= TimeSpan.Zero, "The test clock only moves forward.");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
