namespace SspKbh.Web.Features.Statistics;

public static class StatisticsSetup
{
    public static IServiceCollection AddStatistics(this IServiceCollection services) => services.AddScoped<StatisticsQuery>();
}
