using SspKbh.Web.Features.Admin.Organisation;
using SspKbh.Web.Features.Admin.Users;

namespace SspKbh.Web.Features.Admin;

public static class AdminSetup
{
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<UserAdministration>();
        services.AddScoped<OrganisationAdministration>();
        return services;
    }
}

/// <summary>The outcome of an administrative change: field errors (shown next to the fields) or success.</summary>
public sealed class AdminResult
{
    public Dictionary<string, List<string>> FieldErrors { get; } = new(StringComparer.Ordinal);

    public List<string> GeneralErrors { get; } = [];

    public bool Succeeded => FieldErrors.Count == 0 && GeneralErrors.Count == 0;

    public string? CreatedId { get; set; }

    public AdminResult Field(string field, string message)
    {
        if (!FieldErrors.TryGetValue(field, out var list))
        {
            FieldErrors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public AdminResult General(string message)
    {
        GeneralErrors.Add(message);
        return this;
    }
}
