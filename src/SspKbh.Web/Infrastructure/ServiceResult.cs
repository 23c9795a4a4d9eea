using FluentValidation;

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

    /// <summary>
    /// The form's rules, run by the service too: the service is the authority, the interactive form only shows the same
    /// rules earlier. A value no form would send (no level, a 1 MB text, an unknown factor) is refused with the form's
    /// Danish message before anything is saved. Null when the input passes.
    /// </summary>
    public static ServiceResult? Refusing<T>(IValidator<T> validator, T input)
    {
        var errors = validator.Validate(input).Errors;
        if (errors.Count == 0)
        {
            return null;
        }

        var result = new ServiceResult();
        foreach (var error in errors)
        {
            result.Field(error.PropertyName, error.ErrorMessage);
        }

        return result;
    }
}
