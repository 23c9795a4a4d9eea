using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Forms.Mapping;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Components.Shared;

/// <summary>
/// Runs a FluentValidation validator when an <see cref="EditForm"/> validates and puts the messages
/// next to the fields (Blazored.FluentValidation is not available here).
/// </summary>
public sealed class FluentValidator : ComponentBase, IDisposable
{
    private ValidationMessageStore? _messages;
    private EditContext? _subscribed;

    [CascadingParameter] public EditContext EditContext { get; set; } = default!;

    [Parameter, EditorRequired] public IValidator Validator { get; set; } = default!;

    /// <summary>The posted values that could not be bound (letters in a number, an unknown option).</summary>
    [CascadingParameter] public FormMappingContext? MappingContext { get; set; }

    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_subscribed, EditContext))
        {
            return;
        }

        Dispose();
        _subscribed = EditContext;
        _messages = new ValidationMessageStore(EditContext);
        EditContext.OnValidationRequested += Validate;
    }

    private void Validate(object? sender, ValidationRequestedEventArgs e)
    {
        _messages!.Clear();
        var model = EditContext.Model;
        var result = Validator.Validate(new ValidationContext<object>(model));
        foreach (var error in result.Errors)
        {
            _messages.Add(new FieldIdentifier(model, error.PropertyName), error.ErrorMessage);
        }

        // A value that could not be bound leaves the property empty; without this the form would be
        // valid and save that empty value. The errors are kept per form name: the posted _handler.
        var formName = HttpContext?.Request.HasFormContentType == true ? HttpContext.Request.Form["_handler"].ToString() : "";
        foreach (var error in MappingContext?.GetAllErrors(formName) ?? [])
        {
            foreach (var field in FieldsOf(error, model))
            {
                _messages.Add(field, Texts.Validation_InvalidValue);
            }
        }

        EditContext.NotifyValidationStateChanged();
    }

    /// <summary>
    /// Where a mapping error belongs. Blazor names the property for most values, but reports some (a date
    /// that is not a date) against the whole form model; then the posted fields of that model that were not
    /// empty but left their property empty are the ones that failed.
    /// </summary>
    private IEnumerable<FieldIdentifier> FieldsOf(FormMappingError error, object model)
    {
        var container = error.Container ?? model;
        if (!string.Equals(error.Name, error.Path, StringComparison.Ordinal) || HttpContext?.Request.HasFormContentType != true)
        {
            return [new FieldIdentifier(container, error.Name)];
        }

        var prefix = error.Path + ".";
        var failed = HttpContext.Request.Form
            .Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f.Value))
            .Select(f => f.Key[prefix.Length..])
            .Where(name => container.GetType().GetProperty(name) is { CanRead: true } property && property.GetValue(container) is null)
            .Select(name => new FieldIdentifier(container, name))
            .ToList();
        return failed.Count > 0 ? failed : [new FieldIdentifier(container, error.Name)];
    }

    public void Dispose()
    {
        if (_subscribed is not null)
        {
            _subscribed.OnValidationRequested -= Validate;
            _subscribed = null;
        }
    }
}
