using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

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
