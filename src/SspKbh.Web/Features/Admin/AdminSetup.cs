using SspKbh.Web.Features.Admin.Organisation;
using SspKbh.Web.Features.Admin.Users;

namespace SspKbh.Web.Features.Admin;

public static class AdminSetup
{
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserAccountActions>();
        services.AddScoped<OrganisationAdministration>();
        services.AddScoped<Deadlines.DeadlineAdministration>();
        services.AddScoped<Checklists.ChecklistReader>();
        services.AddScoped<Checklists.ChecklistAdministration>();
        services.AddScoped<AuditLog.AuditLogQuery>();
        services.AddScoped<AuditLog.AuditLogGrid>();
        return services;
    }
}
