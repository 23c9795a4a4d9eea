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
            _messages.Add(error.Container is null ? new FieldIdentifier(model, error.Name) : new FieldIdentifier(error.Container, error.Name), Texts.Validation_InvalidValue);
        }

        EditContext.NotifyValidationStateChanged();
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
