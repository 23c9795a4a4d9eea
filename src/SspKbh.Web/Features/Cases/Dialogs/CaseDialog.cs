using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using SspKbh.Web.Components.Interactive;

namespace SspKbh.Web.Features.Cases.Dialogs;

/// <summary>
/// A dialog on the case page that changes the case: it reads the case as it is now (with its concurrency
/// stamp, access-checked and audited by the service), validates while the user types with the rules the
/// service applies on save, and saves in a DI scope of its own. A refused save keeps the dialog open with
/// the Danish messages at their fields; a stale stamp offers the newest version. It closes with
/// <c>true</c> when saved and <c>false</c> when the case changed under it, so the page knows to reload.
/// </summary>
public abstract class CaseDialog<TInput> : ComponentBase
    where TInput : class
{
    protected static readonly System.Globalization.CultureInfo Danish = System.Globalization.CultureInfo.GetCultureInfo("da-DK");

    private bool stale;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject] private UiOperations Operations { get; set; } = default!;

    [Parameter, EditorRequired] public int CaseId { get; set; }

    protected CaseFormData? Data { get; private set; }

    protected TInput? Input { get; private set; }

    protected FormChecks<TInput> Checks { get; private set; } = default!;

    protected MudForm? Form { get; set; }

    protected bool Saving { get; private set; }

    /// <summary>Set when the user may not (or no longer) change the case, or it is gone.</summary>
    protected LookupOutcome? Refused { get; private set; }

    /// <summary>Whether the dialog needs the case's risk and protective factors.</summary>
    protected virtual bool WithFactors => false;

    protected abstract TInput CreateInput(CaseFormData data);

    protected abstract IValidator<TInput> CreateValidator(CaseFormData data);

    protected abstract Task<WorkResult> SaveAsync(CaseWorkService work, TInput input, ClaimsPrincipal user);

    /// <summary>A rule of the dialog beyond the validator's (e.g. the level form at levels 3–4).</summary>
    protected virtual IEnumerable<string> Extra(string property) => [];

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        var (outcome, data) = await Operations.RunAsync<CasePageLoader, (LookupOutcome, CaseFormData?)>(
            loader => loader.LoadFormAsync(CaseId, WithFactors, user, CancellationToken.None));
        if (data is null)
        {
            Refused = outcome;
            return;
        }

        Data = data;
        Input = CreateInput(data);
        Checks = new FormChecks<TInput>(() => Input!, CreateValidator(data), Extra);
    }

    /// <summary>After a conflict: the newest version of the case replaces what the dialog showed.</summary>
    protected async Task ReloadAsync()
    {
        stale = true;
        await LoadAsync();
    }

    protected async Task SubmitAsync()
    {
        if (Saving || Form is null || Input is null)
        {
            return;
        }

        Saving = true;
        try
        {
            Checks.Clear();
            await Form.ValidateAsync();
            if (!Form.IsValid)
            {
                Checks.Refused(Form.Errors);
                return;
            }

            var user = (await AuthenticationState).User;
            var sent = Copy(Input);
            var result = await Operations.RunAsync<CaseWorkService, WorkResult>(work => SaveAsync(work, sent, user));
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
