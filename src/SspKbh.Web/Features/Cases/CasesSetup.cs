namespace SspKbh.Web.Features.Cases;

public static class CasesSetup
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseService>();
        services.AddScoped<CaseWorkService>();
        services.AddScoped<CaseListQuery>();
        return services;
    }
}
