using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using SspKbh.Web.Components.Interactive;

namespace SspKbh.Web.Features.Cases.Dialogs;

/// <summary>
/// A dialog on the case page that changes something about the case: it reads what it edits as it is now (access-checked
/// and audited by the service), validates while the user types with the rules the service applies on save, and saves in
/// a DI scope of its own. A refused save keeps the dialog open with the Danish messages at their fields; a stale stamp
/// offers the newest version. It closes with <c>true</c> when saved and <c>false</c> when the data changed under it, so
/// the page knows to reload. <typeparamref name="TData"/> is what the dialog reads (the case, the consent register's
/// choices); <see cref="CaseDialog{TInput}"/> is the one for changes to the case itself.
/// </summary>
public abstract class FormDialog<TData, TInput> : ComponentBase
    where TData : class
    where TInput : class
{
    protected static readonly System.Globalization.CultureInfo Danish = System.Globalization.CultureInfo.GetCultureInfo("da-DK");

    private readonly HashSet<string> touchedGroups = new(StringComparer.Ordinal);
    private bool stale;
    private bool tried;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject] private UiOperations Operations { get; set; } = default!;

    [Parameter, EditorRequired] public int CaseId { get; set; }

    protected TData? Data { get; private set; }

    protected TInput? Input { get; private set; }

    protected FormChecks<TInput> Checks { get; private set; } = default!;

    protected MudForm? Form { get; set; }

    protected bool Saving { get; private set; }

    /// <summary>Set when the user may not (or no longer) change the case, or it is gone.</summary>
    protected LookupOutcome? Refused { get; private set; }

    /// <summary>Reads what the dialog edits, in a DI scope of its own; null data with the outcome when refused.</summary>
    protected abstract Task<(LookupOutcome Outcome, TData? Data)> ReadAsync(UiOperations operations, ClaimsPrincipal user);

    /// <summary>Saves through the service, in a DI scope of its own.</summary>
    protected abstract Task<WorkResult> WriteAsync(UiOperations operations, TInput input, ClaimsPrincipal user);

    protected abstract TInput CreateInput(TData data);

    protected abstract IValidator<TInput> CreateValidator(TData data);

    /// <summary>
    /// Asked after the input passed validation and before it is saved, for a change that cannot simply be undone (the
    /// SSP+ handover). False saves nothing and keeps the dialog open as it is.
    /// </summary>
    protected virtual Task<bool> ConfirmAsync(TInput input) => Task.FromResult(true);

    /// <summary>A rule of the dialog beyond the validator's (e.g. the level form at levels 3–4).</summary>
    protected virtual IEnumerable<string> Extra(string property) => [];

    /// <summary>
    /// Fields shown as a group of check boxes: no MudBlazor input carries their rule, so the dialog shows their messages
    /// itself (<see cref="GroupMessages"/>) once the user has ticked in the group or tried to save.
    /// </summary>
    protected virtual IEnumerable<string> Groups => [];

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        var (outcome, data) = await ReadAsync(Operations, user);
        if (data is null)
        {
            Refused = outcome;
            return;
        }

        Data = data;
        Input = CreateInput(data);
        Checks = new FormChecks<TInput>(() => Input!, CreateValidator(data), Extra);
    }

    /// <summary>After a conflict: the newest version replaces what the dialog showed.</summary>
    protected async Task ReloadAsync()
    {
        stale = true;
        await LoadAsync();
    }

    /// <summary>The messages of a group of check boxes, once the user has ticked in it or tried to save.</summary>
    protected IReadOnlyList<string> GroupMessages(string property) =>
        Input is not null && (tried || touchedGroups.Contains(property)) ? Checks.Messages(property) : [];

    /// <summary>The user ticked in a group: its messages show from now on.</summary>
    protected void Touch(string property) => touchedGroups.Add(property);

    protected async Task SubmitAsync()
    {
        if (Saving || Form is null || Input is null)
        {
            return;
        }

        Saving = true;
        tried = true;
        try
        {
            Checks.Clear();
            await Form.ValidateAsync();
            var groupErrors = Groups.SelectMany(Checks.Messages).ToList();
            if (!Form.IsValid || groupErrors.Count > 0)
            {
                Checks.Refused(Form.Errors.Concat(groupErrors));
                return;
            }

            if (!await ConfirmAsync(Input))
            {
                return;
            }

            var user = (await AuthenticationState).User;
            var result = await WriteAsync(Operations, Copy(Input), user);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(true));
                return;
            }

            if (result.Outcome != LookupOutcome.Found)
            {
                Refused = result.Outcome;
                return;
            }

            Checks.Refused(result.Result);
            await Form.ValidateAsync();
        }
        finally
        {
            Saving = false;
        }
    }

    protected void Cancel()
    {
        if (stale || Refused is not null)
        {
            Dialog.Close(DialogResult.Ok(false));
            return;
        }

        Dialog.Cancel();
    }

    /// <summary>The service may fill in defaults on what it is given; the dialog keeps what the user chose.</summary>
    private static TInput Copy(TInput input) => JsonSerializer.Deserialize<TInput>(JsonSerializer.Serialize(input))!;

    /// <summary>A date picker's value for a DateOnly field.</summary>
    protected static DateTime? AsDateTime(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    protected static DateOnly? AsDate(DateTime? value) => value is null ? null : DateOnly.FromDateTime(value.Value);
}
