namespace SspKbh.Web.Infrastructure;

/// <summary>
/// The app's clock. Tests and demonstrations outside Production may move it forward with
/// <c>Testing:ClockOffset</c> (e.g. "10.00:00:00") to show what happens after a deadline;
/// in Production the setting is ignored.
/// </summary>
public static class Clock
{
    public static IServiceCollection AddSspClock(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var offset = configuration.GetValue<TimeSpan?>("Testing:ClockOffset");
        services.AddSingleton<TimeProvider>(offset is { } o && o != TimeSpan.Zero && !environment.IsProduction()
            ? new OffsetTimeProvider(o)
            : TimeProvider.System);
        return services;
    }

    private sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
