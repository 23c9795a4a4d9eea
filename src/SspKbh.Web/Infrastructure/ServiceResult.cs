using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Infrastructure;

/// <summary>The outcome of a change made through a service: field errors (shown next to the fields) or success.</summary>
public sealed class ServiceResult
{
    public Dictionary<string, List<string>> FieldErrors { get; } = new(StringComparer.Ordinal);

    public List<string> GeneralErrors { get; } = [];

    public bool Succeeded => FieldErrors.Count == 0 && GeneralErrors.Count == 0;

    public string? CreatedId { get; set; }

    public ServiceResult Field(string field, string message)
    {
        if (!FieldErrors.TryGetValue(field, out var list))
        {
            FieldErrors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public ServiceResult General(string message)
    {
        GeneralErrors.Add(message);
        return this;
    }
}
