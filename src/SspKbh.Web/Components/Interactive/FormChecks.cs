using System.Globalization;
using FluentValidation;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Components.Interactive;

/// <summary>Texts shared by the interactive forms' fields.</summary>
public static class FormChecks
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>"Cut at N characters" under a text field whose text reached the field's (and the validator's) limit.</summary>
    public static string? Cut(string? value, int max) =>
        value is not null && value.Length >= max ? string.Format(Danish, Texts.Validation_CutAtMax, max) : null;
}

/// <summary>
/// The validation of one interactive MudBlazor form: a field's messages are its FluentValidation rules
/// (the same validator the service runs on save), an optional extra rule of the page, and, until the
/// field's value changes, what the service answered about it. MudBlazor asks through
/// <see cref="For{T}"/>; the error summary above the form shows <see cref="Summary"/>.
/// </summary>
public sealed class FormChecks<TInput>(Func<TInput> input, IValidator<TInput> validator, Func<string, IEnumerable<string>>? extra = null)
    where TInput : class
{
    /// <summary>The service's messages per field, with the value the field had when they were given.</summary>
    private readonly Dictionary<string, (object? Value, List<string> Messages)> server = new(StringComparer.Ordinal);

    /// <summary>Messages for the whole form after a save was refused (field messages and general ones).</summary>
    public List<string> Summary { get; private set; } = [];

    /// <summary>The service refused the save because someone else saved first.</summary>
    public bool Conflict => Summary.Contains(Texts.Concurrency_Conflict);

    /// <summary>The validation function of a MudBlazor field bound to <paramref name="property"/>.</summary>
    public Func<T, IEnumerable<string>> For<T>(string property) => _ => Messages(property);

    public List<string> Messages(string property)
    {
        var messages = validator.Validate(input(), options => options.IncludeProperties(property))
            .Errors.Where(e => e.PropertyName == property).Select(e => e.ErrorMessage).ToList();
        if (extra is not null)
        {
            messages.AddRange(extra(property).Except(messages));
        }

        if (server.TryGetValue(property, out var answer) && Equals(answer.Value, ValueOf(property)))
        {
            messages.AddRange(answer.Messages.Except(messages));
        }

        return messages;
    }

    /// <summary>Before a save: the old answers no longer count.</summary>
    public void Clear()
    {
        server.Clear();
        Summary = [];
    }

    /// <summary>The client-side rules refused the form: the summary lists what the fields say.</summary>
    public void Refused(IEnumerable<string> fieldMessages) => Summary = fieldMessages.Distinct().ToList();

    /// <summary>The service refused the save: its field messages go to their fields, everything to the summary.</summary>
    public void Refused(ServiceResult result)
    {
        foreach (var (field, messages) in result.FieldErrors)
        {
            server[field] = (ValueOf(field), messages);
        }

        Summary = result.FieldErrors.SelectMany(f => f.Value).Concat(result.GeneralErrors).Distinct().ToList();
    }

    private object? ValueOf(string property) => typeof(TInput).GetProperty(property)?.GetValue(input());
}
